import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { gradientVerdicts, THRESHOLDS, type ProbeStep, type Verdict } from '../../../core/inspect/gradient-stats'
import { useDocumentStore } from '../app/document-store'
import { Icon } from '../panels/icons'
import { formatValue } from './colour-scale'
import { installExplainDebugHook, setGradientsOn, useExplain } from './explain-store'
import './explain-strings'
import './explain.css'
import { drawHistograms, drawLogLine, drawTimeBars, logRange } from './gradients-draw'
import { DEFAULT_PROBE_MS } from '../worker/gradients-defaults'
import { earlyToLateRatio } from '../../../core/inspect/time-gradient'

function Plot({ draw, testId }: { draw: (ctx: CanvasRenderingContext2D) => void; testId?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d')
    if (ctx) draw(ctx)
  })
  return <canvas ref={canvas} width={220} height={48} data-testid={testId} />
}

const percent = (v: number) => `${Math.round(v * 100)}%`

function VerdictLine({ verdict, layerName }: { verdict: Verdict; layerName: (id: string) => string }) {
  const { t } = useTranslation()
  const value =
    verdict.value === undefined ? '' : verdict.code === 'deadRelu' ? percent(verdict.value) : formatValue(verdict.value)
  const threshold =
    verdict.code === 'exploding'
      ? THRESHOLDS.explodingNorm
      : verdict.code === 'largeUpdates'
        ? THRESHOLDS.largeUpdate
        : verdict.code === 'deadRelu'
          ? percent(THRESHOLDS.deadReLU)
          : THRESHOLDS.vanishingRatio
  const warn = verdict.code !== 'healthy' && verdict.code !== 'tooFewSteps'
  // A generative model's networks are judged apart: the words name the network.
  const key = verdict.network ? 'gradientsView.vanishingLayersIn' : `gradientsView.verdict.${verdict.code}`
  return (
    <li className={warn ? 'warn' : undefined} data-testid="gradients-verdict" data-code={verdict.code}>
      {t(key, {
        network: verdict.network ? t(`gradientsView.network.${verdict.network}`) : '',
        value,
        threshold,
        persist: THRESHOLDS.persist,
        layer: verdict.nodeId ? layerName(verdict.nodeId) : '',
      })}
    </li>
  )
}

function LayerRow({
  steps,
  index,
  name,
  gradRange,
}: {
  steps: ProbeStep[]
  index: number
  name: string
  gradRange: { low: number; high: number }
}) {
  const latest = steps[steps.length - 1].layers[index]
  const grads = steps.map((s) => s.layers[index]?.gradNorm ?? 0)
  const ratios = steps.map((s) => s.layers[index]?.updateRatio ?? 0)
  const histograms = steps.map((s) => s.layers[index]?.histogram).filter((h) => h !== undefined)
  const { t } = useTranslation()
  return (
    <>
      <span
        data-testid="gradients-layer"
        data-node-id={latest.nodeId}
        data-grad-norm={String(latest.gradNorm)}
        data-update-ratio={String(latest.updateRatio)}
        data-dead={latest.deadFraction === null ? '' : String(latest.deadFraction)}
        data-network={latest.network ?? ''}
      >
        {name}
        {latest.network && <small className="gradients-network">{t(`gradientsView.network.${latest.network}`)}</small>}
      </span>
      <div>
        <Plot
          draw={(ctx) => drawLogLine(ctx, grads, gradRange, [THRESHOLDS.explodingNorm])}
          testId="gradients-norm-plot"
        />
        <span>{formatValue(latest.gradNorm)}</span>
      </div>
      <div>
        <Plot draw={(ctx) => drawLogLine(ctx, ratios, { low: -6, high: 0 }, [1e-3, THRESHOLDS.largeUpdate])} />
        <span>{formatValue(latest.updateRatio)}</span>
      </div>
      <span>{latest.deadFraction === null ? '–' : percent(latest.deadFraction)}</span>
      <Plot draw={(ctx) => drawHistograms(ctx, histograms)} testId="gradients-histograms" />
    </>
  )
}

