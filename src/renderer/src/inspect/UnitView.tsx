import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useDocumentStore } from '../app/document-store'
import { Icon } from '../panels/icons'
import { closeUnitView, installExplainDebugHook, useExplain } from './explain-store'
import './explain-strings'
import './explain.css'
import { Conv } from './UnitConv'
import { Dense } from './UnitDense'
import { Loss, Softmax } from './UnitSoftmaxLoss'

/** "How one unit computes": a dialog over the canvas for one node (opened from its activations view). */
export function UnitView() {
  const { t } = useTranslation()
  const nodeId = useExplain((s) => s.nodeId)
  const result = useExplain((s) => s.result)
  const pending = useExplain((s) => s.pending)
  const docNode = useDocumentStore((s) => s.doc.nodes.find((n) => n.id === nodeId))

  useEffect(() => installExplainDebugHook(), [])
  useEffect(() => {
    if (!nodeId) return
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeUnitView()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [nodeId])

  if (!nodeId) return null
  const explanation = result?.ok ? result.explanation : null
  const unit = explanation?.unit ?? null
  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && closeUnitView()}>
      <div
        className="dialog unit-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="unit-title"
        data-testid="unit-view"
        data-node-id={nodeId}
      >
        <div className="dialog-header">
          <h2 id="unit-title">
            {t('unitView.title')} · {docNode?.name || nodeId}
          </h2>
          <button
            type="button"
            className="icon-button"
            onClick={closeUnitView}
            aria-label={t('unitView.close')}
            data-testid="unit-close"
          >
            <Icon name="close" />
          </button>
        </div>
        {result?.ok && (
          <p className="activation-caption" data-testid="unit-sample">
            {t('unitView.sample', { index: result.sample.index + 1, count: result.sample.count })}
          </p>
        )}
        {!result && pending && <p className="activations-status">{t('unitView.reading')}</p>}
        {result && !result.ok && (
          <p className="activations-status problem" role="alert" data-testid="unit-problem">
            {result.reason === 'noModel' ? t('unitView.noModel') : t('unitView.failed', { message: result.message })}
          </p>
        )}
        {unit && (
          <p className="dialog-intro" data-testid="unit-explain">
            {t(`unitView.intro.${unit.kind === 'conv' && unit.axis === 'time' ? 'conv1d' : unit.kind}`)}
          </p>
        )}
        {explanation?.unsupported && !explanation.softmax && !explanation.loss && (
          <p className="activations-status" data-testid="unit-unsupported">
            {t(`unitView.unsupported.${explanation.unsupported}`)}
          </p>
        )}
        {unit?.kind === 'dense' && <Dense unit={unit} />}
        {unit?.kind === 'conv' && <Conv unit={unit} />}
        {explanation?.softmax && (
          <Softmax softmax={explanation.softmax} classNames={result?.ok ? result.classNames : null} />
        )}
        {explanation?.loss && <Loss loss={explanation.loss} classNames={result?.ok ? result.classNames : null} />}
      </div>
    </div>
  )
}
