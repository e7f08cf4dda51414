import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useDocumentStore } from '../app/document-store'
import { LiveChart, type LineSpec } from '../charts/LiveChart'
import { backendName, cpuBackendHelp, isCpuBackend } from './backend-label'
import { ConfigForm } from './ConfigForm'
import { GenerativePanel } from './generative/GenerativePanel'
import { formatDuration, formatMetric, formatPercent, formatRate } from './format'
import { RunMessages } from './RunMessages'
import { SmoothingControl } from './SmoothingControl'
import { pauseTraining, resumeTraining, startTraining, stepTraining, stopTraining } from './session'
import { isActive, useTraining } from './training-store'

/** The Train tab: settings on the left; controls, progress, numbers and live charts on the right. */
export function TrainPanel() {
  return (
    <div className="train-panel">
      <ConfigForm />
      <div className="train-main">
        <TrainControls />
        <TrainProgress />
        <RunMessages />
        <GenerativePanel />
        <TrainCharts />
      </div>
    </div>
  )
}

export function BackendBadge() {
  const { t } = useTranslation()
  const backend = useTraining((state) => state.backend)
  if (!backend) return null
  const name = backendName(t, backend)
  const gpu = backend.gpu ?? (isCpuBackend(backend.backend) ? null : t('training.backend.unknownGpu'))
  const title = [
    gpu,
    cpuBackendHelp(t, backend),
    backend.software ? t('training.backend.softwareHelp') : null,
    backend.fallback ? t(`training.backend.fallback.${backend.fallback}`) : null,
    backend.fallbackDetail ?? null,
  ]
    .filter(Boolean)
    .join('\n')
  return (
    <span
      className={`backend-badge ${backend.backend}${backend.software ? ' software' : ''}`}
      title={title}
      data-testid="train-backend"
      data-backend={backend.backend}
    >
      <strong>{name}</strong>
      {gpu ? <span className="backend-gpu">{shortGpu(gpu)}</span> : null}
      {backend.software ? <span className="backend-soft">{t('training.backend.software')}</span> : null}
    </span>
  )
}

/** "ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 …)" → "NVIDIA GeForce RTX 3060 Direct3D11 …" */
function shortGpu(name: string): string {
  const angle = /^ANGLE \(([^,]+),\s*(.+?)(?:,\s*[^,]*)?\)$/.exec(name)
  const text = angle ? angle[2] : name
  return text.length > 48 ? `${text.slice(0, 46)}…` : text
}

function TrainControls() {
  const { t } = useTranslation()
  const status = useTraining((state) => state.status)
  const phase = useTraining((state) => state.phase)
  const busy = useTraining((state) => state.busy)
  const fallback = useTraining((state) => state.backend?.fallback)
  const fallbackDetail = useTraining((state) => state.backend?.fallbackDetail)
  const active = isActive(status)
  const statusText =
    status === 'starting' && phase
      ? t(`training.phase.${phase}`)
      : busy && phase === 'evaluating'
        ? t('training.phase.evaluating')
        : t(`training.status.${status}`)
  return (
    <div className="train-controls">
      {status === 'paused' ? (
        <button type="button" className="button primary" data-testid="train-resume" onClick={resumeTraining}>
          {t('training.action.resume')}
        </button>
      ) : active ? (
        <button
          type="button"
          className="button"
          data-testid="train-pause"
          disabled={status !== 'running'}
          title={t('training.hint.pause')}
          onClick={pauseTraining}
        >
          {t('training.action.pause')}
        </button>
      ) : (
        <button
          type="button"
          className="button primary"
          data-testid="train-start"
          disabled={busy}
          title={t('training.hint.train')}
          onClick={() => void startTraining()}
        >
          {status === 'idle' ? t('training.action.train') : t('training.action.trainAgain')}
        </button>
      )}
      <button
        type="button"
        className="button"
        data-testid="train-step"
        disabled={status !== 'paused'}
        title={t('training.hint.step')}
        onClick={stepTraining}
      >
        {t('training.action.step')}
      </button>
      <button
        type="button"
        className="button"
        data-testid="train-stop"
        disabled={!active}
        title={t('training.hint.stop')}
        onClick={stopTraining}
      >
        {t('training.action.stop')}
      </button>
      <span className={`train-status ${status}`} data-testid="train-status" data-status={status} role="status">
        {statusText}
      </span>
      <span className="status-spacer" />
      {fallback ? (
        <span className="train-fallback" data-testid="train-fallback" data-fallback={fallback} title={fallbackDetail}>
          {t(`training.backend.fallback.${fallback}`)}
        </span>
      ) : null}
      <BackendBadge />
    </div>
  )
}

