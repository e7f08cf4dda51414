import { useTranslation } from 'react-i18next'
import './smoothing.css'
import { clampSmoothing, SMOOTHING_MAX, SMOOTHING_MIN } from './smoothing'
import { trainingStore, useTraining } from './training-store'

/** The smoothing slider of the per-batch charts (0 = raw values; the line is bias-corrected, so it never lags from the start). */
export function SmoothingControl() {
  const { t } = useTranslation()
  const weight = useTraining((state) => state.smoothing)
  return (
    <label className="smoothing-control" title={t('training.chart.smoothingHelp')}>
      <span>{t('training.chart.smoothing')}</span>
      <input
        type="range"
        min={SMOOTHING_MIN}
        max={SMOOTHING_MAX}
        step={0.01}
        value={weight}
        data-testid="chart-smoothing"
        aria-valuetext={weight.toFixed(2)}
        onChange={(event) => trainingStore.setState({ smoothing: clampSmoothing(Number(event.target.value)) })}
      />
      <output data-testid="chart-smoothing-value">{weight.toFixed(2)}</output>
    </label>
  )
}
