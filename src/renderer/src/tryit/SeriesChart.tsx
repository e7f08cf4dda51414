import { useTranslation } from 'react-i18next'

/**
 * The window as a line and the model's prediction as dot(s) `horizon` steps after its last
 * value, on one scale (an SVG: a handful of points needs no chart library).
 */
export function SeriesChart({
  window,
  predicted,
  horizon,
}: {
  window: ArrayLike<number>
  predicted: ArrayLike<number>
  horizon: number
}) {
  const { t } = useTranslation()
  const points = Array.from(window)
  const future = Array.from(predicted)
  const lastX = points.length - 1 + horizon + future.length - 1
  const all = [...points, ...future]
  const lo = Math.min(...all)
  const hi = Math.max(...all)
  const [w, h, pad] = [320, 120, 8]
  const x = (i: number) => pad + (i / Math.max(1, lastX)) * (w - 2 * pad)
  const y = (v: number) => h - pad - ((v - lo) / (hi - lo || 1)) * (h - 2 * pad)
  const line = points.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')
  return (
    <figure className="tryit-series">
      <svg viewBox={`0 0 ${w} ${h}`} width={w} height={h} role="img" aria-label={t('tryit.series.chart')}>
        <path d={line} fill="none" stroke="currentColor" strokeWidth={1.5} opacity={0.7} />
        {future.map((v, k) => (
          <circle
            key={k}
            cx={x(points.length - 1 + horizon + k)}
            cy={y(v)}
            r={4}
            fill="var(--accent, #3b6fd8)"
            data-testid="tryit-series-prediction"
          />
        ))}
      </svg>
      <figcaption>
        {t('tryit.series.predicted', { value: future.map((v) => v.toPrecision(4)).join(', '), horizon })}
      </figcaption>
    </figure>
  )
}
