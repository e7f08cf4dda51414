import { memo, useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { openActivationView, useActivations } from './activations-store'
import { drawThumbnail, thumbnailHeight, thumbnailWidth } from './draw'
import './inspect.css'
import './strings'

const WIDTH = 176

/**
 * The node's activation thumbnail (beside the node, only while the view is on and the node
 * has an output for the sample). Subscribes to its own node only, so a fresh reading redraws
 * the canvases, not the nodes.
 */
export const ActivationSlot = memo(function ActivationSlot({ nodeId, name }: { nodeId: string; name: string }) {
  const { t } = useTranslation()
  const node = useActivations((state) => (state.on ? state.byNode[nodeId] : undefined))
  const sequence = useActivations((state) => state.reading?.sequence ?? 0)
  const canvas = useRef<HTMLCanvasElement>(null)
  const width = node ? thumbnailWidth(node, WIDTH) : WIDTH
  const height = node ? thumbnailHeight(node, WIDTH) : 0

  useEffect(() => {
    if (node && canvas.current) drawThumbnail(canvas.current, node)
  }, [node, width, height])

  if (!node) return null
  return (
    <button
      type="button"
      className="activation-thumb nodrag"
      data-testid={`activation-thumb-${nodeId}`}
      data-sequence={sequence}
      data-layout={node.attention ? 'attention' : node.layout}
      title={t('activations.open', { name })}
      aria-label={t('activations.open', { name })}
      onClick={(event) => {
        event.stopPropagation()
        openActivationView(nodeId)
      }}
    >
      <canvas ref={canvas} width={width} height={height} />
    </button>
  )
})
