import { memo, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ClassificationEvaluation, Evaluation } from '../../../core/training/evaluate'
import { useDocumentStore } from '../app/document-store'
import type { GallerySamples } from '../worker/protocol'
import { formatMetric, formatPercent } from './format'
import { GenerativeResults, hasGenerativePanel } from './generative/GenerativePanel'
import { evaluateNow, forgetWeights, keepWeights } from './session'
import { isActive, useTraining } from './training-store'

/** The Results tab: test metrics, confusion matrix, per-class table and prediction gallery. */
export function ResultsPanel() {
  const { t } = useTranslation()
  const evaluation = useTraining((state) => state.evaluation)
  const samples = useTraining((state) => state.samples)
  const dataset = useTraining((state) => state.dataset)
  const generative = useDocumentStore((state) => hasGenerativePanel(state.doc.training.task))
  return (
    <div className="results-panel" data-testid="results-panel">
      <WeightsBar />
      {generative ? (
        <GenerativeResults />
      ) : evaluation ? (
        <>
          <TestMetrics evaluation={evaluation} />
          {evaluation.task === 'classification' ? (
            <>
              <div className="results-row">
                <ConfusionMatrix evaluation={evaluation} />
                <PerClassTable evaluation={evaluation} />
              </div>
              <Gallery evaluation={evaluation} samples={samples} />
            </>
          ) : null}
        </>
      ) : (
        <p className="panel-empty">
          {dataset && dataset.test === 0 ? t('training.results.noTest') : t('training.results.empty')}
        </p>
      )}
    </div>
  )
}

function WeightsBar() {
  const { t, i18n } = useTranslation()
  const status = useTraining((state) => state.status)
  const busy = useTraining((state) => state.busy)
  const hasModel = useTraining((state) => state.hasModel)
  const runId = useTraining((state) => state.runId)
  const kept = useTraining((state) => state.keptRunId)
  const runDocument = useTraining((state) => state.runDocument)
  const trained = useDocumentStore((state) => state.doc.trained)
  const graphChanged = useDocumentStore(
    (state) => runDocument !== null && (state.doc.nodes !== runDocument.nodes || state.doc.edges !== runDocument.edges),
  )
  const [saving, setSaving] = useState(false)
  // Generative tasks report their final metrics when training ends; the test-split evaluation is for label tasks.
  const generative = useDocumentStore((state) => hasGenerativePanel(state.doc.training.task))
  const locked = isActive(status) || busy
  const keptThis = kept === runId && trained !== undefined
  return (
    <div className="results-actions">
      <button
        type="button"
        className="button"
        data-testid="results-evaluate"
        disabled={locked || generative || (!hasModel && !trained)}
        onClick={() => void evaluateNow()}
      >
        {t('training.action.evaluate')}
      </button>
      <button
        type="button"
        className="button primary"
        data-testid="results-keep"
        disabled={locked || !hasModel || saving || keptThis}
        title={t('training.hint.keep')}
        onClick={() => {
          setSaving(true)
          void keepWeights().finally(() => setSaving(false))
        }}
      >
        {keptThis ? `✓ ${t('training.action.kept')}` : t('training.action.keep')}
      </button>
      {trained ? (
        <button
          type="button"
          className="button subtle"
          data-testid="results-forget"
          disabled={locked}
          onClick={forgetWeights}
        >
          {t('training.action.forget')}
        </button>
      ) : null}
      <span className="results-weights-note" data-testid="results-weights-note">
        {trained
          ? t('training.saved.inProject', { date: new Date(trained.savedAt).toLocaleString(i18n.language) })
          : t('training.saved.none')}
        {hasModel && graphChanged ? ` ${t('training.saved.graphChanged')}` : ''}
      </span>
    </div>
  )
}

function Metric({ label, value, testId, raw }: { label: string; value: string; testId: string; raw: number }) {
  return (
    <div className="results-metric">
      <span className="results-metric-label">{label}</span>
      <span className="results-metric-value" data-testid={testId} data-value={String(raw)}>
        {value}
      </span>
    </div>
  )
}

