import { useEffect, useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { useDocumentStore } from '../app/document-store'
import { classCss } from './draw-plane'
import { curveBox, drawFittedCurve, drawNeuronCurve } from './draw-curve'
import type { PlaneReading } from './plane-store'
import { setShowTest, usePlane } from './plane-store'

type CurveReading = Extract<PlaneReading, { view: 'curve' }>

const PLOT = { width: 300, height: 200 }
const TILE = { width: 64, height: 36 }

/**
 * TensorFlow Playground's regression view on the learner's network: the data's (x, y) points,
 * the model's prediction over x as a curve (the fitted curve), and one small curve per hidden
 * neuron — the pieces the output layer weighs and adds up.
 */
export function CurveView({ reading }: { reading: CurveReading }) {
  const { t } = useTranslation()
  const showTest = usePlane((s) => s.showTest)
  const nodes = useDocumentStore((s) => s.doc.nodes)
  const { curve, points, sequence } = reading
  const shown = showTest ? points.test : points.train
  const box = useMemo(
    () => curveBox(PLOT.width, PLOT.height, [points.train, points.test], curve.output.values),
    [points, curve],
  )
  const plot = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    const ctx = plot.current?.getContext('2d')
    if (ctx) drawFittedCurve(ctx, curve.range, box, shown, classCss(showTest ? 0 : 1), curve.output.values)
  }, [curve, box, shown, showTest])
  const nameOf = (id: string) => nodes.find((n) => n.id === id)?.name ?? id

  return (
    <div className="plane-curve-view">
      <canvas
        ref={plot}
        className="plane-heat"
        width={PLOT.width}
        height={PLOT.height}
        style={{ width: PLOT.width, height: PLOT.height }}
        data-testid="plane-curve"
        data-sequence={sequence}
        role="img"
        aria-label={t('plane.curveLabel')}
        title={t('plane.curveLabel')}
      />
      {curve.layers.map((layer) => {
        const extent = Math.max(Math.abs(layer.min), Math.abs(layer.max))
        return (
          <div key={layer.nodeId} className="plane-neuron-row">
            <span className="plane-neuron-row-title">{t('plane.layer', { name: nameOf(layer.nodeId) })}</span>
            {Array.from({ length: layer.shown }, (_, k) => (
              <NeuronCurve
                key={k}
                values={layer.values.subarray(k * curve.range.count, (k + 1) * curve.range.count)}
                extent={extent}
                reading={reading}
                testId={`plane-neuron-${layer.nodeId}-${k}`}
                label={t('plane.neuron', { name: nameOf(layer.nodeId), n: k + 1 })}
              />
            ))}
            {layer.units > layer.shown && (
              <span className="plane-more">{t('plane.more', { count: layer.units - layer.shown })}</span>
            )}
          </div>
        )
      })}
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

function NeuronCurve(props: {
  values: Float32Array
  extent: number
  reading: CurveReading
  testId: string
  label: string
}) {
  const ref = useRef<HTMLCanvasElement>(null)
  const { values, extent, reading } = props
  useEffect(() => {
    const ctx = ref.current?.getContext('2d')
    if (ctx) drawNeuronCurve(ctx, reading.curve.range, TILE, values, extent)
  }, [values, extent, reading])
  return (
    <canvas
      ref={ref}
      className="plane-neuron-curve"
      width={TILE.width}
      height={TILE.height}
      style={{ width: TILE.width, height: TILE.height }}
      data-testid={props.testId}
      data-sequence={reading.sequence}
      role="img"
      aria-label={props.label}
      title={props.label}
    />
  )
}
