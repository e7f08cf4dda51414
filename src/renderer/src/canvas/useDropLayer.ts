import { useReactFlow } from '@xyflow/react'
import { useCallback, type DragEvent } from 'react'
import { getLayerKind } from '../../../core/layers/registry'
import { addLayerAt, LAYER_MIME } from '../app/add-layer'

/** Drag and drop from the palette: the drop point becomes the new layer's centre. */
export function useDropLayer() {
  const { screenToFlowPosition } = useReactFlow()

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(LAYER_MIME)) return
    event.preventDefault()
    event.dataTransfer.dropEffect = 'copy'
  }, [])

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kindId = event.dataTransfer.getData(LAYER_MIME)
      if (!kindId || !getLayerKind(kindId)) return
      event.preventDefault()
      addLayerAt(kindId, screenToFlowPosition({ x: event.clientX, y: event.clientY }))
    },
    [screenToFlowPosition],
  )

  return { onDragOver, onDrop }
}
