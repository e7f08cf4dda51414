import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChartConfiguration } from 'chart.js'
import { LogarithmicScale, ScatterController } from 'chart.js'
import type { RunRecord } from '../../../core/experiments/run-history'
import { useUi } from '../app/ui-store'
import { Chart } from '../charts/setup'
import { readChartTheme, type SeriesColour } from '../charts/theme'
import type { CurveMetric } from './experiments-store'
import { curvePoints, scatterPoints } from './runs-view'

// The comparison plots need two parts the live charts do not: scatter plots and a log axis (learning rates).
Chart.register(ScatterController, LogarithmicScale)

const COLOURS: SeriesColour[] = ['accent', 'orange', 'green', 'violet', 'muted']

/** Overlaid learning curves of the selected runs (one line each), drawn from the recorded epochs. */
export function CurvesChart({ runs, metric }: { runs: RunRecord[]; metric: CurveMetric }) {
  const { t } = useTranslation()
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const theme = useUi((state) => state.theme)
  const lines = runs.map((run) => ({ id: run.id, points: curvePoints(run, metric) }))
  const key = JSON.stringify(lines)
  useEffect(() => {
    const canvas = canvasRef.current
    if (!canvas || lines.length === 0) return
    const palette = readChartTheme()
    const config: ChartConfiguration<'line', { x: number; y: number }[]> = {
      type: 'line',
      data: {
        datasets: lines.map((line, i) => {
          const colour = palette.series[COLOURS[i % COLOURS.length]]
          return {
            label: line.id,
            data: line.points,
            borderColor: colour,
            backgroundColor: colour,
            borderWidth: 2,
            pointRadius: 2.5,
            borderDash: i >= COLOURS.length ? [5, 4] : undefined,
          }
        }),
      },
      options: {
        animation: false,
        parsing: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: {
            type: 'linear',
            min: 1,
            title: { display: true, text: t('experiments.epoch'), color: palette.text, font: { size: 10 } },
            ticks: { color: palette.text, precision: 0, stepSize: 1 },
            grid: { color: palette.grid },
          },
          y: { type: 'linear', ticks: { color: palette.text, maxTicksLimit: 5 }, grid: { color: palette.grid } },
        },
        plugins: { legend: { labels: { color: palette.text, boxWidth: 12, boxHeight: 2, font: { size: 10 } } } },
      },
    }
    const chart = new Chart(canvas, config)
    return () => chart.destroy()
    // `key` stands for `lines` (a new array every render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, theme, t])
  const title = `${t('experiments.curves')}: ${t(`experiments.metric.${metric}`)}`
  return (
    <figure
      className="live-chart runs-chart"
      data-testid="runs-curves"
      data-datasets={JSON.stringify(lines.map((line) => ({ run: line.id, points: line.points.length })))}
    >
      <figcaption>{title}</figcaption>
      <div className="live-chart-canvas">
        {lines.length > 0 ? (
          <canvas ref={canvasRef} role="img" aria-label={title} />
        ) : (
          <div className="live-chart-empty">{t('experiments.curvesEmpty')}</div>
        )}
      </div>
    </figure>
  )
}

/** Sweep results: the swept setting across (log scale when it spans a factor of 10 or more), a test metric up. */
export function ScatterChart({
  runs,
  path,
  metric,
}: {
  runs: RunRecord[]
  path: string | null
  metric: 'accuracy' | 'loss'
}) {
  const { t } = useTranslation()
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const theme = useUi((state) => state.theme)
  const points = path ? scatterPoints(runs, path, metric) : []
  const key = JSON.stringify(points)
  useEffect(() => {
    const canvas = canvasRef.current
    if (!canvas || points.length === 0) return
    const palette = readChartTheme()
    const xs = points.map((point) => point.x)
    const logX = Math.min(...xs) > 0 && Math.max(...xs) / Math.min(...xs) >= 10
    const config: ChartConfiguration<'scatter', { x: number; y: number }[]> = {
      type: 'scatter',
      data: {
        datasets: [
          {
            label: path ?? '',
            data: points.map(({ x, y }) => ({ x, y })),
            backgroundColor: palette.series.accent,
            pointRadius: 4,
          },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: {
            type: logX ? 'logarithmic' : 'linear',
            title: { display: true, text: path ?? '', color: palette.text, font: { size: 10 } },
            ticks: { color: palette.text, maxTicksLimit: 6 },
            grid: { color: palette.grid },
          },
          y: {
            type: 'linear',
            title: {
              display: true,
              text: t(metric === 'accuracy' ? 'experiments.column.testAccuracy' : 'experiments.column.testLoss'),
              color: palette.text,
              font: { size: 10 },
            },
            ticks: { color: palette.text, maxTicksLimit: 5 },
            grid: { color: palette.grid },
          },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => `${points[item.dataIndex]?.id}: ${item.parsed.x}, ${item.parsed.y?.toFixed(4)}`,
            },
          },
        },
      },
    }
    const chart = new Chart(canvas, config)
    return () => chart.destroy()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, theme, t, metric, path])
  return (
    <figure className="live-chart runs-chart" data-testid="runs-scatter" data-points={JSON.stringify(points)}>
      <figcaption>{t('experiments.sweep.scatter')}</figcaption>
      <div className="live-chart-canvas">
        {points.length > 0 ? (
          <canvas ref={canvasRef} role="img" aria-label={t('experiments.sweep.scatter')} />
        ) : (
          <div className="live-chart-empty">{t('experiments.sweep.scatterEmpty')}</div>
        )}
      </div>
    </figure>
  )
}
