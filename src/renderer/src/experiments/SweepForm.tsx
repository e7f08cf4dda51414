import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { parseSweep, sweepSize } from '../../../core/experiments/sweep-spec'
import { useDocumentStore } from '../app/document-store'
import { isActive, useTraining } from '../training/training-store'
import { experimentsStore, useExperiments } from './experiments-store'
import { startSweep, stopSweep, sweepLines } from './record-run'

/** The sweep form: settings to vary (one `path=values` per line), grid or random, start/stop and progress. */
export function SweepForm() {
  const { t } = useTranslation()
  const text = useExperiments((state) => state.sweepText)
  const mode = useExperiments((state) => state.sweepMode)
  const count = useExperiments((state) => state.sweepCount)
  const sweep = useExperiments((state) => state.sweep)
  const doc = useDocumentStore((state) => state.doc)
  const busy = useTraining((state) => isActive(state.status) || state.busy)
  const [startError, setStartError] = useState<string | null>(null)
  // Checked as the user types: the same path-precise messages the command line gives.
  const parsed = useMemo(() => parseSweep(doc, sweepLines(text), { mode, count }), [doc, text, mode, count])
  const running = sweep?.state === 'running'
  const problem = startError ?? (parsed.ok ? null : parsed.message)

  return (
    <section className="sweep-form" data-testid="sweep-form" aria-label={t('experiments.sweep.title')}>
      <h3>{t('experiments.sweep.title')}</h3>
      <p className="hint">{t('experiments.sweep.intro')}</p>
      <label className="sweep-settings">
        {t('experiments.sweep.settings')}
        <textarea
          data-testid="sweep-text"
          rows={3}
          spellCheck={false}
          value={text}
          disabled={running}
          onChange={(event) => {
            setStartError(null)
            experimentsStore.setState({ sweepText: event.target.value })
          }}
        />
      </label>
      <p className="hint">{t('experiments.sweep.examples')}</p>
      <div className="sweep-row">
        <label>
          {t('experiments.sweep.mode')}{' '}
          <select
            data-testid="sweep-mode"
            value={mode}
            disabled={running}
            onChange={(event) => experimentsStore.setState({ sweepMode: event.target.value as 'grid' | 'random' })}
          >
            <option value="grid">{t('experiments.sweep.grid')}</option>
            <option value="random">{t('experiments.sweep.random')}</option>
          </select>
        </label>
        {mode === 'random' ? (
          <label>
            {t('experiments.sweep.count')}{' '}
            <input
              type="number"
              min={1}
              max={200}
              data-testid="sweep-count"
              value={count}
              disabled={running}
              onChange={(event) =>
                experimentsStore.setState({ sweepCount: Math.max(1, Math.round(Number(event.target.value) || 1)) })
              }
            />
          </label>
        ) : null}
        {running ? (
          <button type="button" className="button" data-testid="sweep-stop" onClick={stopSweep}>
            {t('experiments.sweep.stop')}
          </button>
        ) : (
          <button
            type="button"
            className="button primary"
            data-testid="sweep-start"
            disabled={!parsed.ok || busy}
            title={busy ? t('experiments.sweep.busy') : undefined}
            onClick={() => setStartError(startSweep())}
          >
            {parsed.ok
              ? t('experiments.sweep.start', { count: sweepSize(parsed.value) })
              : t('experiments.sweep.startInvalid')}
          </button>
        )}
      </div>
      {problem ? (
        <p className="sweep-problem" role="alert" data-testid="sweep-problem">
          {problem}
        </p>
      ) : null}
      {sweep ? (
        <p
          className="hint"
          role="status"
          data-testid="sweep-status"
          data-state={sweep.state}
          data-recorded={sweep.recorded}
        >
          {sweep.state === 'running'
            ? t('experiments.sweep.progress', { index: sweep.index + 1, of: sweep.combinations.length })
            : sweep.state === 'finished'
              ? t('experiments.sweep.finished', { count: sweep.recorded })
              : t('experiments.sweep.stoppedSweep', { count: sweep.recorded })}
        </p>
      ) : null}
    </section>
  )
}
