import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react'
import { memo } from 'react'
import { formatShape } from '../../../core/shapes/shape'
import { analysisOf } from '../app/analysis'
import { useDocumentStore } from '../app/document-store'
import type { ShapeFlowEdge } from './adapters'

/** What flows along the edge (`26×26×32`), and whether the layer it feeds has an error. */
function useEdgeView(id: string, target: string): { shape: string | null; bad: boolean } {
  const shape = useDocumentStore((state) => {
    const edgeShape = analysisOf(state.doc, state.datasetFit).edges[id]?.shape
    return edgeShape ? formatShape(edgeShape) : null
  })
  const bad = useDocumentStore(
    (state) =>
      analysisOf(state.doc, state.datasetFit).nodes[target]?.diagnostics.some((d) => d.severity === 'error') ?? false,
  )
  return { shape, bad }
}

function ShapeEdgeComponent(props: EdgeProps<ShapeFlowEdge>) {
  const { id, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, markerEnd } = props
  const { shape, bad } = useEdgeView(id, target)
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition })
  const className = `shape-edge${bad ? ' bad' : ''}${selected ? ' selected' : ''}`
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={className} interactionWidth={16} />
      <EdgeLabelRenderer>
        <div
          className={`edge-label${bad ? ' bad' : ''}${selected ? ' selected' : ''}${shape ? '' : ' unknown'}`}
          data-testid="edge-label"
          data-edge-id={id}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
        >
          {shape ?? '?'}
        </div>
      </EdgeLabelRenderer>
    </>
  )
}

export const ShapeEdge = memo(ShapeEdgeComponent)
