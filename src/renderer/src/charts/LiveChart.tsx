import { memo, useEffect, useRef } from 'react'
import type { ChartConfiguration, ChartDataset } from 'chart.js'
import { useUi } from '../app/ui-store'
import { getSeries, seriesGeneration, subscribeSeries, type Point, type SeriesKey } from '../training/series'
import { Chart } from './setup'
import { readChartTheme, withAlpha, type SeriesColour } from './theme'

/**
 * A live line chart bound to arrays in training/series.ts. The worker's events append points
 * to those arrays; this adapter redraws at most REDRAW_MS apart with update('none') (no
 * animation, no re-parsing, decimated), so a fast run never floods the UI thread.
 */

export interface LineSpec {
  key: SeriesKey
  label: string
  colour: SeriesColour
  /** The raw, noisy series behind a smoothed one: thin and faint. */
  faint?: boolean
  dashed?: boolean
  /** Draw a dot per point (epoch charts with few points). */
  points?: boolean
}

interface Props {
  title: string
  lines: LineSpec[]
  xTitle: string
  /** Fixed y range, e.g. 0–1 for accuracy. */
  yMin?: number
  yMax?: number
  /** Whole-number x ticks (epochs). */
  integerX?: boolean
  /** Exponent notation for tiny values (learning rate). */
  scientificY?: boolean
  testId: string
  /** Text instead of an empty plot. */
  emptyText?: string
}

const REDRAW_MS = 250

function LiveChartComponent({ title, lines, xTitle, yMin, yMax, integerX, scientificY, testId, emptyText }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const emptyRef = useRef<HTMLDivElement>(null)
  const theme = useUi((state) => state.theme)
  const spec = JSON.stringify({ lines, xTitle, yMin, yMax, integerX, scientificY })

  useEffect(() => {
    const canvas = canvasRef.current
    if (!canvas) return
    const palette = readChartTheme()
    const specs = JSON.parse(spec) as { lines: LineSpec[] } & Omit<Props, 'lines' | 'title' | 'testId'>
    const datasets: ChartDataset<'line', Point[]>[] = specs.lines.map((line) => {
      const colour = palette.series[line.colour]
      return {
        label: line.label,
        data: getSeries()[line.key],
        borderColor: line.faint ? withAlpha(colour, 0.3) : colour,
        backgroundColor: colour,
        borderWidth: line.faint ? 1 : 2,
        borderDash: line.dashed ? [5, 4] : undefined,
        pointRadius: line.points ? 2.5 : 0,
        pointHoverRadius: 3,
        tension: 0,
        indexAxis: 'x',
      }
    })
    const config: ChartConfiguration<'line', Point[]> = {
      type: 'line',
      data: { datasets },
      options: {
        animation: false,
        parsing: false,
        normalized: true,
        responsive: true,
        maintainAspectRatio: false,
        spanGaps: true,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: {
          x: {
            type: 'linear',
            title: { display: true, text: specs.xTitle, color: palette.text, font: { size: 10 } },
            ticks: {
              color: palette.text,
              font: { size: 10 },
              maxTicksLimit: 6,
              ...(specs.integerX ? { stepSize: 1, precision: 0 } : {}),
            },
            grid: { color: palette.grid },
            ...(specs.integerX ? { min: 1, suggestedMax: 2 } : { min: 0 }),
          },
          y: {
            type: 'linear',
            min: specs.yMin,
            max: specs.yMax,
            ticks: {
              color: palette.text,
              font: { size: 10 },
              maxTicksLimit: 5,
              ...(specs.scientificY ? { callback: (value: string | number) => Number(value).toExponential(1) } : {}),
            },
            grid: { color: palette.grid },
          },
        },
        plugins: {
          legend: {
            display: specs.lines.length > 1,
            labels: {
              color: palette.text,
              boxWidth: 12,
              boxHeight: 2,
              font: { size: 10 },
              filter: (item) => !specs.lines[item.datasetIndex ?? 0]?.faint,
            },
          },
          tooltip: {
            backgroundColor: palette.tooltipBg,
            titleColor: palette.text,
            bodyColor: palette.text,
            borderColor: palette.grid,
            borderWidth: 1,
          },
          decimation: { enabled: true, algorithm: 'lttb', samples: 300, threshold: 400 },
        },
      },
    }
    const chart = new Chart(canvas, config)
    let generation = seriesGeneration()
    let timer: ReturnType<typeof setTimeout> | null = null
    let lastDraw = 0
    const showEmpty = () => {
      if (emptyRef.current) emptyRef.current.hidden = specs.lines.some((line) => getSeries()[line.key].length > 0)
    }
    const draw = () => {
      timer = null
      lastDraw = performance.now()
      if (generation !== seriesGeneration()) {
        generation = seriesGeneration()
        chart.data.datasets.forEach((dataset, i) => {
          dataset.data = getSeries()[specs.lines[i].key]
        })
      }
      showEmpty()
      chart.update('none')
    }
    showEmpty()
    const unsubscribe = subscribeSeries(() => {
      if (timer !== null) return
      timer = setTimeout(draw, Math.max(0, REDRAW_MS - (performance.now() - lastDraw)))
    })
    return () => {
      unsubscribe()
      if (timer !== null) clearTimeout(timer)
      chart.destroy()
    }
  }, [spec, theme])

  return (
    <figure className="live-chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div className="live-chart-canvas">
        <canvas ref={canvasRef} role="img" aria-label={title} />
        {emptyText ? (
          <div className="live-chart-empty" ref={emptyRef}>
            {emptyText}
          </div>
        ) : null}
      </div>
    </figure>
  )
}

export const LiveChart = memo(LiveChartComponent)
