import { useCallback, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useDocumentStore } from '../app/document-store'
import { gridPoints } from '../../../core/inspect/plane'
import { boundaryPixels, classCss, drawPoints, edgeStyle, neuronPixels } from './draw-plane'
import { HeatCanvas } from './HeatCanvas'
import type { PlaneReading } from './plane-store'
import { setShowTest, usePlane } from './plane-store'

type BoundaryReading = Extract<PlaneReading, { view: 'boundary' }>

const TILE = 34
const GAP = 6
const COLUMN = 66
const OUTPUT_SIZE = 240

/**
 * TensorFlow Playground's picture of the learner's network: the input features, a column of
 * neuron tiles per hidden Dense layer (each its output over the plane), the weights between
 * them as lines, and the output's decision boundary behind the data points.
 */
export function BoundaryView({ reading }: { reading: BoundaryReading }) {
  const { t } = useTranslation()
  const showTest = usePlane((s) => s.showTest)
  const nodes = useDocumentStore((s) => s.doc.nodes)
  const { boundary, points, sequence } = reading
  const { area } = boundary
  const resolution = area.resolution
  const cells = resolution * resolution
  const nameOf = useCallback((id: string) => nodes.find((n) => n.id === id)?.name ?? id, [nodes])

  // Columns: the two input features (x and y over the plane), then each hidden layer.
  const columns = useMemo(() => {
    const grid = gridPoints(area)
    const xs = new Float32Array(cells)
    const ys = new Float32Array(cells)
    for (let i = 0; i < cells; i++) {
      xs[i] = grid[2 * i]
      ys[i] = grid[2 * i + 1]
    }
    const extent = Math.max(Math.abs(area.xMin), Math.abs(area.xMax), Math.abs(area.yMin), Math.abs(area.yMax))
    const input = {
      id: 'input',
      title: t('plane.input'),
      tiles: [neuronPixels(xs, 0, cells, extent), neuronPixels(ys, 0, cells, extent)],
      labels: ['x', 'y'],
      hidden: 0,
    }
    const hidden = boundary.layers.map((layer) => {
      const extent = Math.max(Math.abs(layer.min), Math.abs(layer.max))
      return {
        id: layer.nodeId,
        title: t('plane.layer', { name: nameOf(layer.nodeId) }),
        tiles: Array.from({ length: layer.shown }, (_, k) => neuronPixels(layer.values, k * cells, cells, extent)),
        labels: Array.from({ length: layer.shown }, (_, k) =>
          t('plane.neuron', { name: nameOf(layer.nodeId), n: k + 1 }),
        ),
        hidden: layer.units - layer.shown,
      }
    })
    return [input, ...hidden]
  }, [boundary, area, cells, nameOf, t])

  const rows = Math.max(...columns.map((c) => c.tiles.length))
  const height = rows * (TILE + GAP)
  const width = columns.length * COLUMN
  const top = (count: number, k: number) => (height - count * (TILE + GAP)) / 2 + k * (TILE + GAP) + GAP / 2
  const largest = Math.max(0, ...boundary.edges.flatMap((e) => Array.from(e.weights, Math.abs)))

  const outputPixels = useMemo(() => boundaryPixels(boundary.output), [boundary])
  const overlay = useCallback(
    (ctx: CanvasRenderingContext2D) => {
      const shown = showTest ? points.test : points.train
      const labels = showTest ? points.testLabels : points.trainLabels
      drawPoints(ctx, area, shown, (i) => classCss(labels[i]), 3)
    },
    [points, showTest, area],
  )

  return (
    <div className="plane-boundary">
      <div className="plane-network" style={{ width, height }} data-testid="plane-network">
        <svg className="plane-edges" width={width} height={height} aria-hidden>
          {boundary.edges.map((edge) => {
            const from = columns.findIndex((c) => c.id === edge.from)
            const to = columns.findIndex((c) => c.id === edge.to)
            if (from < 0 || to < 0) return null
            return Array.from({ length: edge.rows * edge.cols }, (_, i) => {
              const r = Math.floor(i / edge.cols)
              const c = i % edge.cols
              const { colour, width: w } = edgeStyle(edge.weights[i], largest)
              return (
                <line
                  key={`${edge.to}-${i}`}
                  x1={from * COLUMN + TILE}
                  y1={top(columns[from].tiles.length, r) + TILE / 2}
                  x2={to * COLUMN}
                  y2={top(columns[to].tiles.length, c) + TILE / 2}
                  stroke={colour}
                  strokeWidth={w}
                  strokeOpacity={0.75}
                  data-testid="plane-edge"
                  data-weight={edge.weights[i]}
                />
              )
            })
          })}
        </svg>
        {columns.map((column, c) => (
          <div key={column.id} className="plane-column" style={{ left: c * COLUMN }} title={column.title}>
            {column.tiles.map((pixels, k) => (
              <div key={k} className="plane-tile" style={{ top: top(column.tiles.length, k) }}>
                <HeatCanvas
                  pixels={pixels}
                  resolution={resolution}
                  size={TILE}
                  sequence={sequence}
                  testId={`plane-neuron-${column.id}-${k}`}
                  label={column.labels[k]}
                />
              </div>
            ))}
            {column.hidden > 0 && <span className="plane-more">{t('plane.more', { count: column.hidden })}</span>}
          </div>
        ))}
      </div>
      <HeatCanvas
        pixels={outputPixels}
        resolution={resolution}
        size={OUTPUT_SIZE}
        overlay={overlay}
        sequence={sequence}
        testId="plane-boundary"
        label={t('plane.output')}
      />
      <div className="plane-legend">
        {points.classNames.map((name, k) => (
          <span key={name} className="plane-legend-item">
            <span className="plane-swatch" style={{ background: classCss(k) }} />
            {name}
          </span>
        ))}
      </div>
      <div className="plane-segmented" role="group">
        <button
          type="button"
          className={`button${showTest ? '' : ' on'}`}
          aria-pressed={!showTest}
          data-testid="plane-show-train"
          onClick={() => setShowTest(false)}
        >
          {t('plane.showTrain')}
        </button>
        <button
          type="button"
          className={`button${showTest ? ' on' : ''}`}
          aria-pressed={showTest}
          data-testid="plane-show-test"
          onClick={() => setShowTest(true)}
        >
          {t('plane.showTest')}
        </button>
      </div>
    </div>
  )
}
