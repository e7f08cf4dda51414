import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { formatValue, type ColourScale } from './colour-scale'
import { drawBlock } from './draw'

// The unit view's building blocks, shared by its dense, convolution, softmax and loss sections.

/** Full precision for the tests (data-* attributes), short for the eye. */
export const full = (v: number) => String(v)

/** A heat map of one rows × cols block; an optional highlighted rectangle (the sliding window). */
export function Heat(props: {
  values: ArrayLike<number>
  offset?: number
  rows: number
  cols: number
  size: number
  scale: ColourScale
  box?: { top: number; left: number; height: number; width: number }
  onPick?: (row: number, col: number) => void
  testId?: string
}) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const { values, offset = 0, rows, cols, size, scale, box } = props
  const width = size
  const height = Math.max(8, Math.round((size * rows) / cols))
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d')
    if (!ctx) return
    ctx.clearRect(0, 0, width, height)
    drawBlock(ctx, values, offset, rows, cols, { x: 0, y: 0, w: width, h: height }, scale)
    if (box) {
      const cw = width / cols
      const ch = height / rows
      ctx.lineWidth = 2
      ctx.strokeStyle = '#ff2d95'
      ctx.strokeRect(box.left * cw + 1, box.top * ch + 1, box.width * cw - 2, box.height * ch - 2)
    }
  }, [values, offset, rows, cols, width, height, scale, box])
  const pick = props.onPick
  return (
    <canvas
      ref={canvas}
      width={width}
      height={height}
      className={`activation-heat${pick ? ' unit-pickable' : ''}`}
      data-testid={props.testId}
      onClick={
        pick
          ? (event) => {
              const rect = event.currentTarget.getBoundingClientRect()
              pick(
                Math.floor(((event.clientY - rect.top) / rect.height) * rows),
                Math.floor(((event.clientX - rect.left) / rect.width) * cols),
              )
            }
          : undefined
      }
    />
  )
}

export function Picker({
  label,
  value,
  total,
  onChange,
}: {
  label: string
  value: number
  total: number
  onChange: (n: number) => void
}) {
  const { t } = useTranslation()
  return (
    <div className="unit-picker">
      <button
        type="button"
        className="button"
        data-testid="unit-prev"
        disabled={value <= 0}
        onClick={() => onChange(value - 1)}
        aria-label={t('unitView.previousUnit')}
      >
        ‹
      </button>
      <span data-testid="unit-label">{label}</span>
      <button
        type="button"
        className="button"
        data-testid="unit-next"
        disabled={value >= total - 1}
        onClick={() => onChange(value + 1)}
        aria-label={t('unitView.nextUnit')}
      >
        ›
      </button>
    </div>
  )
}

export function Sums({ rows }: { rows: [string, number][] }) {
  return (
    <dl className="unit-sums">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{formatValue(value)}</dd>
        </div>
      ))}
    </dl>
  )
}