function TestMetrics({ evaluation }: { evaluation: Evaluation }) {
  const { t } = useTranslation()
  return (
    <div className="results-metrics">
      <span className="results-heading">{t('training.results.test')}</span>
      {evaluation.task === 'classification' ? (
        <Metric
          label={t('training.results.accuracy')}
          value={formatPercent(evaluation.accuracy)}
          testId="results-accuracy"
          raw={evaluation.accuracy}
        />
      ) : (
        <>
          <Metric
            label={t('training.results.mae')}
            value={formatMetric(evaluation.mae)}
            testId="results-mae"
            raw={evaluation.mae}
          />
          <Metric
            label={t('training.results.mse')}
            value={formatMetric(evaluation.mse)}
            testId="results-mse"
            raw={evaluation.mse}
          />
          <Metric
            label={t('training.results.r2')}
            value={formatMetric(evaluation.r2)}
            testId="results-r2"
            raw={evaluation.r2}
          />
        </>
      )}
      <Metric
        label={t('training.results.loss')}
        value={formatMetric(evaluation.loss)}
        testId="results-loss"
        raw={evaluation.loss}
      />
      <Metric
        label={t('training.results.samples')}
        value={evaluation.samples.toLocaleString()}
        testId="results-samples"
        raw={evaluation.samples}
      />
    </div>
  )
}

const ConfusionMatrix = memo(function ConfusionMatrix({ evaluation }: { evaluation: ClassificationEvaluation }) {
  const { t } = useTranslation()
  const { confusion, classNames } = evaluation
  const k = classNames.length
  const showCounts = k <= 12
  const cell = k <= 10 ? 30 : k <= 20 ? 20 : 12
  return (
    <section className="results-block">
      <h3>{t('training.results.confusion')}</h3>
      <p className="field-help">{t('training.results.confusionHelp')}</p>
      <div className="confusion-wrap">
        <span className="confusion-axis-y">{t('training.results.trueAxis')}</span>
        <div>
          <span className="confusion-axis-x">{t('training.results.predictedAxis')}</span>
          <div
            className="confusion-matrix"
            data-testid="confusion-matrix"
            data-classes={k}
            role="table"
            style={{ gridTemplateColumns: `auto repeat(${k}, ${cell}px)`, gridAutoRows: `${cell}px` }}
          >
            <span />
            {classNames.map((name) => (
              <span key={`h${name}`} className="confusion-label col" title={name}>
                {showCounts ? name : ''}
              </span>
            ))}
            {confusion.map((row, actual) => {
              const total = row.reduce((a, b) => a + b, 0)
              return [
                <span key={`r${actual}`} className="confusion-label row" title={classNames[actual]}>
                  {classNames[actual]}
                </span>,
                ...row.map((count, predicted) => {
                  const share = total > 0 ? count / total : 0
                  const tone = actual === predicted ? 'var(--accent)' : 'var(--error)'
                  return (
                    <span
                      key={`${actual}-${predicted}`}
                      className={`confusion-cell${actual === predicted ? ' diagonal' : ''}`}
                      data-testid="confusion-cell"
                      role="cell"
                      title={t('training.results.cell', {
                        actual: classNames[actual],
                        predicted: classNames[predicted],
                        count,
                        share: formatPercent(share),
                      })}
                      style={{
                        background:
                          count > 0
                            ? `color-mix(in srgb, ${tone} ${Math.round(12 + share * 88)}%, transparent)`
                            : undefined,
                        color: share > 0.5 ? '#fff' : undefined,
                      }}
                    >
                      {showCounts && count > 0 ? count : ''}
                    </span>
                  )
                }),
              ]
            })}
          </div>
        </div>
      </div>
    </section>
  )
})

