import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useUi } from '../app/ui-store'
import type { DatasetSummary, PreviewSamples } from './summary'

/** Class colours, readable on light and dark backgrounds. */
export const CLASS_COLOURS = [
  '#3b82f6',
  '#f97316',
  '#10b981',
  '#e11d48',
  '#8b5cf6',
  '#ca8a04',
  '#0891b2',
  '#db2777',
  '#65a30d',
  '#64748b',
]
export const classColour = (label: number) =>
  CLASS_COLOURS[((label % CLASS_COLOURS.length) + CLASS_COLOURS.length) % CLASS_COLOURS.length]

const cssVar = (element: Element, name: string, fallback: string) =>
  getComputedStyle(element).getPropertyValue(name).trim() || fallback

/** A canvas sized in CSS pixels and drawn at the screen's resolution. */
function useCanvas(
  width: number,
  height: number,
  draw: (context: CanvasRenderingContext2D, canvas: HTMLCanvasElement) => void,
  deps: unknown[],
) {
  const ref = useRef<HTMLCanvasElement>(null)
  const theme = useUi((s) => s.theme)
  useEffect(() => {
    const canvas = ref.current
    const context = canvas?.getContext('2d')
    if (!canvas || !context) return
    const ratio = window.devicePixelRatio || 1
    canvas.width = Math.round(width * ratio)
    canvas.height = Math.round(height * ratio)
    context.setTransform(ratio, 0, 0, ratio, 0, 0)
    context.clearRect(0, 0, width, height)
    draw(context, canvas)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `draw` is recreated every render; deps list what it reads
  }, [width, height, theme, ...deps])
  return ref
}

/** The width of an element, following resizes (the dock can be dragged). */
function useWidth<T extends HTMLElement>(fallback: number): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null)
  const [width, setWidth] = useState(fallback)
  useEffect(() => {
    const element = ref.current
    if (!element) return
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)))
    observer.observe(element)
    return () => observer.disconnect()
  }, [])
  return [ref, width]
}

function Thumb({ rgba, width, height }: { rgba: Uint8ClampedArray; width: number; height: number }) {
  const ref = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    const context = ref.current?.getContext('2d')
    if (context) context.putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0)
  }, [rgba, width, height])
  const scale = Math.max(1, Math.min(2, 30 / Math.max(width, height)))
  return (
    <canvas
      ref={ref}
      className="data-thumb"
      width={width}
      height={height}
      style={{ width: width * scale, height: height * scale }}
    />
  )
}

function ImageGrid({
  samples,
  classNames,
}: {
  samples: Extract<PreviewSamples, { kind: 'image' }>
  classNames?: string[]
}) {
  const groups = new Map<number, typeof samples.items>()
  for (const item of samples.items) groups.set(item.label, [...(groups.get(item.label) ?? []), item])
  return (
    <div className="data-image-grid" data-testid="data-image-grid">
      {[...groups].map(([label, items]) => (
        <div className="data-image-row" key={label}>
          <span className="data-class-name" style={{ borderColor: classColour(label) }} title={classNames?.[label]}>
            {classNames?.[label] ?? (label >= 0 ? String(label) : '')}
          </span>
          <div className="data-thumbs">
            {items.map((item, i) => (
              <Thumb key={i} rgba={item.rgba} width={samples.width} height={samples.height} />
            ))}
          </div>
        </div>
      ))}
    </div>
  )
}

function Scatter({
  samples,
  classNames,
}: {
  samples: Extract<PreviewSamples, { kind: 'points' }>
  classNames?: string[]
}) {
  const [box, available] = useWidth<HTMLDivElement>(300)
  const size = Math.max(160, Math.min(320, available - 80))
  const ref = useCanvas(
    size,
    size,
    (context, canvas) => {
      const { xy, labels } = samples
      let min = Infinity
      let max = -Infinity
      for (const v of xy) {
        if (v < min) min = v
        if (v > max) max = v
      }
      if (!(max > min)) {
        min -= 1
        max += 1
      }
      const pad = (max - min) * 0.06
      min -= pad
      max += pad
      const at = (v: number) => ((v - min) / (max - min)) * size
      context.strokeStyle = cssVar(canvas, '--border', '#ddd')
      context.lineWidth = 1
      context.strokeRect(0.5, 0.5, size - 1, size - 1)
      if (min < 0 && max > 0) {
        context.beginPath()
        context.moveTo(at(0), 0)
        context.lineTo(at(0), size)
        context.moveTo(0, size - at(0))
        context.lineTo(size, size - at(0))
        context.stroke()
      }
      context.globalAlpha = 0.8
      for (let i = 0; i < labels.length; i++) {
        context.fillStyle = classColour(labels[i])
        context.beginPath()
        context.arc(at(xy[i * 2]), size - at(xy[i * 2 + 1]), 2.4, 0, Math.PI * 2)
        context.fill()
      }
      context.globalAlpha = 1
    },
    [samples],
  )
  return (
    <div className="data-scatter" ref={box}>
      <canvas
        ref={ref}
        style={{ width: size, height: size }}
        data-testid="data-scatter"
        role="img"
        aria-label="scatter plot"
      />
      <Legend classNames={classNames} />
    </div>
  )
}

