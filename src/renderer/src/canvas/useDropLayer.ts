import { useReactFlow } from '@xyflow/react'
import { useCallback, type DragEvent } from 'react'
import { getLayerKind } from '../../../core/layers/registry'
import { BLOCK_IDS, type BlockId } from '../../../core/graph/blocks'
import { addLayerAt, LAYER_MIME } from '../app/add-layer'
import { BLOCK_MIME, insertBlockAt } from '../app/groups'

/** Drag and drop from the palette: the drop point becomes the new layer's centre (a block's top centre). */
export function useDropLayer() {
  const { screenToFlowPosition } = useReactFlow()

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(LAYER_MIME) && !event.dataTransfer.types.includes(BLOCK_MIME)) return
    event.preventDefault()
    event.dataTransfer.dropEffect = 'copy'
  }, [])

  const onDrop = useCallback(
    (event: DragEvent) => {
      const blockId = event.dataTransfer.getData(BLOCK_MIME)
      if ((BLOCK_IDS as readonly string[]).includes(blockId)) {
        event.preventDefault()
        insertBlockAt(blockId as BlockId, screenToFlowPosition({ x: event.clientX, y: event.clientY }))
        return
      }
      const kindId = event.dataTransfer.getData(LAYER_MIME)
      if (!kindId || !getLayerKind(kindId)) return
      event.preventDefault()
      addLayerAt(kindId, screenToFlowPosition({ x: event.clientX, y: event.clientY }))
    },
    [screenToFlowPosition],
  )

  return { onDragOver, onDrop }
}
