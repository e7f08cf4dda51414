import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react'
import { memo, useCallback, useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { pick } from '../../../core/i18n/text'
import { applyFix } from '../../../core/graph/edits'
import { getLayerKind } from '../../../core/layers/registry'
import { getAnalysis } from '../app/analysis'
import { commit, documentStore } from '../app/document-store'
import { useLang } from '../app/ui-store'
import { formatCount } from '../i18n/numbers'
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
      if (fix) commit(applyFix(documentStore.getState().doc, id, fix))
    },
    [id],
  )

  if (!view.exists) return null
  const names = getLayerKind(view.kindId)?.inputs.names
  const title = view.name || view.label

  return (
    <div
      className={`layer-node cat-${view.category}${view.error ? ' has-error' : ''}`}
      data-testid={`node-${id}`}
      data-kind={view.kindId}
    >
      {Array.from({ length: view.ports }, (_, port) => {
        const portName = names?.[port] ? pick(names[port], lang) : view.ports > 1 ? String(port + 1) : ''
        const left = `${((port + 1) / (view.ports + 1)) * 100}%`
        return (
          <Handle
            key={port}
            type="target"
            position={Position.Top}
            id={targetHandleId(port)}
            style={{ left }}
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
          <span className="layer-node-params" data-testid="node-params">
            {t('node.params', { count: view.params, value: formatCount(view.params, lang) })}
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

      <Handle type="source" position={Position.Bottom} id={SOURCE_HANDLE} className="layer-handle" aria-label={t('node.output')} />
    </div>
  )
}

export const LayerNode = memo(LayerNodeComponent)