function Stat({
  label,
  value,
  testId,
  title,
  raw,
}: {
  label: string
  value: string
  testId?: string
  title?: string
  raw?: number
}) {
  return (
    <div className="train-stat" title={title}>
      <span className="train-stat-label">{label}</span>
      <span
        className="train-stat-value"
        data-testid={testId}
        data-value={raw !== undefined && Number.isFinite(raw) ? String(raw) : undefined}
      >
        {value}
      </span>
    </div>
  )
}

function TrainProgress() {
  const { t } = useTranslation()
  const last = useTraining((state) => state.last)
  const epochs = useTraining((state) => state.epochs)
  const planned = useTraining((state) => state.epochsPlanned)
  const status = useTraining((state) => state.status)
  const memory = useTraining((state) => state.memory)
  const dataset = useTraining((state) => state.dataset)
  const elapsed = useTraining((state) => (state.startedAt === null ? Number.NaN : state.elapsed))
  const lastEpoch = epochs[epochs.length - 1]
  const perEpoch = last?.batchesPerEpoch ?? 0
  const doneBatches = last ? last.epoch * perEpoch + last.batch + 1 : 0
  const total = perEpoch * planned
  const fraction = status === 'done' ? 1 : total > 0 ? Math.min(1, doneBatches / total) : 0
  const task = useDocumentStore((state) => state.doc.training.task)
  // Accuracy for label classification and the language model; a GAN, diffusion or autoencoder on labelled data has none.
  const generative = task === 'gan' || task === 'diffusion' || task === 'autoencoder'
  const classification = (dataset ? dataset.task === 'classification' : true) && !generative
  const growth = memory.length > 1 ? memory[memory.length - 1].numTensors - memory[0].numTensors : 0
  return (
    <div className="train-progress">
      <div
        className="progress-bar"
        role="progressbar"
        aria-label={t('training.stat.progress')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
        data-testid="train-progress"
      >
        <div className={`progress-fill ${status}`} style={{ width: `${fraction * 100}%` }} />
      </div>
      <div className="train-stats">
        <Stat
          label={t('training.stat.epoch')}
          value={last ? `${last.epoch + 1} / ${planned}` : planned ? `– / ${planned}` : '–'}
          testId="train-epoch"
        />
        <Stat label={t('training.stat.batch')} value={last ? `${last.batch + 1} / ${perEpoch}` : '–'} />
        <Stat label={t('training.stat.loss')} value={formatMetric(last?.loss)} testId="train-loss" raw={last?.loss} />
        {classification ? (
          <Stat label={t('training.stat.accuracy')} value={formatPercent(last?.accuracy)} raw={last?.accuracy} />
        ) : null}
        <Stat
          label={t('training.stat.valLoss')}
          value={formatMetric(lastEpoch?.valLoss)}
          testId="train-val-loss"
          raw={lastEpoch?.valLoss}
        />
        {classification ? (
          <Stat
            label={t('training.stat.valAccuracy')}
            value={formatPercent(lastEpoch?.valAccuracy)}
            testId="train-val-accuracy"
            raw={lastEpoch?.valAccuracy}
          />
        ) : generative ? null : (
          <Stat
            label={t('training.stat.valMae')}
            value={formatMetric(lastEpoch?.valMae)}
            testId="train-val-mae"
            raw={lastEpoch?.valMae}
          />
        )}
        <Stat
          label={t('training.stat.samplesPerSec')}
          value={formatRate(last?.samplesPerSec)}
          testId="train-speed"
          raw={last?.samplesPerSec}
        />
        <Stat
          label={t('training.stat.eta')}
          value={status === 'running' && last ? formatDuration(last.etaSeconds, t) : '–'}
          testId="train-eta"
        />
        <Stat
          label={t('training.stat.elapsed')}
          value={formatDuration(elapsed, t)}
          testId="train-elapsed"
          raw={elapsed}
        />
        <Stat
          label={t('training.stat.tensors')}
          value={
            memory.length
              ? `${memory[memory.length - 1].numTensors} · ${growth > 0 ? t('training.stat.tensorsGrowing') : t('training.stat.tensorsFlat')}`
              : '–'
          }
          title={t('training.stat.tensorsHelp')}
          testId="train-tensors"
          raw={memory.length ? memory[memory.length - 1].numTensors : undefined}
        />
      </div>
      {dataset ? (
        <div className="train-dataset">
          {t('training.stat.samples', {
            train: dataset.train.toLocaleString(),
            validation: dataset.validation.toLocaleString(),
            test: dataset.test.toLocaleString(),
          })}
        </div>
      ) : null}
    </div>
  )
}

function TrainCharts() {
  const { t, i18n } = useTranslation()
  const task = useDocumentStore((state) => state.doc.training.task)
  const classification = task === 'classification' || task === 'languageModel'
  const charts = useMemo(() => {
    void i18n.language
    const loss: LineSpec[] = [
      { key: 'loss', label: t('training.chart.raw'), colour: 'accent', faint: true },
      { key: 'lossSmooth', label: t('training.chart.smoothed'), colour: 'accent' },
    ]
    const accuracy: LineSpec[] = [
      { key: 'accuracy', label: t('training.chart.raw'), colour: 'green', faint: true },
      { key: 'accuracySmooth', label: t('training.chart.smoothed'), colour: 'green' },
    ]
    const epochs: LineSpec[] = [
      { key: 'epochLoss', label: t('training.chart.trainLoss'), colour: 'accent', points: true },
      { key: 'epochValLoss', label: t('training.chart.valLoss'), colour: 'orange', points: true, dashed: true },
      ...(classification
        ? ([
            { key: 'epochAccuracy', label: t('training.chart.trainAccuracy'), colour: 'green', points: true },
            {
              key: 'epochValAccuracy',
              label: t('training.chart.valAccuracy'),
              colour: 'violet',
              points: true,
              dashed: true,
            },
          ] as LineSpec[])
        : []),
    ]
    const rate: LineSpec[] = [{ key: 'learningRate', label: t('training.chart.learningRate'), colour: 'violet' }]
    return { loss, accuracy, epochs, rate }
  }, [t, i18n.language, classification])
  return (
    <div className="train-charts-block">
      <SmoothingControl />
      <div className="train-charts">
        <LiveChart
          title={t('training.chart.loss')}
          lines={charts.loss}
          xTitle={t('training.chart.batches')}
          testId="chart-loss"
          emptyText={t('training.chart.waiting')}
        />
        {classification ? (
          <LiveChart
            title={t('training.chart.accuracy')}
            lines={charts.accuracy}
            xTitle={t('training.chart.batches')}
            yMin={0}
            yMax={1}
            testId="chart-accuracy"
            emptyText={t('training.chart.waiting')}
          />
        ) : null}
        <LiveChart
          title={t('training.chart.epochs')}
          lines={charts.epochs}
          xTitle={t('training.chart.epoch')}
          integerX
          testId="chart-epochs"
          emptyText={t('training.chart.waitingEpoch')}
        />
        <LiveChart
          title={t('training.chart.learningRate')}
          lines={charts.rate}
          xTitle={t('training.chart.batches')}
          scientificY
          testId="chart-lr"
          emptyText={t('training.chart.waiting')}
        />
      </div>
    </div>
  )
}
