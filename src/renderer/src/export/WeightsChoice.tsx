import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { useDocumentStore } from '../app/document-store'
import { useLang } from '../app/ui-store'
import { Icon } from '../panels/icons'
import { formatPercent } from '../training/format'
import { useTraining } from '../training/training-store'
import { chooseWeights, useExport } from './export-store'
import { formatTime } from './format-time'
import { effectiveWeightsSource, weightsChoices, type WeightsChoices, type WeightsSource } from './weights-source'

/** One sentence that says exactly which weights the export writes (run, epoch, test accuracy). */
function summary(source: WeightsSource, choices: WeightsChoices, t: TFunction, lang: string): string {
  const run = choices.run
  const project = choices.project
  if (source === 'run' && run) {
    const accuracy =
      run.testAccuracy === null
        ? t('exchange.weights.noTest')
        : t('exchange.weights.testAccuracy', { value: formatPercent(run.testAccuracy) })
    const text = t(`exchange.weights.run.${run.status}`, {
      date: formatTime(run.finishedAt, lang),
      epochs: run.epochs,
      planned: run.epochsPlanned,
      accuracy,
    })
    return run.graphChanged ? `${text} ${t('exchange.weights.graphChanged')}` : text
  }
  if (source === 'project' && project) {
    const text = t('exchange.weightsTrained', { date: formatTime(project.savedAt, lang) })
    return project.testAccuracy === null
      ? text
      : `${text} ${t('exchange.weights.testAccuracy', { value: formatPercent(project.testAccuracy) })}.`
  }
  return run || project ? t('exchange.weights.freshChosen') : t('exchange.weightsFresh')
}

/**
 * The export dialog's weights line, and the choice between the latest run's weights (the
 * default), the ones saved with the project, and untrained ones (only on request).
 */
export function WeightsChoice({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation()
  const lang = useLang()
  const doc = useDocumentStore((s) => s.doc)
  const training = useTraining((s) => s)
  const picked = useExport((s) => s.weights)
  const choices = weightsChoices(training, doc)
  const source = effectiveWeightsSource(choices, picked)
  const options: WeightsSource[] = [
    ...(choices.run ? (['run'] as const) : []),
    ...(choices.project ? (['project'] as const) : []),
    'initial',
  ]
  const trained = source !== 'initial'
  return (
    <div className="export-weights-block">
      <p className={`export-weights${trained ? ' trained' : ''}`} data-testid="export-weights" data-source={source}>
        <Icon name="info" />
        <span>{summary(source, choices, t, lang)}</span>
      </p>
      {options.length > 1 && (
        <div
          className="export-weights-choice"
          role="radiogroup"
          aria-label={t('exchange.weights.label')}
          data-testid="export-weights-choice"
        >
          <span className="export-weights-label">{t('exchange.weights.label')}</span>
          {options.map((option) => (
            <label
              key={option}
              className={`export-weights-option${option === source ? ' selected' : ''}`}
              data-testid={`export-weights-${option}`}
            >
              <input
                type="radio"
                name="export-weights"
                value={option}
                checked={option === source}
                disabled={disabled}
                onChange={() => chooseWeights(option)}
              />
              {t(`exchange.weights.option.${option}`)}
            </label>
          ))}
        </div>
      )}
    </div>
  )
}
