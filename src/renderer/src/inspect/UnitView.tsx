import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type {
  ConvExplanation,
  DenseExplanation,
  LossExplanation,
  SoftmaxExplanation,
} from '../../../core/inspect/explain-unit'
import { useDocumentStore } from '../app/document-store'
import { Icon } from '../panels/icons'
import { formatValue, scaleFor, type ColourScale } from './colour-scale'
import { drawBlock } from './draw'
import { chooseUnit, closeUnitView, installExplainDebugHook, useExplain } from './explain-store'
import './explain-strings'
import './explain.css'

/** Full precision for the tests (data-* attributes), short for the eye. */
const full = (v: number) => String(v)

/** A heat map of one rows × cols block; an optional highlighted rectangle (the sliding window). */
function Heat(props: {
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

function Picker({
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

function Dense({ unit }: { unit: DenseExplanation }) {
  const { t } = useTranslation()
  return (
    <section
      className="unit-section"
      data-testid="unit-dense"
      data-unit={unit.unit}
      data-pre={full(unit.preActivation)}
      data-output={full(unit.output)}
      data-bias={full(unit.bias)}
    >
      <Picker
        label={t('unitView.unit', { n: unit.unit + 1, total: unit.units })}
        value={unit.unit}
        total={unit.units}
        onChange={(n) => chooseUnit(n)}
      />
      <p className="unit-formula">y = f(Σ wᵢxᵢ + b)</p>
      <table className="unit-table">
        <thead>
          <tr>
            <th>{t('unitView.index')}</th>
            <th>{t('unitView.input')}</th>
            <th>{t('unitView.weight')}</th>
            <th>{t('unitView.product')}</th>
          </tr>
        </thead>
        <tbody>
          {unit.top.map((term) => (
            <tr
              key={term.index}
              data-testid="unit-term"
              data-index={term.index}
              data-x={full(term.x)}
              data-w={full(term.w)}
              data-product={full(term.product)}
            >
              <td>{term.index + 1}</td>
              <td>{formatValue(term.x)}</td>
              <td>{formatValue(term.w)}</td>
              <td className={term.product >= 0 ? 'unit-positive' : 'unit-negative'}>{formatValue(term.product)}</td>
            </tr>
          ))}
          {unit.restCount > 0 && (
            <tr data-testid="unit-rest" data-sum={full(unit.restSum)}>
              <td colSpan={3}>{t('unitView.rest', { count: unit.restCount })}</td>
              <td>{formatValue(unit.restSum)}</td>
            </tr>
          )}
        </tbody>
      </table>
      <Sums
        rows={[
          [t('unitView.sum'), unit.sum],
          [t('unitView.bias'), unit.bias],
          [t('unitView.pre'), unit.preActivation],
        ]}
      />
      <p className="unit-result">
        <span>{t('unitView.activation', { name: unit.activation })}</span>
        <strong data-testid="unit-output">
          {t('unitView.output')}: {formatValue(unit.output)}
        </strong>
      </p>
    </section>
  )
}

function Sums({ rows }: { rows: [string, number][] }) {
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

function Conv({ unit }: { unit: ConvExplanation }) {
  const { t } = useTranslation()
  const { input, kernel } = unit
  const inputScale = scaleFor(Math.min(0, ...input.values), Math.max(0, ...input.values))
  const kernelScale = scaleFor(Math.min(0, ...kernel.values), Math.max(0, ...kernel.values))
  const box = {
    top: unit.row * unit.strides[0] - unit.padTop,
    left: unit.col * unit.strides[1] - unit.padLeft,
    height: (kernel.height - 1) * unit.dilation[0] + 1,
    width: (kernel.width - 1) * unit.dilation[1] + 1,
  }
  const hw = input.height * input.width
  const kk = kernel.height * kernel.width
  const step = (delta: number) => {
    const at = Math.min(Math.max(0, unit.row * unit.outWidth + unit.col + delta), unit.outHeight * unit.outWidth - 1)
    chooseUnit(unit.filter, { row: Math.floor(at / unit.outWidth), col: at % unit.outWidth })
  }
  const small = kk <= 49
  const outScale = scaleFor(Math.min(...unit.outputMap), Math.max(...unit.outputMap))
  return (
    <section
      className="unit-section"
      data-testid="unit-conv"
      data-axis={unit.axis}
      data-filter={unit.filter}
      data-row={unit.row}
      data-col={unit.col}
      data-pre={full(unit.preActivation)}
      data-output={full(unit.output)}
      data-bias={full(unit.bias)}
    >
      <Picker
        label={t('unitView.filter', { n: unit.filter + 1, total: unit.filters })}
        value={unit.filter}
        total={unit.filters}
        onChange={(n) => chooseUnit(n)}
      />
      <div className="unit-picker">
        <button
          type="button"
          className="button"
          data-testid="unit-step-back"
          onClick={() => step(-1)}
          aria-label={t('unitView.previousPosition')}
        >
          ‹
        </button>
        <span data-testid="unit-position">
          {unit.axis === 'time'
            ? t('unitView.timeStep', { step: unit.col + 1, steps: unit.outWidth })
            : t('unitView.position', {
                row: unit.row + 1,
                col: unit.col + 1,
                rows: unit.outHeight,
                cols: unit.outWidth,
              })}
        </span>
        <button
          type="button"
          className="button"
          data-testid="unit-step"
          onClick={() => step(1)}
          aria-label={t('unitView.nextPosition')}
        >
          ›
        </button>
      </div>
      <p className="activation-caption">{t('unitView.inputChannels')}</p>
      {input.shownChannels < input.channels && (
        <p className="activation-caption">
          {t('unitView.moreChannels', { shown: input.shownChannels, total: input.channels })}
        </p>
      )}
      <div className="unit-channels">
        {Array.from({ length: input.shownChannels }, (_, c) => (
          <figure key={c} className="unit-channel" data-testid="unit-channel" data-sum={full(unit.channelSums[c])}>
            <Heat
              values={input.values}
              offset={c * hw}
              rows={input.height}
              cols={input.width}
              size={unit.axis === 'time' ? 224 : 112}
              scale={inputScale}
              box={box}
            />
            <Heat
              values={kernel.values}
              offset={c * kk}
              rows={kernel.height}
              cols={kernel.width}
              size={56}
              scale={kernelScale}
            />
            {small ? (
              <table className="unit-products" data-testid="unit-products">
                <tbody>
                  {Array.from({ length: kernel.height }, (_, i) => (
                    <tr key={i}>
                      {Array.from({ length: kernel.width }, (_, j) => {
                        const value = unit.products[c * kk + i * kernel.width + j]
                        return (
                          <td key={j} data-value={full(value)}>
                            {formatValue(value)}
                          </td>
                        )
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <Heat
                values={unit.products}
                offset={c * kk}
                rows={kernel.height}
                cols={kernel.width}
                size={56}
                scale={scaleFor(-1, 1)}
              />
            )}
            <figcaption>
              {t('unitView.channel', { n: c + 1 })} · {t('unitView.channelSum', { n: c + 1 })} ={' '}
              {formatValue(unit.channelSums[c])}
            </figcaption>
          </figure>
        ))}
      </div>
      <Sums
        rows={[
          ['Σ', unit.channelSums.reduce((a, b) => a + b, 0)],
          [t('unitView.bias'), unit.bias],
          [t('unitView.pre'), unit.preActivation],
        ]}
      />
      <p className="unit-result">
        <span>{t('unitView.activation', { name: unit.activation })}</span>
        <strong data-testid="unit-output">
          {t('unitView.output')}: {formatValue(unit.output)}
        </strong>
      </p>
      <p className="activation-caption">{t('unitView.outputMap')}</p>
      <Heat
        values={unit.outputMap}
        rows={unit.outHeight}
        cols={unit.outWidth}
        size={196}
        scale={outScale}
        box={{ top: unit.row, left: unit.col, height: 1, width: 1 }}
        onPick={(row, col) => chooseUnit(unit.filter, { row, col })}
        testId="unit-output-map"
      />
    </section>
  )
}

function Softmax({ softmax, classNames }: { softmax: SoftmaxExplanation; classNames: string[] | null }) {
  const { t } = useTranslation()
  return (
    <section className="unit-section" data-testid="unit-softmax" data-check={full(softmax.check)}>
      <h3>Softmax</h3>
      <p className="dialog-intro">{t('unitView.intro.softmax')}</p>
      <p className="activation-caption">{t(`unitView.logitsFrom.${softmax.logitsFrom}`)}</p>
      <p className="unit-formula">pᵢ = exp(zᵢ) / Σⱼ exp(zⱼ)</p>
      <table className="unit-table">
        <thead>
          <tr>
            <th />
            <th>{t('unitView.logit')}</th>
            <th>{t('unitView.exp')}</th>
            <th>{t('unitView.probability')}</th>
          </tr>
        </thead>
        <tbody>
          {softmax.logits.map((z, i) => (
            <tr
              key={i}
              data-testid="unit-class"
              data-logit={full(z)}
              data-exp={full(softmax.exp[i])}
              data-probability={full(softmax.probabilities[i])}
            >
              <td>{classNames?.[i] ?? i}</td>
              <td>{formatValue(z)}</td>
              <td>{formatValue(softmax.exp[i])}</td>
              <td>
                <span className="unit-bar" style={{ width: `${Math.round(softmax.probabilities[i] * 100)}%` }} />
                {formatValue(softmax.probabilities[i])}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="activation-caption">
        {t('unitView.expSum', { sum: formatValue(softmax.expSum) })} ·{' '}
        {t('unitView.check', { value: formatValue(Math.max(softmax.check, 1e-9)) })}
      </p>
    </section>
  )
}

function Loss({ loss, classNames }: { loss: LossExplanation; classNames: string[] | null }) {
  const { t } = useTranslation()
  const label =
    loss.label !== null ? (classNames?.[loss.label] ?? String(loss.label)) : loss.target.map(formatValue).join(', ')
  return (
    <section
      className="unit-section"
      data-testid="unit-loss"
      data-cross-entropy={loss.crossEntropy === null ? '' : full(loss.crossEntropy)}
      data-mse={full(loss.meanSquaredError)}
    >
      <h3>{t('unitView.lossTitle')}</h3>
      <p className="dialog-intro">{t('unitView.intro.loss')}</p>
      <p className="activation-caption">
        {loss.label !== null ? t('unitView.label') : t('unitView.target')}: {label}
      </p>
      <div className="unit-losses">
        <div>
          <span>{t('unitView.crossEntropy')}</span>
          <strong>
            {loss.crossEntropy === null ? t('unitView.notProbabilities') : formatValue(loss.crossEntropy)}
          </strong>
        </div>
        <div>
          <span>{t('unitView.meanSquaredError')}</span>
          <strong>{formatValue(loss.meanSquaredError)}</strong>
        </div>
      </div>
    </section>
  )
}

/** "How one unit computes": a dialog over the canvas for one node (opened from its activations view). */
export function UnitView() {
  const { t } = useTranslation()
  const nodeId = useExplain((s) => s.nodeId)
  const result = useExplain((s) => s.result)
  const pending = useExplain((s) => s.pending)
  const docNode = useDocumentStore((s) => s.doc.nodes.find((n) => n.id === nodeId))

  useEffect(() => installExplainDebugHook(), [])
  useEffect(() => {
    if (!nodeId) return
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeUnitView()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [nodeId])

  if (!nodeId) return null
  const explanation = result?.ok ? result.explanation : null
  const unit = explanation?.unit ?? null
  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && closeUnitView()}>
      <div
        className="dialog unit-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="unit-title"
        data-testid="unit-view"
        data-node-id={nodeId}
      >
        <div className="dialog-header">
          <h2 id="unit-title">
            {t('unitView.title')} · {docNode?.name || nodeId}
          </h2>
          <button
            type="button"
            className="icon-button"
            onClick={closeUnitView}
            aria-label={t('unitView.close')}
            data-testid="unit-close"
          >
            <Icon name="close" />
          </button>
        </div>
        {result?.ok && (
          <p className="activation-caption" data-testid="unit-sample">
            {t('unitView.sample', { index: result.sample.index + 1, count: result.sample.count })}
          </p>
        )}
        {!result && pending && <p className="activations-status">{t('unitView.reading')}</p>}
        {result && !result.ok && (
          <p className="activations-status problem" role="alert" data-testid="unit-problem">
            {result.reason === 'noModel' ? t('unitView.noModel') : t('unitView.failed', { message: result.message })}
          </p>
        )}
        {unit && (
          <p className="dialog-intro" data-testid="unit-explain">
            {t(`unitView.intro.${unit.kind === 'conv' && unit.axis === 'time' ? 'conv1d' : unit.kind}`)}
          </p>
        )}
        {explanation?.unsupported && !explanation.softmax && !explanation.loss && (
          <p className="activations-status" data-testid="unit-unsupported">
            {t(`unitView.unsupported.${explanation.unsupported}`)}
          </p>
        )}
        {unit?.kind === 'dense' && <Dense unit={unit} />}
        {unit?.kind === 'conv' && <Conv unit={unit} />}
        {explanation?.softmax && (
          <Softmax softmax={explanation.softmax} classNames={result?.ok ? result.classNames : null} />
        )}
        {explanation?.loss && <Loss loss={explanation.loss} classNames={result?.ok ? result.classNames : null} />}
      </div>
    </div>
  )
}
