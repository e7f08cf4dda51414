import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RunRecord } from '../../../core/experiments/run-history'
import { restoreRunSettings } from '../../../core/experiments/restore'
import { commit, documentStore, useDocumentStore } from '../app/document-store'
import { chooseWeights, openExportDialog } from '../export/export-store'
import { isActive, useTraining } from '../training/training-store'
import { experimentsStore, toggleSelected, useExperiments, type CurveMetric, type SortKey } from './experiments-store'
import './experiments.css'
import { CurvesChart, ScatterChart } from './RunCharts'
import { changesFromPrevious, formatSetting, sortedIndices, sweptNumericPaths } from './runs-view'
import './strings'
import { SweepForm } from './SweepForm'

const NO_RUNS: RunRecord[] = []
const METRICS: CurveMetric[] = ['valLoss', 'loss', 'valAccuracy', 'accuracy']

/** The Runs tab: the project's run history, compared (curves, table, scatter), and sweeps. */
export function RunsPanel() {
  const { t } = useTranslation()
  const runs = useDocumentStore((state) => state.doc.runs ?? NO_RUNS)
  const selected = useExperiments((state) => state.selected)
  const metric = useExperiments((state) => state.metric)
  const keepWeights = useExperiments((state) => state.keepWeights)
  const notice = useExperiments((state) => state.notice)
  const swept = sweptNumericPaths(runs)
  const [scatterPath, setScatterPath] = useState<string | null>(null)
  const [scatterMetric, setScatterMetric] = useState<'accuracy' | 'loss'>('accuracy')
  const xPath = scatterPath !== null && swept.includes(scatterPath) ? scatterPath : (swept[0] ?? null)
  const compared = runs.filter((run) => selected.includes(run.id))

  return (
    <div className="runs-panel" data-testid="runs-panel">
      <div className="runs-toolbar">
        <label className="runs-check" title={t('experiments.keepWeightsHint')}>
          <input
            type="checkbox"
            data-testid="runs-keep-weights"
            checked={keepWeights}
            onChange={(event) => experimentsStore.setState({ keepWeights: event.target.checked })}
          />
          {t('experiments.keepWeights')}
        </label>
        <label>
          {t('experiments.show')}{' '}
          <select
            data-testid="runs-metric"
            value={metric}
            onChange={(event) => experimentsStore.setState({ metric: event.target.value as CurveMetric })}
          >
            {METRICS.map((m) => (
              <option key={m} value={m}>
                {t(`experiments.metric.${m}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {notice ? (
        <p className="runs-notice" role="status" data-testid="runs-notice">
          {t(`experiments.${notice.key}`, { run: notice.run, paths: notice.paths })}
        </p>
      ) : null}
      {runs.length === 0 ? <p className="panel-empty">{t('experiments.empty')}</p> : <RunsTable runs={runs} />}
      <div className="runs-charts">
        <CurvesChart runs={compared} metric={metric} />
        <div className="runs-scatter">
          {swept.length > 0 ? (
            <div className="runs-scatter-controls">
              <select
                aria-label={t('experiments.sweep.x')}
                data-testid="runs-scatter-x"
                value={xPath ?? ''}
                onChange={(event) => setScatterPath(event.target.value)}
              >
                {swept.map((path) => (
                  <option key={path} value={path}>
                    {path}
                  </option>
                ))}
              </select>
              <select
                aria-label={t('experiments.sweep.y')}
                value={scatterMetric}
                onChange={(event) => setScatterMetric(event.target.value as 'accuracy' | 'loss')}
              >
                <option value="accuracy">{t('experiments.column.testAccuracy')}</option>
                <option value="loss">{t('experiments.column.testLoss')}</option>
              </select>
            </div>
          ) : null}
          <ScatterChart runs={runs} path={xPath} metric={scatterMetric} />
        </div>
      </div>
      <SweepForm />
    </div>
  )
}

const COLUMNS: { key: SortKey | null; label: string; numeric?: boolean }[] = [
  { key: null, label: 'select' },
  { key: 'order', label: 'run' },
  { key: null, label: 'status' },
  { key: null, label: 'epochs', numeric: true },
  { key: null, label: 'changed' },
  { key: 'learningRate', label: 'learningRate', numeric: true },
  { key: 'batchSize', label: 'batchSize', numeric: true },
  { key: null, label: 'optimizer' },
  { key: 'testAccuracy', label: 'testAccuracy', numeric: true },
  { key: 'testLoss', label: 'testLoss', numeric: true },
  { key: 'seconds', label: 'seconds', numeric: true },
  { key: null, label: 'backend' },
]

function RunsTable({ runs }: { runs: RunRecord[] }) {
  const { t, i18n } = useTranslation()
  const sort = useExperiments((state) => state.sort)
  const selected = useExperiments((state) => state.selected)
  const locked = useTraining((state) => isActive(state.status) || state.busy)
  const order = sortedIndices(runs, sort)
  const number = (value: number | undefined, digits: number) => (value === undefined ? '–' : value.toFixed(digits))

  const restore = (run: RunRecord) => {
    const { document, skipped } = restoreRunSettings(documentStore.getState().doc, run)
    commit(document)
    experimentsStore.setState({
      notice:
        skipped.length > 0
          ? { key: 'restoredSkipped', run: run.id, paths: skipped.join(', ') }
          : { key: 'restored', run: run.id },
    })
    return document
  }
  const exportWeights = (run: RunRecord) => {
    if (!run.weights) return
    const { document } = restoreRunSettings(documentStore.getState().doc, run)
    commit({ ...document, trained: run.weights })
    openExportDialog()
    chooseWeights('project')
  }

  return (
    <div className="runs-table-wrap">
      <table className="runs-table" data-testid="runs-table">
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const label = t(`experiments.column.${column.label}`)
              const active = column.key !== null && sort.key === column.key
              return (
                <th
                  key={column.label}
                  className={column.numeric ? 'numeric' : undefined}
                  aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}
                >
                  {column.key ? (
                    <button
                      type="button"
                      className="runs-sort"
                      data-testid={`runs-sort-${column.key}`}
                      title={t('experiments.sortBy', { column: label })}
                      onClick={() =>
                        experimentsStore.setState({
                          sort: { key: column.key!, descending: active ? !sort.descending : false },
                        })
                      }
                    >
                      {label}
                      {active ? (sort.descending ? ' ▼' : ' ▲') : ''}
                    </button>
                  ) : (
                    label
                  )}
                </th>
              )
            })}
            <th />
          </tr>
        </thead>
        <tbody>
          {order.map((index) => {
            const run = runs[index]
            const changes = changesFromPrevious(runs, index)
            const source = run.sweep
              ? t('experiments.source.sweep', { index: run.sweep.index + 1, of: run.sweep.of })
              : t(`experiments.source.${run.source}`)
            return (
              <tr
                key={run.id}
                data-testid="run-row"
                data-run-id={run.id}
                data-test-accuracy={run.test?.accuracy ?? ''}
                data-learning-rate={run.training.optimizer.learningRate}
              >
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${t('experiments.column.select')} ${run.id}`}
                    data-testid="run-select"
                    checked={selected.includes(run.id)}
                    onChange={() => toggleSelected(run.id)}
                  />
                </td>
                <td title={new Date(run.startedAt).toLocaleString(i18n.language)}>
                  {run.id} <span className="runs-source">{source}</span>
                </td>
                <td>{t(`experiments.status.${run.status}`)}</td>
                <td className="numeric">{run.epochs.length}</td>
                <td className="runs-changes" data-testid="run-changes">
                  {changes === null
                    ? t('experiments.firstRun')
                    : changes.length === 0
                      ? t('experiments.nothingChanged')
                      : changes
                          .map(
                            (change) =>
                              `${change.path.replace(/^training\./, '')}: ${formatSetting(change.before)} → ${formatSetting(change.after)}`,
                          )
                          .join('; ')}
                </td>
                <td className="numeric">{formatSetting(run.training.optimizer.learningRate)}</td>
                <td className="numeric">{run.training.batchSize}</td>
                <td>{run.training.optimizer.type}</td>
                <td className="numeric">
                  {run.test?.accuracy !== undefined ? `${(run.test.accuracy * 100).toFixed(1)} %` : '–'}
                </td>
                <td className="numeric">{number(run.test?.loss, 4)}</td>
                <td className="numeric">{number(run.seconds, 1)} s</td>
                <td>{run.backend}</td>
                <td className="runs-actions">
                  <button
                    type="button"
                    className="button subtle"
                    data-testid="run-restore"
                    disabled={locked}
                    onClick={() => restore(run)}
                  >
                    {t('experiments.restore')}
                  </button>
                  <button
                    type="button"
                    className="button subtle"
                    data-testid="run-export"
                    disabled={locked || !run.weights}
                    title={run.weights ? t('experiments.exportWeightsHint') : t('experiments.noWeights')}
                    onClick={() => exportWeights(run)}
                  >
                    {t('experiments.exportWeights')}
                  </button>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
