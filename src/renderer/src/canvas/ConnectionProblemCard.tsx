import { useInternalNode, useViewport } from '@xyflow/react'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDiagnostic, kindLabel } from '../../../core/i18n/format'
import type { ConnectionFix } from '../../../core/shapes/connection-fixes'
import { useDocumentStore } from '../app/document-store'
import { useUi } from '../app/ui-store'
import { Icon } from '../panels/icons'
import { applyConnectionProblemFix, dismissConnectionProblem, useConnectionProblem } from './connection-problem'
import './connection-strings'
import './connection-problem.css'

const CARD_WIDTH = 340

/**
 * Why a connection was refused, beside the layer it was meant for (it follows pan and zoom),
 * with the fixes that work as buttons. Stays until closed (×, Escape) or a fix is applied.
 */
export function ConnectionProblemCard() {
  const { t } = useTranslation()
  const problem = useConnectionProblem()
  const lang = useUi((s) => s.language)
  const doc = useDocumentStore((s) => s.doc)
  const target = useInternalNode(problem?.connection.target ?? '')
  const { x, y, zoom } = useViewport()

  useEffect(() => {
    if (!problem) return
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') dismissConnectionProblem()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [problem])

  if (!problem) return null
  const label = (id: string) => {
    const node = doc.nodes.find((n) => n.id === id)
    return node ? (node.name ?? kindLabel(node.kind, lang)) : id
  }
  const fixLabel = (fix: ConnectionFix) => {
    const shape = fix.shape.join('×')
    if (fix.type === 'changeInput') return t('connection.changeInput', { input: label(fix.nodeId), shape })
    return fix.layerKind === 'flatten' ? t('connection.insertFlatten', { shape }) : t('connection.insertReshape', { shape })
  }
  // Right of the target layer, in screen pixels (so the text keeps its size at any zoom); top centre when the layer is hidden (collapsed group).
  const anchored = target
    ? { left: (target.internals.positionAbsolute.x + (target.measured.width ?? 180)) * zoom + x + 12, top: target.internals.positionAbsolute.y * zoom + y }
    : null
  return (
    <div
      className={`connection-problem nodrag nopan nowheel${anchored ? '' : ' floating'}`}
      style={anchored ? { left: anchored.left, top: anchored.top, width: CARD_WIDTH } : { width: CARD_WIDTH }}
      role="alert"
      data-testid="connection-problem"
      data-target={problem.connection.target}
    >
      <div className="connection-problem-head">
        <Icon name="alert" />
        <strong>{t('connection.title', { source: label(problem.connection.source), target: label(problem.connection.target) })}</strong>
        <button type="button" className="icon-button" onClick={dismissConnectionProblem} aria-label={t('connection.close')} data-testid="connection-problem-close">
          <Icon name="close" />
        </button>
      </div>
      <p className="connection-problem-message">{formatDiagnostic(problem.diagnostic, doc, lang)}</p>
      {problem.fixes.length > 0 ? (
        <div className="connection-problem-fixes">
          <span>{t('connection.fixesIntro')}</span>
          {problem.fixes.map((fix, i) => (
            <button key={i} type="button" className="button" data-testid="connection-fix" data-fix={fix.type === 'changeInput' ? 'input' : fix.layerKind} onClick={() => applyConnectionProblemFix(fix)}>
              {fixLabel(fix)}
            </button>
          ))}
        </div>
      ) : (
        <p className="connection-problem-nofix">{t('connection.noFix')}</p>
      )}
    </div>
  )
}
