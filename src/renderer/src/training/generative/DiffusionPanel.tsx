import { useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useDocumentStore } from '../../app/document-store'
import { requestSample } from '../session'
import { isActive, useTraining } from '../training-store'
import { CLASS_COLOURS, imageDims, isPointShape, sampleOf, valueRange } from './draw'
import { useGenerative, type PayloadOf, type Preview } from './store'
import { Block, Caption, ImageGrid, Scatter } from './views'
import { PreviewWhen } from './common'

type Steps = PayloadOf<'diffusionSteps'>

/** Milliseconds per frame while the trajectory plays. */
const FRAME_MS = 260

/**
 * Diffusion: press Sample and watch noise turn into data. DDPM runs all T steps (stochastic);
 * DDIM jumps in fewer steps (deterministic). The worker keeps about ten intermediate states;
 * they play as an animation (or scrub with the slider), and one sample is followed frame by
 * frame in the strip below.
 */
export function DiffusionPanel() {
  const { t } = useTranslation()
  const options = useDocumentStore((state) => state.doc.training.diffusion)
  const status = useTraining((state) => state.status)
  const hasModel = useTraining((state) => state.hasModel)
  const busy = useTraining((state) => state.busy)
  const pending = useGenerative((state) => state.pending)
  const requestError = useGenerative((state) => state.requestError)
  const sampled = useGenerative((state) => state.sampled)
  const ddpm = useGenerative((state) => state.ddpm)
  const ddim = useGenerative((state) => state.ddim)
  const [method, setMethod] = useState<'ddpm' | 'ddim'>('ddim')
  const [stepsText, setStepsText] = useState<string | null>(null)
  const stepsId = useId()
  const methodId = useId()

  const stepsValue = stepsText === null ? options.samplingSteps : Number(stepsText)
  const stepsValid = Number.isInteger(stepsValue) && stepsValue >= 1 && stepsValue <= options.timesteps
  // Sampling needs a trained (or training) model in the worker; not while it loads data or builds one.
  const canSample =
    (status === 'running' || status === 'paused' || (!isActive(status) && hasModel && !busy)) &&
    pending === null &&
    (method === 'ddpm' || stepsValid)

  const epochPreview = method === 'ddim' ? (ddim ?? ddpm) : (ddpm ?? ddim)
  const shown: Preview<Steps> | null =
    [sampled, epochPreview].filter((p): p is Preview<Steps> => p !== null).sort((a, b) => b.seq - a.seq)[0] ?? null

  return (
    <div className="gen-panel diffusion" data-testid="diffusion-panel">
      <Block
        title={t('training.generative.diffusion.title')}
        help={t('training.generative.diffusion.help')}
        className="gen-wide"
      >
        <div className="gen-controls">
          <label htmlFor={methodId} className="gen-control-label">
            {t('training.generative.diffusion.method')}
          </label>
          <select
            id={methodId}
            data-testid="diffusion-method"
            value={method}
            onChange={(event) => setMethod(event.target.value as 'ddpm' | 'ddim')}
          >
            <option value="ddim">{t('training.generative.diffusion.ddim')}</option>
            <option value="ddpm">{t('training.generative.diffusion.ddpm', { steps: options.timesteps })}</option>
          </select>
          {method === 'ddim' ? (
            <>
              <label htmlFor={stepsId} className="gen-control-label">
                {t('training.generative.diffusion.steps')}
              </label>
              <input
                id={stepsId}
                type="text"
                inputMode="numeric"
                className="gen-steps"
                data-testid="diffusion-steps-count"
                value={stepsText ?? String(options.samplingSteps)}
                aria-invalid={!stepsValid}
                title={t('training.generative.diffusion.stepsHelp', { max: options.timesteps })}
                onChange={(event) => setStepsText(event.target.value)}
              />
            </>
          ) : null}
          <button
            type="button"
            className="button primary"
            data-testid="diffusion-sample"
            disabled={!canSample}
            title={t('training.generative.diffusion.sampleHint')}
            onClick={() => void requestSample(method, method === 'ddim' ? stepsValue : undefined)}
          >
            {pending === 'sample'
              ? t('training.generative.diffusion.sampling')
              : t('training.generative.diffusion.sample')}
          </button>
          {!stepsValid && method === 'ddim' ? (
            <span className="field-problem" role="alert">
              {t('training.generative.diffusion.stepsHelp', { max: options.timesteps })}
            </span>
          ) : null}
          {requestError ? (
            <span className="field-problem" role="alert" data-testid="diffusion-error">
              {requestError}
            </span>
          ) : null}
        </div>
        {shown ? (
          <Trajectory key={shown.seq} preview={shown} autoplay={shown.epoch === null} />
        ) : (
          <p className="panel-empty small gen-waiting">{t('training.generative.diffusion.waiting')}</p>
        )}
      </Block>
    </div>
  )
}

