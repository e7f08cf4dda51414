import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TryItSpec } from '../../../core/tryit/spec'
import { useDocumentStore } from '../app/document-store'
import { chooseFormat, openExportDialog } from '../export/export-store'
import { isActive, useTraining } from '../training/training-store'
import { DiffusionInput } from './DiffusionInput'
import { ImageInput } from './ImageInput'
import { ReconstructionInput } from './ReconstructionInput'
import { SeriesInput } from './SeriesInput'
import './strings'
import './tryit.css'
import { TryItOutput } from './TryItOutput'
import { isCurrent, prepareTryIt, tryInput, useTryIt } from './tryit-store'

/**
 * The deploy step: use the model on an input of one's own, made for the project's data — a
 * drawing pad or picture, sliders, a prompt, or Generate with a seed and temperature — on the
 * current weights (the latest run's, else the project's). The model runs in the worker.
 */
export function TryItPanel() {
  const { t } = useTranslation()
  const doc = useDocumentStore((s) => s.doc)
  const training = useTraining((s) => isActive(s.status) || s.busy)
  const runId = useTraining((s) => s.runId)
  const finishedAt = useTraining((s) => s.finishedAt)
  const spec = useTryIt((s) => s.spec)
  const weights = useTryIt((s) => s.weights)
  const pending = useTryIt((s) => s.pending)
  const outcome = useTryIt((s) => s.outcome)
  const error = useTryIt((s) => s.error)

  // (Re)build the model when the panel opens and whenever the project or the run changed.
  useEffect(() => {
    if (!training && !isCurrent()) void prepareTryIt()
  }, [doc, training, runId, finishedAt])

  return (
    <div className="tryit-panel" data-testid="tryit-panel" data-ready={spec && !pending ? 'true' : 'false'}>
      <div className="tryit-head">
        <p className="tryit-intro">{t('tryit.intro')}</p>
        {weights && (
          <p className={`tryit-weights ${weights}`} data-testid="tryit-weights" data-weights={weights}>
            {t(`tryit.weights.${weights}`)}
          </p>
        )}
        <button
          type="button"
          className="button"
          data-testid="tryit-export-demo"
          onClick={() => {
            openExportDialog()
            chooseFormat('web-demo')
          }}
        >
          {t('tryit.exportDemo')}
        </button>
      </div>
      {training ? (
        <p className="tryit-message">{t('tryit.busy')}</p>
      ) : error ? (
        <p className="tryit-message error" role="alert" data-testid="tryit-error">
          {error.kind === 'busy'
            ? t('tryit.busy')
            : t(error.kind === 'problems' ? 'tryit.problems' : 'tryit.failed', { message: error.message })}
        </p>
      ) : !spec ? (
        <p className="tryit-message">{t('tryit.preparing')}</p>
      ) : null}
      {spec && !training && (
        <div className="tryit-body">
          <div className="tryit-input" data-testid="tryit-input" data-kind={spec.input.kind}>
            <SpecInput spec={spec} />
          </div>
          {outcome && <TryItOutput spec={spec} outcome={outcome} />}
        </div>
      )}
    </div>
  )
}

function SpecInput({ spec }: { spec: TryItSpec }) {
  const { t } = useTranslation()
  const input = spec.input
  switch (input.kind) {
    case 'image':
      if (spec.task === 'autoencoder') return <ReconstructionInput spec={spec} />
      return <ImageInput {...input} onPixels={(raw) => void tryInput({ kind: 'features', raw })} />
    case 'features':
      return <Sliders key={JSON.stringify(input.features)} features={input.features} />
    case 'text':
      return <PromptInput generates={spec.result === 'text'} />
    case 'noise':
      return <GenerateInput />
    case 'series':
      return <SeriesInput length={input.length} examples={spec.examples ?? []} />
    case 'diffusion':
      return <DiffusionInput timesteps={input.schedule.timesteps} samplingSteps={input.samplingSteps} />
    case 'none':
      return <p className="tryit-message">{t(`tryit.none.${input.reason}`)}</p>
  }
}