function PerClassTable({ evaluation }: { evaluation: ClassificationEvaluation }) {
  const { t } = useTranslation()
  return (
    <section className="results-block">
      <h3>{t('training.results.perClass')}</h3>
      <table className="per-class" data-testid="per-class-table">
        <thead>
          <tr>
            <th>{t('training.results.className')}</th>
            <th>{t('training.results.precision')}</th>
            <th>{t('training.results.recall')}</th>
            <th>{t('training.results.f1')}</th>
            <th>{t('training.results.support')}</th>
          </tr>
        </thead>
        <tbody>
          {evaluation.perClass.map((row) => (
            <tr key={row.className}>
              <td>{row.className}</td>
              <td>{formatPercent(row.precision)}</td>
              <td>{formatPercent(row.recall)}</td>
              <td>{formatPercent(row.f1)}</td>
              <td>{row.support}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td>{t('training.results.macro')}</td>
            <td>{formatPercent(evaluation.macro.precision)}</td>
            <td>{formatPercent(evaluation.macro.recall)}</td>
            <td>{formatPercent(evaluation.macro.f1)}</td>
            <td>{evaluation.samples}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  )
}

const GALLERY_LIMIT = 60

function Gallery({ evaluation, samples }: { evaluation: ClassificationEvaluation; samples: GallerySamples | null }) {
  const { t } = useTranslation()
  const [mistakesOnly, setMistakesOnly] = useState(false)
  const items = evaluation.predictions
    .map((p, i) => ({ ...p, i }))
    .filter((p) => !mistakesOnly || p.label !== p.predicted)
    .slice(0, GALLERY_LIMIT)
  const name = (c: number) => evaluation.classNames[c] ?? String(c)
  return (
    <section className="results-block gallery-block">
      <div className="gallery-header">
        <h3>{t('training.results.gallery')}</h3>
        <label className="gallery-filter">
          <input
            type="checkbox"
            checked={mistakesOnly}
            onChange={(event) => setMistakesOnly(event.target.checked)}
            data-testid="gallery-mistakes"
          />
          {t('training.results.mistakesOnly')}
        </label>
      </div>
      <p className="field-help">{t('training.results.galleryHelp')}</p>
      {items.length === 0 ? <p className="panel-empty small">{t('training.results.noMistakes')}</p> : null}
      <div className={`gallery ${samples?.kind ?? 'none'}`} data-testid="gallery">
        {items.map((item) => {
          const wrong = item.label !== item.predicted
          return (
            <figure
              key={item.index}
              className={`gallery-item${wrong ? ' wrong' : ''}`}
              data-testid="gallery-item"
              data-wrong={wrong}
            >
              {samples?.kind === 'image' ? <Thumb samples={samples} at={item.i} /> : null}
              {samples?.kind === 'text' ? <code className="gallery-text">{samples.texts[item.i]}</code> : null}
              {samples?.kind === 'table' ? (
                <code className="gallery-text">{samples.rows[item.i]?.map((v) => formatMetric(v)).join(', ')}</code>
              ) : null}
              <figcaption>
                <span className="gallery-guess">
                  {t('training.results.guess', {
                    label: name(item.predicted),
                    confidence: formatPercent(item.confidence, 0),
                  })}
                </span>
                <span className="gallery-truth">{t('training.results.truth', { label: name(item.label) })}</span>
              </figcaption>
            </figure>
          )
        })}
      </div>
    </section>
  )
}

/** One sample picture, drawn with putImageData at its own size and scaled up by CSS. */
function Thumb({ samples, at }: { samples: Extract<GallerySamples, { kind: 'image' }>; at: number }) {
  const ref = useRef<HTMLCanvasElement>(null)
  const { height, width, channels, pixels } = samples
  useEffect(() => {
    const context = ref.current?.getContext('2d')
    if (!context) return
    const image = context.createImageData(width, height)
    const size = height * width * channels
    const offset = at * size
    for (let p = 0; p < height * width; p++) {
      const source = offset + p * channels
      image.data[p * 4] = pixels[source]
      image.data[p * 4 + 1] = pixels[source + (channels >= 3 ? 1 : 0)]
      image.data[p * 4 + 2] = pixels[source + (channels >= 3 ? 2 : 0)]
      image.data[p * 4 + 3] = 255
    }
    context.putImageData(image, 0, 0)
  }, [height, width, channels, pixels, at])
  return <canvas ref={ref} className="gallery-thumb" width={width} height={height} />
}
