import { useTranslation } from 'react-i18next'
import type { Task } from '../../../../core/training/config'
import type { TestSummary } from '../../../../core/training/events'
import { useDocumentStore } from '../../app/document-store'
import { formatMetric, formatPercent } from '../format'
import { useTraining } from '../training-store'
import { AutoencoderPanel } from './AutoencoderPanel'
import { DiffusionPanel } from './DiffusionPanel'
import { GanPanel } from './GanPanel'
import { LanguageModelPanel } from './LanguageModelPanel'
import './generative.css'

/** Tasks with their own preview panel; classification and regression keep the usual charts. */
export const GENERATIVE_PANEL_TASKS: readonly Task[] = ['autoencoder', 'gan', 'diffusion', 'languageModel']

export const hasGenerativePanel = (task: Task) => GENERATIVE_PANEL_TASKS.includes(task)

/** What the model has learned so far, for the document's task (doc.training.task); null for label tasks. */
export function GenerativePanel() {
  const task = useDocumentStore((state) => state.doc.training.task)
  switch (task) {
    case 'gan':
      return <GanPanel />
    case 'autoencoder':
      return <AutoencoderPanel />
    case 'diffusion':
      return <DiffusionPanel />
    case 'languageModel':
      return <LanguageModelPanel />
    default:
      return null
  }
}

/** The Results tab of a generative task: its final metrics (the done event's summary), then its previews. */
export function GenerativeResults() {
  const { t } = useTranslation()
  const summary = useTraining((state) => state.done?.test ?? null)
  return (
    <>
      {summary ? (
        <FinalMetrics summary={summary} />
      ) : (
        <p className="panel-empty">{t('training.generative.results.empty')}</p>
      )}
      <GenerativePanel />
    </>
  )
}

function FinalMetrics({ summary }: { summary: TestSummary }) {
  const { t } = useTranslation()
  const rows: { key: string; label: string; value: string; raw: number }[] = []
  const add = (key: string, label: string, raw: number, percent = false) =>
    rows.push({ key, label, raw, value: percent ? formatPercent(raw) : formatMetric(raw) })
  switch (summary.task) {
    case 'gan':
      add('dLoss', t('training.generative.gan.dLoss'), summary.dLoss)
      add('gLoss', t('training.generative.gan.gLoss'), summary.gLoss)
      add('dReal', t('training.generative.gan.dReal'), summary.dReal)
      add('dFake', t('training.generative.gan.dFake'), summary.dFake)
      break
    case 'autoencoder':
      add('loss', t('training.results.loss'), summary.loss)
      add('mse', t('training.results.mse'), summary.mse)
      break
    case 'diffusion':
      add('loss', t('training.generative.results.noiseLoss'), summary.loss)
      break
    case 'languageModel':
      add('loss', t('training.results.loss'), summary.loss)
      add('accuracy', t('training.results.accuracy'), summary.accuracy, true)
      add('perplexity', t('training.generative.results.perplexity'), summary.perplexity)
      break
    default:
      return null
  }
  return (
    <div className="results-metrics" data-testid="generative-metrics">
      <span className="results-heading">{t('training.generative.results.final')}</span>
      {rows.map((row) => (
        <div className="results-metric" key={row.key}>
          <span className="results-metric-label">{row.label}</span>
          <span className="results-metric-value" data-testid={`results-${row.key}`} data-value={String(row.raw)}>
            {row.value}
          </span>
        </div>
      ))}
      <div className="results-metric">
        <span className="results-metric-label">{t('training.results.samples')}</span>
        <span className="results-metric-value">{summary.samples.toLocaleString()}</span>
      </div>
    </div>
  )
}
