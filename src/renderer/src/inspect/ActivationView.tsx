import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { NodeActivation } from '../../../core/inspect/activations'
import { kindLabel as labelOfKind } from '../../../core/i18n/format'
import { useDocumentStore } from '../app/document-store'
import { useLang } from '../app/ui-store'
import { Icon } from '../panels/icons'
import { choosePage, closeActivationView, useActivations } from './activations-store'
import { formatValue, legendGradient, scaleFor, type ColourScale } from './colour-scale'
import { attentionScale, drawBlock, timeMajorToUnitRows } from './draw'
import { openUnitView } from './explain-store'
import './explain-strings'

/** One block of values drawn as a heat map on its own canvas. */
function Heat(props: {
  values: ArrayLike<number>
  offset?: number
  rows: number
  cols: number
  width: number
  height: number
  scale: ColourScale
  testId?: string
}) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const { values, offset = 0, rows, cols, width, height, scale } = props
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d')
    if (!ctx) return
    ctx.clearRect(0, 0, width, height)
    drawBlock(ctx, values, offset, rows, cols, { x: 0, y: 0, w: width, h: height }, scale)
  }, [values, offset, rows, cols, width, height, scale])
  return <canvas ref={canvas} width={width} height={height} className="activation-heat" data-testid={props.testId} />
}

function Legend({ scale, min, max }: { scale: ColourScale; min: number; max: number }) {
  const { t } = useTranslation()
  return (
    <div className="activation-legend" data-testid="activation-legend">
      <span className="activation-legend-title">{t('activations.scale')}</span>
      <span data-testid="activation-scale-low">{formatValue(scale.low)}</span>
      <span className="activation-legend-bar" style={{ background: legendGradient(scale) }} />
      <span data-testid="activation-scale-high">{formatValue(scale.high)}</span>
      <span className="activation-legend-range" data-testid="activation-min-max">
        {t('activations.minMax', { min: formatValue(min), max: formatValue(max) })}
      </span>
    </div>
  )
}

function Pager({ node }: { node: NodeActivation }) {
  const { t } = useTranslation()
  const key = node.layout === 'maps' ? 'channels' : node.layout === 'sequence' ? 'units' : 'entries'
  return (
    <div className="activation-pager">
      <span data-testid="activation-page">
        {t(`activations.${key}`, { from: node.start + 1, to: node.start + node.count, total: node.axisSize })}
      </span>
      {node.pageCount > 1 && (
        <>
          <button
            type="button"
            className="button"
            data-testid="activation-page-prev"
            disabled={node.page <= 0}
            onClick={() => choosePage(node.nodeId, node.page - 1)}
            aria-label={t('activations.previousPage')}
          >
            ‹
          </button>
          <button
            type="button"
            className="button"
            data-testid="activation-page-next"
            disabled={node.page >= node.pageCount - 1}
            onClick={() => choosePage(node.nodeId, node.page + 1)}
            aria-label={t('activations.nextPage')}
          >
            ›
          </button>
        </>
      )}
    </div>
  )
}

/** Feature maps: the page's channels as a grid; one of them large. */
function Maps({ node, scale }: { node: NodeActivation; scale: ColourScale }) {
  const { t } = useTranslation()
  const [picked, setPicked] = useState(0)
  const [height, width] = node.shape
  const chosen = Math.min(picked, node.count - 1)
  const size = height * width
  const big = 288
  return (
    <div className="activation-maps">
      <div className="activation-grid" role="listbox" aria-label={t('activations.title')}>
        {Array.from({ length: node.count }, (_, c) => (
          <button
            key={c}
            type="button"
            role="option"
            aria-selected={c === chosen}
            className={`activation-cell${c === chosen ? ' chosen' : ''}`}
            data-testid="activation-channel"
            onClick={() => setPicked(c)}
            title={t('activations.channel', { n: node.start + c + 1 })}
          >
            <Heat
              values={node.values}
              offset={c * size}
              rows={height}
              cols={width}
              width={64}
              height={Math.max(8, Math.round((64 * height) / width))}
              scale={scale}
            />
            <span>{node.start + c + 1}</span>
          </button>
        ))}
      </div>
      <figure className="activation-large">
        <Heat
          values={node.values}
          offset={chosen * size}
          rows={height}
          cols={width}
          width={big}
          height={Math.round((big * height) / width)}
          scale={scale}
          testId="activation-large"
        />
        <figcaption>{t('activations.channel', { n: node.start + chosen + 1 })}</figcaption>
      </figure>
    </div>
  )
}

