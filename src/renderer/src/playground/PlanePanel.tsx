import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useDocumentStore } from '../app/document-store'
import { datasetInfo } from '../../../core/data/registry'
import { useTraining } from '../training/training-store'
import { BoundaryView } from './BoundaryView'
import { CurveView } from './CurveView'
import { GanView } from './GanView'
import { installPlaneDebugHook, playOrPause, setPlaneOn, stepOnce, usePlane } from './plane-store'
import './plane.css'
import './strings'

/**
 * Over the canvas, for projects on 2-D points: the Decision boundary toggle (or GAN Lab for a
 * GAN) and, while on, the view with its controls (train / pause, step one batch).
 */
export function PlanePanel() {
  const { t } = useTranslation()
  const datasetId = useDocumentStore((s) => s.doc.training.dataset.id)
  const gan = useDocumentStore((s) => s.doc.training.task === 'gan')
  const on = usePlane((s) => s.on)
  const reading = usePlane((s) => s.reading)
  const problem = usePlane((s) => s.problem)
  const status = useTraining((s) => s.status)

  useEffect(() => installPlaneDebugHook(), [])
  const maxHeight = useCanvasHeight(on)

  const info = datasetInfo(datasetId)
  const curve = info?.task === 'regression' && info.inputShape?.length === 1 && info.inputShape[0] === 1
  const points = info?.kind === 'points' || curve
  useEffect(() => {
    if (!points && on) setPlaneOn(false)
  }, [points, on])
  if (!points) return null

  const kind = gan ? 'gan' : curve ? 'curve' : 'boundary'
  const shown = reading && reading.view === kind ? reading : null
  return (
    <div className={`plane-panel${on ? ' open' : ''}`} data-testid="plane-panel">
      <button
        type="button"
        className={`plane-toggle${on ? ' on' : ''}`}
        data-testid="plane-toggle"
        aria-pressed={on}
        title={t(`plane.${kind}Hint`)}
        onClick={() => setPlaneOn(!on)}
      >
        <span className={`plane-toggle-mark ${kind}`} aria-hidden />
        {t(`plane.${kind}Toggle`)}
      </button>
      {on && (
        <div className="plane-card" data-testid="plane-card" style={maxHeight ? { maxHeight } : undefined}>
          <div className="plane-controls">
            <button type="button" className="button" data-testid="plane-play" onClick={playOrPause}>
              {status === 'running' ? t('plane.pause') : status === 'paused' ? t('plane.resume') : t('plane.play')}
            </button>
            <button
              type="button"
              className="button"
              data-testid="plane-step"
              title={t('plane.stepHint')}
              onClick={stepOnce}
              disabled={status === 'starting'}
            >
              {t('plane.step')}
            </button>
            {shown && (
              <span className="plane-batches" data-testid="plane-batches">
                {t('plane.batches', { count: shown.batches })}
              </span>
            )}
          </div>
          {problem && (
            <p className="plane-problem" role="alert" data-testid="plane-problem">
              {t(`plane.${problem.reason}`, { message: problem.message })}
            </p>
          )}
          {shown?.view === 'boundary' && <BoundaryView reading={shown} />}
          {shown?.view === 'gan' && <GanView reading={shown} />}
          {shown?.view === 'curve' && <CurveView reading={shown} />}
          <p className="plane-intro">{t(`plane.${kind}Intro`)}</p>
        </div>
      )}
    </div>
  )
}

/**
 * The canvas's height less the toggle and margins: the card scrolls inside the canvas and never
 * covers the training dock below it (the panel is positioned over the whole centre column).
 */
function useCanvasHeight(on: boolean): number | null {
  const [height, setHeight] = useState<number | null>(null)
  useEffect(() => {
    const canvas = on ? document.querySelector('.react-flow') : null
    if (!canvas) return
    const measure = () => setHeight(Math.max(160, canvas.getBoundingClientRect().height - 56))
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(canvas)
    return () => observer.disconnect()
  }, [on])
  return height
}