/** The weights-and-gradients view: a card over the canvas, open while the learner trains. */
export function GradientsPanel() {
  const { t } = useTranslation()
  const on = useExplain((s) => s.gradientsOn)
  const state = useExplain((s) => s.gradients)
  const nodes = useDocumentStore((s) => s.doc.nodes)
  useEffect(() => installExplainDebugHook(), [])
  useEffect(() => {
    if (!on) return
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setGradientsOn(false)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [on])
  if (!on) return null
  const layerName = (id: string) => nodes.find((n) => n.id === id)?.name || id
  const steps = state?.ok ? state.steps : []
  const verdicts = steps.length > 0 ? gradientVerdicts(steps) : []
  const latest = steps[steps.length - 1]
  const gradRange = logRange(steps.flatMap((s) => s.layers.map((l) => l.gradNorm)))
  return (
    <div
      className="dialog gradients-dialog gradients-card"
      role="dialog"
      aria-labelledby="gradients-title"
      data-testid="gradients-view"
      data-steps={steps.length}
    >
      <div className="dialog-header">
        <h2 id="gradients-title">{t('gradientsView.title')}</h2>
        <button
          type="button"
          className="icon-button"
          onClick={() => setGradientsOn(false)}
          aria-label={t('gradientsView.close')}
          data-testid="gradients-close"
        >
          <Icon name="close" />
        </button>
      </div>
      <p className="dialog-intro" data-testid="gradients-explain">
        {t('gradientsView.intro')}
      </p>
      {latest?.losses && (
        <p className="dialog-intro" data-testid="gradients-generative">
          {t(
            latest.losses.some((l) => l.network === 'generator')
              ? 'gradientsView.generative.gan'
              : 'gradientsView.generative.diffusion',
          )}
        </p>
      )}
      {state && !state.ok && (
        <p className="activations-status problem" role="alert" data-testid="gradients-problem">
          {t(state.reason === 'unsupported' ? 'gradientsView.unsupported' : 'gradientsView.failed', {
            message: state.message,
          })}
        </p>
      )}
      {state?.ok && steps.length === 0 && <p className="activations-status">{t('gradientsView.waiting')}</p>}
      {latest && (
        <>
          <p className="activation-caption" data-testid="gradients-steps">
            {t('gradientsView.steps', { count: steps.length, ms: DEFAULT_PROBE_MS })}
          </p>
          {latest.losses && (
            <p className="activation-caption" data-testid="gradients-losses">
              {latest.losses
                .map(({ network, loss }) =>
                  t('gradientsView.networkLoss', {
                    network: t(`gradientsView.network.${network}`),
                    value: formatValue(loss),
                  }),
                )
                .join(' · ')}
            </p>
          )}
          <ul className="gradients-verdicts">
            {verdicts.map((v, i) => (
              <VerdictLine key={i} verdict={v} layerName={layerName} />
            ))}
          </ul>
          <p className="activation-caption">
            {t('gradientsView.thresholds', {
              vanishing: THRESHOLDS.vanishingRatio,
              exploding: THRESHOLDS.explodingNorm,
              update: THRESHOLDS.largeUpdate,
              persist: THRESHOLDS.persist,
            })}
          </p>
          <div className="gradients-layers">
            <span className="head">{t('gradientsView.layer')}</span>
            <span className="head">{t('gradientsView.gradNorm')}</span>
            <span className="head">{t('gradientsView.updateRatio')}</span>
            <span className="head">{t('gradientsView.dead')}</span>
            <span className="head">{t('gradientsView.histogram')}</span>
            {latest.layers.map((layer, i) => (
              <LayerRow
                key={layer.nodeId}
                steps={steps}
                index={i}
                name={layerName(layer.nodeId)}
                gradRange={gradRange}
              />
            ))}
          </div>
          {latest.inputGradByTime && (
            <div className="gradients-time" data-testid="gradients-time">
              <p className="activation-caption">{t('gradientsView.timeTitle')}</p>
              <Plot draw={(ctx) => drawTimeBars(ctx, latest.inputGradByTime ?? [])} />
              <span className="activation-axis">{t('gradientsView.timeAxis')}</span>
              <TimeRatio byTime={latest.inputGradByTime} />
            </div>
          )}
        </>
      )}
    </div>
  )
}

/** The vanishing gradient through time as one number: the first steps' gradient over the last steps'. */
function TimeRatio({ byTime }: { byTime: number[] }) {
  const { t } = useTranslation()
  const result = earlyToLateRatio(byTime)
  if (!result) return null
  const ratio = result.ratio < 0.001 ? result.ratio.toExponential(1) : result.ratio.toPrecision(2)
  return (
    <p className="activation-caption" data-testid="gradients-time-ratio" data-ratio={result.ratio}>
      {t('gradientsView.timeRatio', { steps: result.steps, ratio })}
    </p>
  )
}

/** The toggle beside the activations toggle. */
export function GradientsToggle() {
  const { t } = useTranslation()
  const on = useExplain((s) => s.gradientsOn)
  return (
    <button
      type="button"
      className={`activations-toggle${on ? ' on' : ''}`}
      data-testid="gradients-toggle"
      aria-pressed={on}
      title={t('gradientsView.toggleHint')}
      onClick={() => setGradientsOn(!on)}
    >
      <span className="activations-toggle-mark" aria-hidden />
      {t('gradientsView.toggle')}
    </button>
  )
}
