import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react'
import { memo, useCallback, useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { pick } from '../../../core/i18n/text'
import { getLayerKind } from '../../../core/layers/registry'
import { getAnalysis } from '../app/analysis'
import { applyFixPlaced } from '../app/placement'
import { useLang, useUi } from '../app/ui-store'
import { formatCompact, formatCount } from '../i18n/numbers'
import { ActivationSlot } from '../inspect/ActivationSlot'
import { SOURCE_HANDLE, targetHandleId, type LayerFlowNode } from './adapters'
import { useNodeView } from './node-view'

/**
 * The one node component for every layer kind. It receives only the id from React Flow and
 * reads what it shows through a narrow selector (see node-view.ts).
 */
function LayerNodeComponent({ id }: NodeProps<LayerFlowNode>) {
  const lang = useLang()
  const { t } = useTranslation()
  const view = useNodeView(id, lang)
  const updateNodeInternals = useUpdateNodeInternals()
  // Handles follow the layout direction: inputs on top and the output at the bottom, or inputs
  // on the left and the output on the right (the canvas re-measures them when it changes).
  const lr = useUi((s) => s.layoutDirection === 'LR')

  // Merges grow a handle as inputs are connected; React Flow must re-measure the handles.
  // Not on mount (React Flow measures new nodes itself; 500 mount-time calls cost seconds).
  const mountedPorts = useRef(view.ports)
  useEffect(() => {
    if (mountedPorts.current === view.ports) return
    mountedPorts.current = view.ports
    updateNodeInternals(id)
  }, [id, view.ports, updateNodeInternals])

  const onFix = useCallback(
    (event: React.MouseEvent) => {
      event.stopPropagation()
      const fix = getAnalysis().nodes[id]?.diagnostics.find((d) => d.severity === 'error' && d.fix)?.fix
      if (fix) applyFixPlaced(id, fix)
    },
    [id],
  )

  if (!view.exists) return null
  const names = getLayerKind(view.kindId)?.inputs.names
  const title = view.name || view.label

  return (
    <div
      className={`layer-node cat-${view.category}${view.error ? ' has-error' : ''}${lr ? ' lr' : ''}`}
      data-testid={`node-${id}`}
      data-kind={view.kindId}
    >
      {Array.from({ length: view.ports }, (_, port) => {
        const portName = names?.[port] ? pick(names[port], lang) : view.ports > 1 ? String(port + 1) : ''
        const along = `${((port + 1) / (view.ports + 1)) * 100}%`
        return (
          <Handle
            key={port}
            type="target"
            position={lr ? Position.Left : Position.Top}
            id={targetHandleId(port)}
            style={lr ? { top: along } : { left: along }}
            className="layer-handle"
            aria-label={portName ? t('node.inputPort', { name: portName }) : t('node.input')}
          >
            {portName && <span className="port-name">{portName}</span>}
          </Handle>
        )
      })}

      <div className="layer-node-header">
        <span className="layer-node-dot" aria-hidden />
        <span className="layer-node-title" title={title}>
          {title}
        </span>
        {view.name && <span className="layer-node-kind">{view.label}</span>}
      </div>
      {view.summary && <div className="layer-node-summary">{view.summary}</div>}
      <div className="layer-node-footer">
        <span className="layer-node-shape" data-testid="node-shape" title={t('node.outputShape')}>
          {view.shape ? `→ ${view.shape}` : '→ ?'}
        </span>
        {view.params !== null && (
          <span className="layer-node-cost">
            <span className="layer-node-params" data-testid="node-params">
              {t('node.params', { count: view.params, value: formatCount(view.params, lang) })}
            </span>
            {view.macs !== null && view.macs > 0 && (
              <span
                className="layer-node-macs"
                data-testid="node-macs"
                title={t('node.macsHelp', { value: formatCount(view.macs, lang) })}
              >
                {' · '}
                {t('node.macs', { value: formatCompact(view.macs, lang) })}
              </span>
            )}
          </span>
        )}
      </div>
      <ActivationSlot nodeId={id} name={title} />
      {view.error && (
        <div className="layer-node-problem error nodrag" role="alert">
          <span className="problem-badge" data-testid="node-error" title={view.error} aria-label={view.error}>
            !
          </span>
          <span className="problem-text" title={view.error}>
            {view.error}
          </span>
          {view.fixLabel && (
            <button type="button" className="fix-button nodrag" data-testid="node-fix" onClick={onFix}>
              {view.fixLabel}
            </button>
          )}
        </div>
      )}
      {!view.error && view.warning && (
        <div className="layer-node-problem warning" data-testid="node-warning" title={view.warning}>
          <span className="problem-badge">!</span>
          <span className="problem-text">{view.warning}</span>
        </div>
      )}

      <Handle
        type="source"
        position={lr ? Position.Right : Position.Bottom}
        id={SOURCE_HANDLE}
        className="layer-handle"
        aria-label={t('node.output')}
      />
    </div>
  )
}

export const LayerNode = memo(LayerNodeComponent)