function Sliders({ features }: { features: { name: string; min: number; max: number; value: number }[] }) {
  const [values, setValues] = useState(() => features.map((f) => f.value))
  // The model's answer for the starting point (the training data's means); a new spec remounts this (key).
  useEffect(() => void tryInput({ kind: 'features', raw: Float32Array.from(features.map((f) => f.value)) }), [features])
  return (
    <div className="tryit-sliders">
      {features.map((f, i) => (
        <label key={i} className="tryit-slider">
          <span className="tryit-slider-name">{f.name}</span>
          <input
            type="range"
            min={f.min}
            max={f.max}
            step={(f.max - f.min) / 100}
            value={values[i] ?? f.value}
            data-testid={`tryit-slider-${i}`}
            onChange={(event) => {
              const next = values.slice()
              next[i] = Number(event.target.value)
              setValues(next)
              void tryInput({ kind: 'features', raw: Float32Array.from(next) })
            }}
          />
          <span className="tryit-slider-value">{(values[i] ?? f.value).toPrecision(3)}</span>
        </label>
      ))}
    </div>
  )
}

interface SeedFieldsProps {
  seed: number
  setSeed: (v: number) => void
  temperature: number
  setTemperature: (v: number) => void
  noise: boolean
}

function SeedFields({ seed, setSeed, temperature, setTemperature, noise }: SeedFieldsProps) {
  const { t } = useTranslation()
  return (
    <div className="tryit-fields">
      <label className="tryit-field">
        <span>{t('tryit.seed')}</span>
        <input
          type="number"
          min={0}
          step={1}
          value={seed}
          data-testid="tryit-seed"
          onChange={(event) => setSeed(Math.max(0, Math.round(Number(event.target.value) || 0)))}
        />
      </label>
      <label className="tryit-field" title={t(noise ? 'tryit.spreadHint' : 'tryit.temperatureHint')}>
        <span>{t(noise ? 'tryit.spread' : 'tryit.temperature')}</span>
        <input
          type="number"
          min={0.05}
          max={10}
          step={0.05}
          value={temperature}
          data-testid="tryit-temperature"
          onChange={(event) => setTemperature(Number(event.target.value) || 1)}
        />
      </label>
    </div>
  )
}

function PromptInput({ generates }: { generates: boolean }) {
  const { t } = useTranslation()
  const [prompt, setPrompt] = useState('')
  const [seed, setSeed] = useState(1)
  const [temperature, setTemperature] = useState(0.8)
  const run = () => void tryInput({ kind: 'text', prompt, seed, temperature: Math.max(0.05, temperature) })
  return (
    <div className="tryit-prompt">
      <label className="tryit-field">
        <span>{t('tryit.prompt')}</span>
        <input
          type="text"
          value={prompt}
          autoComplete="off"
          data-testid="tryit-prompt"
          onChange={(event) => setPrompt(event.target.value)}
          onKeyDown={(event) => event.key === 'Enter' && run()}
        />
        <small>{t('tryit.promptHint')}</small>
      </label>
      {generates && (
        <SeedFields
          seed={seed}
          setSeed={setSeed}
          temperature={temperature}
          setTemperature={setTemperature}
          noise={false}
        />
      )}
      <button type="button" className="button primary" data-testid="tryit-run" onClick={run}>
        {generates ? t('tryit.generate') : t('tryit.classify')}
      </button>
    </div>
  )
}

function GenerateInput() {
  const { t } = useTranslation()
  const [seed, setSeed] = useState(1)
  const [temperature, setTemperature] = useState(1)
  return (
    <div className="tryit-prompt">
      <SeedFields seed={seed} setSeed={setSeed} temperature={temperature} setTemperature={setTemperature} noise />
      <button
        type="button"
        className="button primary"
        data-testid="tryit-run"
        onClick={() => void tryInput({ kind: 'noise', seed, temperature })}
      >
        {t('tryit.generate')}
      </button>
    </div>
  )
}
