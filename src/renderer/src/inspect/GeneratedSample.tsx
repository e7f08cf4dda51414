import { useTranslation } from 'react-i18next'
import { setGenerativeSample, useActivations, type Reading } from './activations-store'
import './generative-strings'
import { SamplePreview } from './SamplePreview'

type Generated = NonNullable<Reading['generated']>

/**
 * The activations card's part for a generated sample: for a GAN the noise seed ("new z") and
 * what the discriminator is shown; for diffusion the timestep slider and x_t, the predicted
 * noise, the estimate x̂₀ and x₀ side by side. Each change asks the worker for a new reading.
 */
export function GeneratedSample({ generated }: { generated: Generated }) {
  const { t } = useTranslation()
  const choice = useActivations((s) => s.generative)
  const newSeed = (
    <button
      type="button"
      className="button"
      data-testid="generated-new-noise"
      title={t('generatedSample.newNoiseHint')}
      onClick={() => setGenerativeSample({ seed: choice.seed + 1 })}
    >
      {t(generated.kind === 'gan' ? 'generatedSample.newNoise' : 'generatedSample.newDiffusionNoise')}
    </button>
  )
  if (generated.kind === 'gan')
    return (
      <div className="generated-sample" data-testid="generated-sample" data-kind="gan">
        <p className="activations-intro">{t('generatedSample.ganIntro')}</p>
        <div className="generated-row">
          {newSeed}
          <span className="activation-caption">{t('generatedSample.seed', { seed: generated.seed })}</span>
        </div>
        <div className="generated-row" role="radiogroup" aria-label={t('generatedSample.judged')}>
          <span>{t('generatedSample.judged')}</span>
          {(['fake', 'real'] as const).map((judged) => (
            <label key={judged}>
              <input
                type="radio"
                name="generated-judged"
                data-testid={`generated-judged-${judged}`}
                checked={generated.judged === judged}
                onChange={() => setGenerativeSample({ judged })}
              />
              {t(`generatedSample.${judged}`)}
            </label>
          ))}
        </div>
        <figure className="generated-figure">
          <SamplePreview preview={generated.fake} />
          <figcaption>{t('generatedSample.fakeTitle')}</figcaption>
        </figure>
        <p className="activation-caption" data-testid="generated-verdict">
          {t('generatedSample.realProbability', { value: generated.realProbability.toFixed(3) })}
        </p>
      </div>
    )
  return (
    <div className="generated-sample" data-testid="generated-sample" data-kind="diffusion">
      <p className="activations-intro">{t('generatedSample.diffusionIntro')}</p>
      <label className="generated-row">
        <span>{t('generatedSample.timestep', { t: generated.t, count: generated.timesteps })}</span>
        <input
          type="range"
          min={0}
          max={generated.timesteps - 1}
          // The chosen t, not the last reading's: a drag or key repeat moves on before the answer comes.
          value={choice.t ?? generated.t}
          data-testid="generated-timestep"
          onChange={(event) => setGenerativeSample({ t: Number(event.target.value) })}
        />
      </label>
      <div className="generated-row">
        {newSeed}
        <span className="activation-caption">
          {t('generatedSample.signal', { percent: `${Math.round(generated.signal * 100)}%` })}
        </span>
      </div>
      <div className="generated-strip">
        {(['noisy', 'predictedNoise', 'denoised', 'clean'] as const).map((part) => (
          <figure key={part} className="generated-figure" data-testid={`generated-${part}`}>
            <SamplePreview preview={generated[part]} />
            <figcaption>{t(`generatedSample.${part}`)}</figcaption>
          </figure>
        ))}
      </div>
    </div>
  )
}