/** One sampler run: all samples at the chosen frame (play / scrub), and one sample frame by frame. */
function Trajectory({ preview, autoplay }: { preview: Preview<Steps>; autoplay: boolean }) {
  const { t } = useTranslation()
  const { steps, count, shape, sampler } = preview.samples
  const last = steps.length - 1
  const [frame, setFrame] = useState(autoplay ? 0 : last)
  const [playing, setPlaying] = useState(autoplay)
  const [picked, setPicked] = useState(0)
  const sliderId = useId()

  useEffect(() => {
    if (!playing) return
    const timer = setInterval(() => setFrame((k) => Math.min(last, k + 1)), FRAME_MS)
    return () => clearInterval(timer)
  }, [playing, last])
  // The animation stops on the final samples.
  if (playing && frame >= last) setPlaying(false)

  const points = isPointShape(shape)
  const dims = useMemo(() => imageDims(shape), [shape])
  // The final samples fix the brightness scale; the noisy frames are clipped to it.
  const range = useMemo(() => valueRange([steps[last].values]), [steps, last])
  const frameTiles = useMemo(
    () => Array.from({ length: count }, (_, i) => sampleOf(steps[frame].values, count, i)),
    [steps, frame, count],
  )
  const stripTiles = useMemo(
    () => steps.map((step) => [sampleOf(step.values, count, Math.min(picked, count - 1))]),
    [steps, count, picked],
  )
  const columns = Math.ceil(Math.sqrt(count))
  const scale = Math.max(1, Math.min(4, Math.floor(240 / Math.max(1, columns * (dims.width + 1)))))
  const stripScale = Math.max(1, Math.min(3, Math.floor(56 / Math.max(1, dims.width))))
  const dimsOfPoints = shape.reduce((a, b) => a * b, 1)
  const pointRange = useMemo(
    () => (points ? pointsRange(steps[last].values, dimsOfPoints) : undefined),
    [points, steps, last, dimsOfPoints],
  )

  return (
    <div
      className="gen-trajectory"
      data-testid="diffusion-trajectory"
      data-sampler={sampler}
      data-frames={steps.length}
    >
      <div className="gen-trajectory-main">
        {points ? (
          <Scatter
            sets={[{ points: steps[frame].values, dims: dimsOfPoints, colour: CLASS_COLOURS[1], radius: 2 }]}
            width={190}
            height={180}
            range={pointRange}
            label={t('training.generative.diffusion.frameLabel', { t: steps[frame].t })}
            testId="diffusion-frame-all"
          />
        ) : (
          <ImageGrid
            tiles={frameTiles}
            dims={dims}
            columns={columns}
            range={range}
            scale={scale}
            label={t('training.generative.diffusion.frameLabel', { t: steps[frame].t })}
            testId="diffusion-frame-all"
            onPick={setPicked}
            highlight={picked}
          />
        )}
        <div className="gen-player">
          <button
            type="button"
            className="button"
            data-testid="diffusion-play"
            onClick={() => {
              if (!playing && frame >= last) setFrame(0)
              setPlaying(!playing)
            }}
          >
            {playing ? t('training.generative.diffusion.pause') : t('training.generative.diffusion.play')}
          </button>
          <label htmlFor={sliderId} className="gen-control-label">
            {t('training.generative.diffusion.frame', { t: steps[frame].t, T: steps[0].t })}
          </label>
          <input
            id={sliderId}
            type="range"
            min={0}
            max={last}
            step={1}
            value={frame}
            data-testid="diffusion-slider"
            onChange={(event) => {
              setPlaying(false)
              setFrame(Number(event.target.value))
            }}
          />
          <Caption>
            {sampler === 'ddim' ? 'DDIM' : 'DDPM'} · <PreviewWhen preview={preview} />
          </Caption>
          {points ? null : <p className="field-help">{t('training.generative.diffusion.pickHelp')}</p>}
        </div>
      </div>
      <div
        className="gen-strip"
        data-testid="diffusion-steps"
        data-count={steps.length}
        role="list"
        aria-label={t('training.generative.diffusion.strip')}
      >
        {steps.map((step, k) => (
          <button
            type="button"
            role="listitem"
            key={k}
            className={`gen-frame${k === frame ? ' current' : ''}`}
            data-testid="diffusion-frame"
            onClick={() => {
              setPlaying(false)
              setFrame(k)
            }}
          >
            {points ? (
              <Scatter
                sets={[{ points: step.values, dims: dimsOfPoints, colour: CLASS_COLOURS[1], radius: 1.2 }]}
                width={56}
                height={56}
                range={pointRange}
                label={`t = ${step.t}`}
              />
            ) : (
              <ImageGrid
                tiles={stripTiles[k]}
                dims={dims}
                columns={1}
                range={range}
                scale={stripScale}
                label={`t = ${step.t}`}
              />
            )}
            <span className="gen-frame-t">{k === 0 ? t('training.generative.diffusion.noise') : `t = ${step.t}`}</span>
          </button>
        ))}
      </div>
    </div>
  )
}

/** The final points' box, widened so the starting noise is mostly in view too. */
function pointsRange(values: Float32Array, dims: number): { x: [number, number]; y: [number, number] } {
  let x0 = Infinity
  let x1 = -Infinity
  let y0 = Infinity
  let y1 = -Infinity
  for (let i = 0; i + dims - 1 < values.length; i += dims) {
    const x = values[i]
    const y = dims >= 2 ? values[i + 1] : 0
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue
    x0 = Math.min(x0, x)
    x1 = Math.max(x1, x)
    y0 = Math.min(y0, y)
    y1 = Math.max(y1, y)
  }
  if (!(x1 >= x0)) return { x: [-3, 3], y: [-3, 3] }
  const padX = Math.max(0.5, (x1 - x0) * 0.35)
  const padY = dims >= 2 ? Math.max(0.5, (y1 - y0) * 0.35) : 1.2
  return { x: [x0 - padX, x1 + padX], y: [y0 - padY, y1 + padY] }
}
