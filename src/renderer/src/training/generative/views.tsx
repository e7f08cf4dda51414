import { useEffect, useRef, type MouseEvent, type ReactNode } from 'react'
import { useUi } from '../../app/ui-store'
import { readChartTheme } from '../../charts/theme'
import { drawScatter, drawTiles, type ImageDims, type ScatterSet } from './draw'

/** The building blocks of the generative panels: a picture grid, a scatter plot, a titled block. */

interface ImageGridProps {
  tiles: readonly Float32Array[]
  dims: ImageDims
  columns: number
  range: [number, number]
  /** CSS pixels per image pixel. */
  scale: number
  testId?: string
  label: string
  /** Which tile was clicked (index), when the grid is a picker. */
  onPick?: (index: number) => void
  /** A tile drawn with an outline (the picked one). */
  highlight?: number
  className?: string
}

/** Images on one canvas at their own resolution, scaled up without smoothing. */
export function ImageGrid({
  tiles,
  dims,
  columns,
  range,
  scale,
  testId,
  label,
  onPick,
  highlight,
  className,
}: ImageGridProps) {
  const ref = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    if (ref.current) drawTiles(ref.current, tiles, dims, columns, range)
  }, [tiles, dims, columns, range])
  const cols = Math.max(1, Math.min(columns, tiles.length))
  const rows = Math.max(1, Math.ceil(tiles.length / cols))
  const width = (cols * dims.width + (cols - 1)) * scale
  const height = (rows * dims.height + (rows - 1)) * scale
  const pick = (event: MouseEvent<HTMLCanvasElement>) => {
    if (!onPick) return
    const box = event.currentTarget.getBoundingClientRect()
    const col = Math.floor(((event.clientX - box.left) / box.width) * cols)
    const row = Math.floor(((event.clientY - box.top) / box.height) * rows)
    const index = row * cols + col
    if (index >= 0 && index < tiles.length) onPick(index)
  }
  const cell =
    highlight !== undefined && highlight < tiles.length
      ? { col: highlight % cols, row: Math.floor(highlight / cols) }
      : null
  return (
    <div className={`gen-image-grid${className ? ` ${className}` : ''}`} style={{ width, height }}>
      <canvas
        ref={ref}
        className={`gen-pixels${onPick ? ' pickable' : ''}`}
        style={{ width, height }}
        role="img"
        aria-label={label}
        data-testid={testId}
        data-count={tiles.length}
        onClick={onPick ? pick : undefined}
      />
      {cell ? (
        <span
          className="gen-pick"
          style={{
            left: cell.col * (dims.width + 1) * scale - 1,
            top: cell.row * (dims.height + 1) * scale - 1,
            width: dims.width * scale + 2,
            height: dims.height * scale + 2,
          }}
        />
      ) : null}
    </div>
  )
}

interface ScatterProps {
  sets: readonly ScatterSet[]
  width: number
  height: number
  label: string
  testId?: string
  range?: { x: [number, number]; y: [number, number] }
}

/** Points on a small canvas, redrawn when the data or the theme changes. */
export function Scatter({ sets, width, height, label, testId, range }: ScatterProps) {
  const ref = useRef<HTMLCanvasElement>(null)
  const theme = useUi((state) => state.theme)
  useEffect(() => {
    if (!ref.current) return
    const palette = readChartTheme()
    drawScatter(ref.current, sets, { width, height }, { text: palette.text, grid: palette.grid }, range)
  }, [sets, width, height, range, theme])
  return (
    <canvas
      ref={ref}
      className="gen-scatter"
      style={{ width, height }}
      role="img"
      aria-label={label}
      data-testid={testId}
    />
  )
}

/** A titled block of a generative panel. */
export function Block({
  title,
  help,
  children,
  testId,
  className,
}: {
  title: string
  help?: string
  children: ReactNode
  testId?: string
  className?: string
}) {
  return (
    <section className={`gen-block${className ? ` ${className}` : ''}`} data-testid={testId}>
      <h3>{title}</h3>
      {help ? <p className="field-help">{help}</p> : null}
      {children}
    </section>
  )
}

/** "Epoch 2 · batch 300" under a preview. */
export function Caption({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p className="gen-caption" data-testid={testId}>
      {children}
    </p>
  )
}
