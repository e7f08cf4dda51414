import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TryItSpec } from '../../../core/tryit/spec'
import { ImageInput } from './ImageInput'
import { tryInput } from './tryit-store'

/**
 * An autoencoder's input: a picture (drawn, uploaded, dropped, from the webcam) or one of the
 * test samples; a denoising autoencoder also gets the seed of the noise added to it. The
 * output shows the (noised) input beside the reconstruction (TryItOutput).
 */
export function ReconstructionInput({ spec }: { spec: TryItSpec }) {
  const { t } = useTranslation()
  const [seed, setSeed] = useState(1)
  const last = useRef<Float32Array | null>(null)
  const run = (raw: Float32Array, withSeed = seed) => {
    last.current = raw
    void tryInput({ kind: 'features', raw, seed: withSeed })
  }
  if (spec.input.kind !== 'image') return null
  const denoising = (spec.noise ?? 0) > 0
  return (
    <div className="tryit-reconstruction">
      <ImageInput {...spec.input} onPixels={(raw) => run(raw)} />
      {(spec.examples?.length ?? 0) > 0 && (
        <div className="tryit-tools">
          <span>{t('tryit.autoencoder.examples')}</span>
          {spec.examples!.map((values, i) => (
            <button
              key={i}
              type="button"
              className="button"
              data-testid={`tryit-example-${i}`}
              onClick={() => run(Float32Array.from(values))}
            >
              {i + 1}
            </button>
          ))}
        </div>
      )}
      {denoising && (
        <label className="tryit-field" title={t('tryit.autoencoder.noiseHint', { sigma: spec.noise })}>
          <span>{t('tryit.autoencoder.noiseSeed', { sigma: spec.noise })}</span>
          <input
            type="number"
            min={0}
            step={1}
            value={seed}
            data-testid="tryit-seed"
            onChange={(event) => {
              const next = Math.max(0, Math.round(Number(event.target.value) || 0))
              setSeed(next)
              if (last.current) run(last.current, next)
            }}
          />
        </label>
      )}
    </div>
  )
}
