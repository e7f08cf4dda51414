import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { TryItOutcome } from '../../../core/tryit/run'
import type { TryItSpec } from '../../../core/tryit/spec'
import { SeriesChart } from './SeriesChart'

/**
 * The answer, shown plainly: class probabilities as bars (the ten likeliest), numbers, a
 * generated picture, or the prompt and the text the model wrote. The exact numbers are on
 * data-input / data-output (what the tests compare with tfjs' model.predict).
 */
export function TryItOutput({ spec, outcome }: { spec: TryItSpec; outcome: TryItOutcome }) {
  const { t } = useTranslation()
  const values = outcome.output
  const best = values.reduce((b, v, i) => (v > values[b] ? i : b), 0)
  return (
    <section
      className="tryit-output"
      data-testid="tryit-output"
      data-input={JSON.stringify(Array.from(outcome.input))}
      data-output={JSON.stringify(Array.from(values))}
      {...(spec.result === 'classes' ? { 'data-top': String(best) } : {})}
      aria-live="polite"
    >
      {spec.result === 'classes' ? (
        <>
          <h3>{t('tryit.probabilities')}</h3>
          {Array.from(values, (_, i) => i)
            .sort((a, b) => values[b] - values[a])
            .slice(0, 10)
            .map((i) => (
              <div key={i} className={`tryit-bar-row${i === best ? ' best' : ''}`}>
                <span className="tryit-bar-name">{spec.classNames?.[i] ?? `#${i}`}</span>
                <span className="tryit-bar-track">
                  <span
                    className="tryit-bar"
                    style={{ width: `${Math.max(0, Math.min(100, values[i] * 100)).toFixed(1)}%` }}
                  />
                </span>
                <span className="tryit-bar-value">{(values[i] * 100).toFixed(1)}%</span>
              </div>
            ))}
        </>
      ) : spec.result === 'text' && outcome.text ? (
        <>
          <h3>{t('tryit.generated')}</h3>
          <p className="tryit-generated" data-generated={outcome.text.generated}>
            <strong>{outcome.text.prompt}</strong>
            {outcome.text.generated}
          </p>
        </>
      ) : spec.input.kind === 'series' ? (
        <SeriesChart window={outcome.input} predicted={values} horizon={spec.input.horizon} />
      ) : spec.task === 'autoencoder' && spec.imageShape ? (
        <div className="tryit-pictures">
          <figure>
            <figcaption>
              {t((spec.noise ?? 0) > 0 ? 'tryit.autoencoder.noisedInput' : 'tryit.autoencoder.input')}
            </figcaption>
            <Picture values={Float32Array.from(outcome.input)} shape={spec.imageShape} testId="tryit-input-picture" />
          </figure>
          <figure>
            <figcaption>{t('tryit.autoencoder.reconstruction')}</figcaption>
            <Picture values={values} shape={spec.imageShape} />
          </figure>
        </div>
      ) : spec.result === 'image' && spec.imageShape ? (
        <>
          <h3>{t('tryit.generated')}</h3>
          <Picture values={values} shape={spec.imageShape} />
        </>
      ) : (
        <>
          <h3>{t('tryit.values')}</h3>
          <p className="tryit-values">{Array.from(values.slice(0, 32), (v) => v.toPrecision(4)).join('  ')}</p>
        </>
      )}
    </section>
  )
}

/** A generated sample as a picture: 0–1 as it is, −1–1 (tanh) shifted, anything else stretched. */
function Picture({ values, shape, testId }: { values: Float32Array; shape: number[]; testId?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const [h, w, c] = shape
  useEffect(() => {
    let min = Infinity
    let max = -Infinity
    for (const v of values) {
      min = Math.min(min, v)
      max = Math.max(max, v)
    }
    const unit = min >= -1 && max <= 1
    const lo = min >= 0 && max <= 1 ? 0 : unit ? -1 : min
    const hi = unit ? 1 : max
    const ctx = canvas.current!.getContext('2d')!
    const image = ctx.createImageData(w, h)
    for (let p = 0; p < w * h; p++) {
      for (let k = 0; k < 3; k++)
        image.data[p * 4 + k] = ((values[p * c + (c === 3 ? k : 0)] - lo) / (hi - lo || 1)) * 255
      image.data[p * 4 + 3] = 255
    }
    ctx.putImageData(image, 0, 0)
  }, [values, h, w, c])
  return <canvas ref={canvas} width={w} height={h} className="tryit-picture" data-testid={testId ?? 'tryit-picture'} />
}
