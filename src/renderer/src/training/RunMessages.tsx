import { useTranslation } from 'react-i18next'
import { pick } from '../../../core/i18n/text'
import { useLang } from '../app/ui-store'
import { formatMetric } from './format'
import { useTraining, type RunError } from './training-store'

/** The run's problems and notes: the error (with where and what to try), warnings, saved-weights result. */
export function RunMessages() {
  const error = useTraining((state) => state.error)
  const warnings = useTraining((state) => state.warnings)
  const saved = useTraining((state) => state.savedWeights)
  const { t } = useTranslation()
  const codes = [...new Set(warnings.map((w) => w.code))]
  return (
    <>
      {error ? <ErrorBox error={error} /> : null}
      {codes.map((code) => (
        <p key={code} className="train-note warning" data-testid={`train-warning-${code}`}>
          {t(`training.warning.${code}`)}
        </p>
      ))}
      {saved ? (
        <p className="train-note" data-testid="train-saved-weights">
          {t('training.saved.loaded', { count: saved.restored.length })}
          {saved.skipped.length > 0
            ? ' ' +
              t('training.saved.skipped', {
                list: saved.skipped.map((s) => `${s.nodeId} (${t(`training.saved.reason.${s.reason}`)})`).join(', '),
              })
            : null}
        </p>
      ) : null}
    </>
  )
}

function ErrorBox({ error }: { error: RunError }) {
  const { t } = useTranslation()
  const lang = useLang()
  const title = t(`training.error.title.${error.code}`, { defaultValue: t('training.error.title.internal') })
  let fix: string | null = null
  if (error.code === 'nonFiniteLoss') {
    const lr = error.learningRate ?? 0.001
    fix = t('training.error.nonFiniteFix', { lr: formatMetric(lr), lower: formatMetric(lr / 10) })
  } else if (error.code === 'contextLost') fix = t('training.error.contextLostFix')
  else if (error.code === 'outOfMemory') fix = t('training.error.outOfMemoryFix')
  else if (error.code === 'compile') fix = t('training.error.compileFix')
  // Codes with their own wording above; the rest show the core's (English) sentence as it is.
  const ownWords = ['nonFiniteLoss', 'contextLost', 'outOfMemory', 'compile'].includes(error.code)
  const detail = error.local ? pick(error.local, lang) : ownWords && lang !== 'en' ? null : error.message
  return (
    <div className="train-error" role="alert" data-testid="train-error" data-code={error.code}>
      <strong>{title}</strong>
      {error.epoch !== undefined && error.batch !== undefined ? (
        <span data-testid="train-error-where">
          {' '}
          {t('training.error.where', { epoch: error.epoch + 1, batch: error.batch + 1 })}
        </span>
      ) : null}
      {error.restored !== undefined && (error.code === 'nonFiniteLoss' || error.code === 'contextLost') ? (
        <span> {error.restored ? t('training.error.restored') : t('training.error.notRestored')}</span>
      ) : null}
      {fix ? (
        <p className="train-error-fix">{fix}</p>
      ) : error.localSuggestion ? (
        <p className="train-error-fix">{pick(error.localSuggestion, lang)}</p>
      ) : error.suggestion && lang === 'en' ? (
        <p className="train-error-fix">{error.suggestion}</p>
      ) : null}
      {detail && !ownWords ? <p className="train-error-detail">{detail}</p> : null}
    </div>
  )
}
