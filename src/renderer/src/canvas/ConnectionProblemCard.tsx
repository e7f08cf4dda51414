import { useInternalNode, useStore as useFlowStore, useViewport } from '@xyflow/react'
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
/** Room kept for the card's height when it is pushed up from the canvas' bottom edge. */
const CARD_ROOM = 190
const GAP = 12

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
  const paneWidth = useFlowStore((s) => s.width)
  const paneHeight = useFlowStore((s) => s.height)

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
    return fix.layerKind === 'flatten'
      ? t('connection.insertFlatten', { shape })
      : t('connection.insertReshape', { shape })
  }
  // Beside the target layer, in screen pixels (so the text keeps its size at any zoom): to its
  // right, or its left when the right runs off the canvas; kept inside the canvas. Top centre
  // when the layer is not on the canvas (a collapsed group).
  let anchored: { left: number; top: number } | null = null
  if (target) {
    const nodeLeft = target.internals.positionAbsolute.x * zoom + x
    const nodeRight = nodeLeft + (target.measured.width ?? 180) * zoom
    const right = nodeRight + GAP
    const left = right + CARD_WIDTH <= paneWidth - GAP ? right : nodeLeft - GAP - CARD_WIDTH
    anchored = {
      left: Math.max(GAP, Math.min(left, paneWidth - GAP - CARD_WIDTH)),
      top: Math.max(GAP, Math.min(target.internals.positionAbsolute.y * zoom + y, paneHeight - CARD_ROOM)),
    }
  }
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
        <strong>
          {t('connection.title', {
            source: label(problem.connection.source),
            target: label(problem.connection.target),
          })}
        </strong>
        <button
          type="button"
          className="icon-button"
          onClick={dismissConnectionProblem}
          aria-label={t('connection.close')}
          data-testid="connection-problem-close"
        >
          <Icon name="close" />
        </button>
      </div>
      <p className="connection-problem-message">{formatDiagnostic(problem.diagnostic, doc, lang)}</p>
      {problem.fixes.length > 0 ? (
        <div className="connection-problem-fixes">
          <span>{t('connection.fixesIntro')}</span>
          {problem.fixes.map((fix, i) => (
            <button
              key={i}
              type="button"
              className="button"
              data-testid="connection-fix"
              data-fix={fix.type === 'changeInput' ? 'input' : fix.layerKind}
              onClick={() => applyConnectionProblemFix(fix)}
            >
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