function Attention({ node }: { node: NodeActivation }) {
  const { t } = useTranslation()
  const { heads, queries, keys, values } = node.attention!
  const scale = attentionScale(values)
  return (
    <div className="activation-attention">
      <p className="activation-caption">{t('activations.heads')}</p>
      <div className="activation-heads">
        {Array.from({ length: heads }, (_, h) => (
          <figure key={h}>
            <Heat
              values={values}
              offset={h * queries * keys}
              rows={queries}
              cols={keys}
              width={168}
              height={Math.round((168 * queries) / keys)}
              scale={scale}
              testId="activation-head"
            />
            <figcaption>{t('activations.head', { n: h + 1 })}</figcaption>
          </figure>
        ))}
      </div>
      <Legend scale={scale} min={scale.low} max={scale.high} />
    </div>
  )
}

/** The large view of one node's activations (opened from its thumbnail). */
export function ActivationView() {
  const { t } = useTranslation()
  const lang = useLang()
  const nodeId = useActivations((s) => s.viewNodeId)
  const node = useActivations((s) => (s.viewNodeId ? s.byNode[s.viewNodeId] : undefined))
  const docNode = useDocumentStore((s) => s.doc.nodes.find((n) => n.id === nodeId))
  const edges = useDocumentStore((s) => s.doc.edges)

  useEffect(() => {
    if (!nodeId) return
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeActivationView()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [nodeId])

  if (!nodeId || !node) return null
  const kindLabel = docNode ? labelOfKind(docNode.kind, lang) : ''
  const title = docNode?.name || kindLabel || nodeId
  const scale = scaleFor(node.min, node.max)
  const explain = node.attention ? 'attention' : node.layout
  // Dense and conv layers: open "how one unit computes"; the network's last layer: softmax and loss.
  const isLast = docNode ? !edges.some((e) => e.source === docNode.id) : false
  const explainable = docNode?.kind === 'dense' || docNode?.kind === 'conv2d' || docNode?.kind === 'conv1d'
  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(event) => event.target === event.currentTarget && closeActivationView()}
    >
      <div
        className="dialog activation-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="activation-title"
        data-testid="activation-view"
        data-node-id={nodeId}
      >
        <div className="dialog-header">
          <h2 id="activation-title">
            {t('activations.title')} · {title}
            {docNode?.name && kindLabel ? <span className="activation-kind"> {kindLabel}</span> : null}
          </h2>
          <button
            type="button"
            className="icon-button"
            onClick={closeActivationView}
            aria-label={t('activations.close')}
            data-testid="activation-close"
          >
            <Icon name="close" />
          </button>
        </div>
        <p className="dialog-intro" data-testid="activation-explain">
          {t(`activations.explain.${explain}`)}
        </p>
        {(explainable || isLast) && (
          <button
            type="button"
            className="button activation-open-unit"
            data-testid="activation-open-unit"
            onClick={() => {
              closeActivationView()
              openUnitView(nodeId)
            }}
          >
            {t(isLast ? 'unitView.openOutput' : 'unitView.open')}
          </button>
        )}
        <div className="activation-meta">
          <span data-testid="activation-shape">{t('activations.shape', { shape: node.shape.join(' × ') })}</span>
          <Pager node={node} />
        </div>
        {node.attention && <Attention node={node} />}
        {node.attention && <p className="activation-caption">{t('activations.output')}</p>}
        {node.layout === 'maps' && <Maps key={`${node.nodeId}:${node.page}`} node={node} scale={scale} />}
        {node.layout === 'sequence' && (
          <div className="activation-sequence">
            <span className="activation-axis">{t('activations.unitsDown')}</span>
            <Heat
              values={timeMajorToUnitRows(node)}
              rows={node.count}
              cols={node.shape[0]}
              width={640}
              height={Math.min(320, Math.max(64, node.count * 6))}
              scale={scale}
              testId="activation-large"
            />
            <span className="activation-axis">{t('activations.time')}</span>
          </div>
        )}
        {node.layout === 'vector' && (
          <Heat
            values={node.values}
            rows={1}
            cols={node.count}
            width={640}
            height={node.count <= 32 ? 48 : 28}
            scale={scale}
            testId="activation-large"
          />
        )}
        <Legend scale={scale} min={node.min} max={node.max} />
      </div>
    </div>
  )
}
