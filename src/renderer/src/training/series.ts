import type { BatchEvent, EpochEvent } from '../../../core/training/events'
import { clampSmoothing, DEFAULT_SMOOTHING, emaStep, emptyEma, type EmaState } from './smoothing'

/**
 * Chart data of the current run, kept outside React: the worker's events append points here
 * and the charts (charts/LiveChart.tsx) redraw from these very arrays a few times a second.
 * Points are {x, y} objects so Chart.js can use them without parsing (parsing: false).
 */

export interface Point {
  x: number
  y: number
}

export interface RunSeries {
  /** Per batch event: x = batches done so far (all epochs), y = mean over the batches since the last event. */
  loss: Point[]
  lossSmooth: Point[]
  accuracy: Point[]
  accuracySmooth: Point[]
  learningRate: Point[]
  /** GAN, per batch event: the discriminator's and the generator's loss, D(x) and D(G(z)). */
  dLoss: Point[]
  gLoss: Point[]
  dReal: Point[]
  dFake: Point[]
  /** Per epoch: x = epoch number from 1. */
  epochLoss: Point[]
  epochValLoss: Point[]
  epochAccuracy: Point[]
  epochValAccuracy: Point[]
}

export type SeriesKey = keyof RunSeries

const empty = (): RunSeries => ({
  loss: [],
  lossSmooth: [],
  accuracy: [],
  accuracySmooth: [],
  learningRate: [],
  dLoss: [],
  gLoss: [],
  dReal: [],
  dFake: [],
  epochLoss: [],
  epochValLoss: [],
  epochAccuracy: [],
  epochValAccuracy: [],
})

/** How much of the past the smoothed lines keep (the slider under the charts; see smoothing.ts). */
let smoothing = DEFAULT_SMOOTHING
let lossEma: EmaState = emptyEma()
let accuracyEma: EmaState = emptyEma()

let series: RunSeries = empty()
let generation = 0
const listeners = new Set<() => void>()

const notify = () => {
  for (const listener of listeners) listener()
}

export function getSeries(): RunSeries {
  return series
}

/** Bumped on reset: charts re-bind their datasets to the new arrays. */
export function seriesGeneration(): number {
  return generation
}

export function subscribeSeries(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function resetSeries(): void {
  series = empty()
  lossEma = emptyEma()
  accuracyEma = emptyEma()
  generation++
  notify()
}

export function getSmoothing(): number {
  return smoothing
}

/** Sets the smoothing weight (training-store's preference drives it) and recomputes the smoothed lines of the run so far. */
export function setSmoothing(weight: number): void {
  const next = clampSmoothing(weight)
  if (next === smoothing) return
  smoothing = next
  // Replays the raw values, which also leaves the running state ready for the next batch.
  const redo = (raw: Point[], state: EmaState): Point[] => {
    Object.assign(state, emptyEma())
    return raw.map((p) => ({ x: p.x, y: emaStep(state, p.y, smoothing) }))
  }
  series.lossSmooth = redo(series.loss, lossEma)
  series.accuracySmooth = redo(series.accuracy, accuracyEma)
  // New arrays: the charts re-bind their datasets on a generation change.
  generation++
  notify()
}

function smooth(raw: Point[], smoothed: Point[], state: EmaState, point: Point): void {
  raw.push(point)
  smoothed.push({ x: point.x, y: emaStep(state, point.y, smoothing) })
}

export function appendBatch(event: BatchEvent): void {
  const x = event.epoch * event.batchesPerEpoch + event.batch + 1
  if (Number.isFinite(event.loss)) smooth(series.loss, series.lossSmooth, lossEma, { x, y: event.loss })
  if (event.accuracy !== undefined)
    smooth(series.accuracy, series.accuracySmooth, accuracyEma, { x, y: event.accuracy })
  series.learningRate.push({ x, y: event.learningRate })
  for (const key of ['dLoss', 'gLoss', 'dReal', 'dFake'] as const) {
    const value = event[key]
    if (value !== undefined && Number.isFinite(value)) series[key].push({ x, y: value })
  }
  notify()
}

export function appendEpoch(event: EpochEvent): void {
  const x = event.epoch + 1
  series.epochLoss.push({ x, y: event.loss })
  if (Number.isFinite(event.valLoss)) series.epochValLoss.push({ x, y: event.valLoss })
  if (event.accuracy !== undefined) series.epochAccuracy.push({ x, y: event.accuracy })
  if (event.valAccuracy !== undefined) series.epochValAccuracy.push({ x, y: event.valAccuracy })
  notify()
}
