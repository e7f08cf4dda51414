import { Chart, Decimation, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js'

/**
 * Chart.js with only what the live training charts use (tree-shaken: no bar, pie, time scale,
 * animations are switched off per chart). Imported once by the chart adapters.
 */
Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip, Legend, Decimation)

export { Chart }
