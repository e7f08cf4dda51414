import { useMemo, type DragEvent } from 'react'
import { openLessonFile } from './lessons'

/**
 * Drag a lesson file onto the guided path (or the gallery's Lessons section) to open it. Only
 * drags that carry files are taken; layer drags from the palette pass through untouched.
 */
export function useLessonDrop() {
  return useMemo(
    () => ({
      onDragOver: (event: DragEvent) => {
        if (!event.dataTransfer.types.includes('Files')) return
        event.preventDefault()
        event.dataTransfer.dropEffect = 'copy'
      },
      onDrop: (event: DragEvent) => {
        const file = event.dataTransfer.files[0]
        if (!file) return
        event.preventDefault()
        void openLessonFile(file)
      },
    }),
    [],
  )
}
