import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { tryInput } from './tryit-store'

/**
 * Generate on a diffusion model: a seed for the starting noise, DDPM (all T steps) or DDIM (a
 * few deterministic steps, as many as the project's sampling setting by default). The worker
 * samples with the same core sampler as the Train tab's previews (core/tryit/diffusion-run.ts).
 */
export function DiffusionInput({ timesteps, samplingSteps }: { timesteps: number; samplingSteps: number }) {
  const { t } = useTranslation()
  const [seed, setSeed] = useState(1)
  const [method, setMethod] = useState<'ddim' | 'ddpm'>('ddim')
  const [steps, setSteps] = useState(samplingSteps)
  return (
    <div className="tryit-prompt">
      <p className="tryit-hint">{t('tryit.diffusion.help')}</p>
      <div className="tryit-fields">
        <label className="tryit-field">
          <span>{t('tryit.seed')}</span>
          <input
            type="number"
            min={0}
            step={1}
            value={seed}
            data-testid="tryit-seed"
            onChange={(event) => setSeed(Math.max(0, Math.round(Number(event.target.value) || 0)))}
          />
        </label>
        <label className="tryit-field">
          <span>{t('tryit.diffusion.method')}</span>
          <select
            value={method}
            data-testid="tryit-method"
            onChange={(event) => setMethod(event.target.value === 'ddpm' ? 'ddpm' : 'ddim')}
          >
            <option value="ddim">{t('tryit.diffusion.ddim')}</option>
            <option value="ddpm">{t('tryit.diffusion.ddpm', { steps: timesteps })}</option>
          </select>
        </label>
        {method === 'ddim' && (
          <label className="tryit-field" title={t('tryit.diffusion.stepsHint', { max: timesteps })}>
            <span>{t('tryit.diffusion.steps')}</span>
            <input
              type="number"
              min={1}
              max={timesteps}
              step={1}
              value={steps}
              data-testid="tryit-steps"
              onChange={(event) =>
                setSteps(Math.max(1, Math.min(timesteps, Math.round(Number(event.target.value) || 1))))
              }
            />
          </label>
        )}
      </div>
      <button
        type="button"
        className="button primary"
        data-testid="tryit-run"
        onClick={() => void tryInput({ kind: 'diffuse', seed, method, steps })}
      >
        {t('tryit.generate')}
      </button>
    </div>
  )
}
