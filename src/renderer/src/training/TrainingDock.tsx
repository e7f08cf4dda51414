import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { useDocumentStore } from '../app/document-store'
import { DataPanel } from '../data/DataPanel'
import { RunsPanel } from '../experiments/RunsPanel'
import './training.css'
import { formatPercent } from './format'
import { ResultsPanel } from './ResultsPanel'
import { installTrainingDebugHook } from './training-debug-hook'
import { TrainPanel } from './TrainPanel'
import { TryItPanel } from '../tryit/TryItPanel'
import { toggleDock, trainingStore, useTraining, type DockTab } from './training-store'

/**
 * The training workspace: a dock under the canvas with the tabs Train, Data and Results.
 * Collapsed it is one tab strip (the canvas keeps its room); open, its top edge drags to
 * resize. The run keeps going whichever tab is shown, or when the dock is closed.
 */
export function TrainingDock() {
  const { t } = useTranslation()
  const open = useTraining((state) => state.dockOpen)
  const tab = useTraining((state) => state.tab)
  const height = useTraining((state) => state.dockHeight)
  const status = useTraining((state) => state.status)
  const last = useTraining((state) => state.last)
  const planned = useTraining((state) => state.epochsPlanned)
  const valAccuracy = useTraining((state) => state.epochs[state.epochs.length - 1]?.valAccuracy)
  const testAccuracy = useTraining((state) =>
    state.evaluation?.task === 'classification' ? state.evaluation.accuracy : undefined,
  )
  const runCount = useDocumentStore((state) => state.doc.runs?.length ?? 0)

  useEffect(() => installTrainingDebugHook(), [])

  const progress =
    status === 'running' || status === 'paused'
      ? last
        ? `${t(`training.status.${status}`)} · ${t('training.stat.epoch')} ${last.epoch + 1}/${planned}`
        : t(`training.status.${status}`)
      : status === 'starting'
        ? t('training.status.starting')
        : null

  const tabs: { id: DockTab; label: string; extra?: string | null }[] = [
    {
      id: 'train',
      label: t('training.dock.train'),
      extra: progress ?? (valAccuracy !== undefined ? formatPercent(valAccuracy) : null),
    },
    { id: 'data', label: t('training.dock.data') },
    {
      id: 'results',
      label: t('training.dock.results'),
      extra: testAccuracy !== undefined ? formatPercent(testAccuracy) : null,
    },
    { id: 'runs', label: t('experiments.tab'), extra: runCount > 0 ? String(runCount) : null },
    { id: 'tryit', label: t('tryit.tab') },
  ]

  return (
    <section
      className={`training-dock${open ? ' open' : ''}`}
      style={open ? { height } : undefined}
      aria-label={t('training.dock.label')}
      data-testid="training-dock"
    >
      {open ? <Resizer /> : null}
      <div className="dock-tabs" role="tablist">
        {tabs.map((entry) => (
          <button
            key={entry.id}
            type="button"
            role="tab"
            aria-selected={open && tab === entry.id}
            className={`dock-tab${open && tab === entry.id ? ' active' : ''}`}
            data-testid={`dock-tab-${entry.id}`}
            onClick={() =>
              trainingStore.setState((state) =>
                state.dockOpen && state.tab === entry.id ? { dockOpen: false } : { dockOpen: true, tab: entry.id },
              )
            }
          >
            {entry.label}
            {entry.extra ? (
              <span className={`dock-tab-extra ${entry.id === 'train' ? status : ''}`}>{entry.extra}</span>
            ) : null}
          </button>
        ))}
        <span className="status-spacer" />
        <button
          type="button"
          className="icon-button"
          data-testid="dock-toggle"
          aria-expanded={open}
          title={open ? t('training.dock.collapse') : t('training.dock.expand')}
          aria-label={open ? t('training.dock.collapse') : t('training.dock.expand')}
          onClick={toggleDock}
        >
          <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
            <path
              d={open ? 'M4 6l4 4 4-4' : 'M4 10l4-4 4 4'}
              fill="none"
              stroke="currentColor"
              strokeWidth="1.6"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
        </button>
      </div>
      {open ? (
        <div className="dock-body" role="tabpanel">
          {tab === 'train' ? (
            <TrainPanel />
          ) : tab === 'results' ? (
            <ResultsPanel />
          ) : tab === 'runs' ? (
            <RunsPanel />
          ) : tab === 'tryit' ? (
            <TryItPanel />
          ) : (
            <DataPanel />
          )}
        </div>
      ) : null}
    </section>
  )
}

/** Drag the dock's top edge; the height is kept between 200 px and 85% of the window. */
function Resizer() {
  const { t } = useTranslation()
  const start = useRef<{ y: number; height: number } | null>(null)
  const clamp = (h: number) => Math.round(Math.min(Math.max(200, h), window.innerHeight * 0.85))
  return (
    <div
      className="dock-resizer"
      role="separator"
      aria-orientation="horizontal"
      aria-label={t('training.dock.resize')}
      tabIndex={0}
      data-testid="dock-resizer"
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId)
        start.current = { y: event.clientY, height: trainingStore.getState().dockHeight }
      }}
      onPointerMove={(event) => {
        if (!start.current) return
        trainingStore.setState({ dockHeight: clamp(start.current.height + start.current.y - event.clientY) })
      }}
      onPointerUp={() => {
        start.current = null
      }}
      onKeyDown={(event) => {
        const step = event.key === 'ArrowUp' ? 24 : event.key === 'ArrowDown' ? -24 : 0
        if (step) {
          event.preventDefault()
          trainingStore.setState((state) => ({ dockHeight: clamp(state.dockHeight + step) }))
        }
      }}
    />
  )
}