function Legend({ classNames }: { classNames?: string[] }) {
  if (!classNames || classNames.length > CLASS_COLOURS.length) return null
  return (
    <ul className="data-legend">
      {classNames.map((name, i) => (
        <li key={i}>
          <span className="swatch" style={{ background: classColour(i) }} />
          {name}
        </li>
      ))}
    </ul>
  )
}

function SeriesPlot({ samples }: { samples: Extract<PreviewSamples, { kind: 'series' }> }) {
  const { t } = useTranslation()
  const [box, available] = useWidth<HTMLDivElement>(500)
  const columns = available >= 440 ? 2 : 1
  const cellW = Math.max(160, Math.min(320, Math.floor(available / columns)))
  const cellH = 90
  const rows = Math.ceil(samples.items.length / columns)
  const width = columns * cellW
  const height = rows * cellH
  const ref = useCanvas(
    width,
    height,
    (context, canvas) => {
      const line = cssVar(canvas, '--accent', '#3b6cf6')
      const grid = cssVar(canvas, '--border', '#ddd')
      const steps = samples.window - 1 + samples.horizon
      samples.items.forEach((item, k) => {
        const x0 = (k % columns) * cellW + 8
        const y0 = Math.floor(k / columns) * cellH + 6
        const w = cellW - 16
        const h = cellH - 12
        let min = Number.isFinite(item.target) ? item.target : Infinity
        let max = Number.isFinite(item.target) ? item.target : -Infinity
        for (const v of item.values) {
          if (v < min) min = v
          if (v > max) max = v
        }
        if (!(max > min)) max = min + 1
        const px = (t: number) => x0 + (t / Math.max(1, steps)) * w
        const py = (v: number) => y0 + h - ((v - min) / (max - min)) * h
        context.strokeStyle = grid
        context.lineWidth = 1
        context.strokeRect(x0 + 0.5, y0 + 0.5, w, h)
        context.strokeStyle = line
        context.lineWidth = 1.5
        context.beginPath()
        item.values.forEach((v, t) => (t === 0 ? context.moveTo(px(t), py(v)) : context.lineTo(px(t), py(v))))
        context.stroke()
        if (Number.isFinite(item.target)) {
          context.fillStyle = '#f97316'
          context.beginPath()
          context.arc(px(steps), py(item.target), 3.5, 0, Math.PI * 2)
          context.fill()
        }
      })
    },
    [samples],
  )
  return (
    <div className="data-series" ref={box}>
      <canvas ref={ref} style={{ width, height }} data-testid="data-series" role="img" aria-label="series plot" />
      <ul className="data-legend">
        <li>
          <span className="swatch line" />
          {t('data.seriesInput')}
        </li>
        <li>
          <span className="swatch" style={{ background: '#f97316' }} />
          {t('data.seriesTarget')}
        </li>
      </ul>
    </div>
  )
}

const short = (value: number) => (Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4))))

function Table({ samples }: { samples: Extract<PreviewSamples, { kind: 'table' }> }) {
  const { t } = useTranslation()
  return (
    <div className="data-table-wrap">
      <table className="data-table" data-testid="data-table">
        <thead>
          <tr>
            <th>#</th>
            {samples.columns.map((name) => (
              <th key={name}>{name}</th>
            ))}
            <th className="target">{t('data.tableTarget')}</th>
          </tr>
        </thead>
        <tbody>
          {samples.rows.map((row, i) => (
            <tr key={i}>
              <td className="index">{i + 1}</td>
              {row.values.map((value, j) => (
                <td key={j}>{short(value)}</td>
              ))}
              <td className="target">{row.target}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function TextSamples({ samples }: { samples: Extract<PreviewSamples, { kind: 'text' }> }) {
  const { t } = useTranslation()
  return (
    <div className="data-text">
      <ol className="data-text-rows" data-testid="data-text">
        {samples.rows.map((row, i) => (
          <li key={i}>
            <code className="context">{row.context}</code>
            <span className="arrow" aria-hidden>
              →
            </span>
            <code className="next">{row.next}</code>
          </li>
        ))}
      </ol>
      {samples.words.length > 0 && (
        <>
          <h4>{t('data.wordsTitle')}</h4>
          <p className="data-words">
            {samples.words.map((word, i) => (
              <span key={i} className="data-word">
                {word}
              </span>
            ))}
          </p>
        </>
      )}
    </div>
  )
}

export function DataPreview({ summary }: { summary: DatasetSummary }) {
  const { samples } = summary
  switch (samples.kind) {
    case 'image':
      return <ImageGrid samples={samples} classNames={summary.classNames} />
    case 'points':
      return <Scatter samples={samples} classNames={summary.classNames} />
    case 'series':
      return <SeriesPlot samples={samples} />
    case 'table':
      return <Table samples={samples} />
    case 'text':
      return <TextSamples samples={samples} />
  }
}
