import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import {
  chooseSample,
  installActivationsDebugHook,
  PUSH_INTERVAL_MS,
  setActivationsOn,
  useActivations,
} from './activations-store'
import { ActivationView } from './ActivationView'
import { GeneratedSample } from './GeneratedSample'
import { GradientsPanel, GradientsToggle } from './GradientsPanel'
import { UnitView } from './UnitView'
import './inspect.css'
import { SamplePreview } from './SamplePreview'
import './strings'

/**
 * Over the canvas: the Activations toggle and, while on, the sample picker (which test sample
 * runs through the network) with what the pictures on the nodes mean. Also hosts the large view.
 */
export function ActivationsPanel() {
  const { t } = useTranslation()
  const on = useActivations((s) => s.on)
  const reading = useActivations((s) => s.reading)
  const problem = useActivations((s) => s.problem)
  const pending = useActivations((s) => s.pending)
  const index = useActivations((s) => s.sampleIndex)

  useEffect(() => installActivationsDebugHook(), [])

  const count = reading?.sample.count ?? 0
  const status = problem
    ? t(`activations.${problem.reason}`, { message: problem.message })
    : pending && !reading
      ? t('activations.reading')
      : reading?.duringTraining
        ? t('activations.live', { seconds: PUSH_INTERVAL_MS / 1000 })
        : reading
          ? t('activations.final')
          : ''

  return (
    <>
      <div className={`activations-panel${on ? ' open' : ''}`} data-testid="activations-panel">
        <button
          type="button"
          className={`activations-toggle${on ? ' on' : ''}`}
          data-testid="activations-toggle"
          aria-pressed={on}
          title={t('activations.toggleHint')}
          onClick={() => setActivationsOn(!on)}
        >
          <span className="activations-toggle-mark" aria-hidden />
          {t('activations.toggle')}
        </button>
        <GradientsToggle />
        {on && (
          <div className="activations-card">
            {reading && (
              <div className="activations-sample">
                <SamplePreview preview={reading.sample.preview} />
                <div className="activations-sample-text">
                  <span data-testid="activation-sample">
                    {t('activations.sample', { index: reading.sample.index + 1, count })}
                  </span>
                  {reading.sample.label !== null && (
                    <span className="activations-label">{t('activations.label', { label: reading.sample.label })}</span>
                  )}
                </div>
              </div>
            )}
            <div className="activations-picker">
              <button
                type="button"
                className="button"
                data-testid="activation-prev"
                disabled={index <= 0}
                onClick={() => chooseSample(index - 1)}
                aria-label={t('activations.previous')}
                title={t('activations.previous')}
              >
                ‹
              </button>
              <button
                type="button"
                className="button"
                data-testid="activation-next"
                disabled={count > 0 && index >= count - 1}
                onClick={() => chooseSample(index + 1)}
                aria-label={t('activations.next')}
                title={t('activations.next')}
              >
                ›
              </button>
              <button
                type="button"
                className="button"
                data-testid="activation-random"
                disabled={count === 0}
                onClick={() => chooseSample(Math.floor(Math.random() * count))}
              >
                {t('activations.random')}
              </button>
            </div>
            {status && (
              <p
                className={`activations-status${problem ? ' problem' : ''}`}
                data-testid="activations-status"
                role={problem ? 'alert' : undefined}
              >
                {status}
              </p>
            )}
            {reading?.generated && <GeneratedSample generated={reading.generated} />}
            <p className="activations-intro">{t('activations.intro')}</p>
          </div>
        )}
      </div>
      <ActivationView />
      <UnitView />
      <GradientsPanel />
    </>
  )
}
