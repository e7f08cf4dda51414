import { useEffect, useRef } from 'react'
import { drawHeat } from './draw-plane'

/**
 * A heat map over the plane (resolution² pixels, scaled up smoothly), with marks drawn on top.
 * `sequence` is the reading it shows (data-sequence, for the tests).
 */
export function HeatCanvas({
  pixels,
  resolution,
  size,
  overlay,
  sequence,
  testId,
  label,
}: {
  pixels: Uint8ClampedArray<ArrayBuffer>
  resolution: number
  size: number
  overlay?: (ctx: CanvasRenderingContext2D) => void
  sequence: number
  testId: string
  label: string
}) {
  const ref = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    const canvas = ref.current
    if (!canvas) return
    const ctx = drawHeat(canvas, pixels, resolution)
    if (ctx && overlay) overlay(ctx)
  }, [pixels, resolution, overlay])
  return (
    <canvas
      ref={ref}
      className="plane-heat"
      width={size}
      height={size}
      style={{ width: size, height: size }}
      data-testid={testId}
      data-sequence={sequence}
      role="img"
      aria-label={label}
      title={label}
    />
  )
}
