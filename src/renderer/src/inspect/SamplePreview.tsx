import { useEffect, useRef } from 'react'
import type { GallerySamples } from '../worker/protocol'

/** The chosen sample as the user knows it: the picture, the text, or the first feature values. */
export function SamplePreview({ preview }: { preview: GallerySamples }) {
  const canvas = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    if (preview.kind !== 'image' || !canvas.current) return
    const { width, height, channels, pixels } = preview
    const rgba = new Uint8ClampedArray(width * height * 4)
    for (let i = 0; i < width * height; i++) {
      for (let c = 0; c < 3; c++) rgba[i * 4 + c] = pixels[i * channels + (channels === 3 ? c : 0)]
      rgba[i * 4 + 3] = 255
    }
    canvas.current.getContext('2d')?.putImageData(new ImageData(rgba, width, height), 0, 0)
  }, [preview])

  if (preview.kind === 'image')
    return (
      <canvas
        ref={canvas}
        className="activation-sample-image"
        width={preview.width}
        height={preview.height}
        data-testid="activation-sample-image"
      />
    )
  if (preview.kind === 'text') return <code className="activation-sample-text">{preview.texts[0]}</code>
  return (
    <code className="activation-sample-text">
      {preview.columns.map((column, i) => `${column} ${Number(preview.rows[0]?.[i]?.toPrecision(3))}`).join(' · ')}
    </code>
  )
}
