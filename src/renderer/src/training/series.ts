import type { BatchEvent, EpochEvent } from '../../../core/training/events'

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

/** EMA weight of the newest point (each point already averages the batches since the last one). */
const SMOOTHING = 0.25

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
  generation++
  notify()
}

function smooth(raw: Point[], smoothed: Point[], point: Point): void {
  const previous = smoothed[smoothed.length - 1]
  raw.push(point)
  smoothed.push({ x: point.x, y: previous ? previous.y + SMOOTHING * (point.y - previous.y) : point.y })
}

export function appendBatch(event: BatchEvent): void {
  const x = event.epoch * event.batchesPerEpoch + event.batch + 1
  if (Number.isFinite(event.loss)) smooth(series.loss, series.lossSmooth, { x, y: event.loss })
  if (event.accuracy !== undefined) smooth(series.accuracy, series.accuracySmooth, { x, y: event.accuracy })
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
