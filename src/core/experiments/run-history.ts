import { z } from 'zod'
import type { TrainedWeights } from '../document/types'
import { tensorSizeProblem, weightTensorSchema } from '../document/weight-data'
import { trainingConfigSchema, type TrainingConfig } from '../training/config'
import type { EpochEvent } from '../training/events'

/**
 * The project's run history (`runs` in the project file): every finished or stopped training
 * run, in the app or with `layercanvas train` / `sweep`, so runs can be compared later. Each
 * record keeps the full training settings (the UI shows them as a diff from the previous run),
 * the per-epoch metrics, the test metrics, how long it took and on which backend, and
 * optionally its weights.
 *
 * Bounded so a project file stays small: at most MAX_RUNS records (the oldest go first), and
 * weights in at most MAX_RUNS_WITH_WEIGHTS of them (the newest keep theirs).
 */

export const MAX_RUNS = 100
export const MAX_RUNS_WITH_WEIGHTS = 3
/** Epoch rows kept per run; a longer run keeps its first and last epochs evenly thinned. */
export const MAX_EPOCH_ROWS = 500

const finite = z.number().refine(Number.isFinite, 'expected a finite number')
/** A setting value a sweep can set: numbers and choices (words, true/false). */
export const settingValueSchema = z.union([finite, z.string().max(200), z.boolean()])
export type SettingValue = z.infer<typeof settingValueSchema>

const epochRowSchema = z.object({
  epoch: z.number().int().min(0),
  loss: finite.optional(),
  accuracy: finite.optional(),
  valLoss: finite.optional(),
  valAccuracy: finite.optional(),
  valMae: finite.optional(),
})
export type EpochRow = z.infer<typeof epochRowSchema>

const runWeightsSchema = z
  .object({
    savedAt: z.string().max(100),
    layers: z.record(z.string(), z.array(weightTensorSchema)),
    metrics: z.record(z.string(), finite).optional(),
  })
  .superRefine((weights, ctx) => {
    // The same size check parse.ts makes for `trained`, with the path of the bad tensor.
    for (const [nodeId, list] of Object.entries(weights.layers)) {
      for (const [i, weight] of list.entries()) {
        const problem = tensorSizeProblem(weight)
        if (problem) {
          ctx.addIssue({ code: 'custom', path: ['layers', nodeId, i, 'data'], message: problem })
          return
        }
      }
    }
  })

export const RUN_STATUSES = ['done', 'stopped', 'failed'] as const
export type RunStatus = (typeof RUN_STATUSES)[number]

export const RUN_SOURCES = ['app', 'cli', 'sweep'] as const
export type RunSource = (typeof RUN_SOURCES)[number]

export const runRecordSchema = z.object({
  /** Unique within the project (run-1, run-2, …). */
  id: z.string().min(1).max(100),
  /** ISO time the run started. */
  startedAt: z.string().max(100),
  source: z.enum(RUN_SOURCES).default('app'),
  /** done: all epochs ran (or early stopping ended them); stopped: the user stopped it; failed: it broke off (e.g. the loss became NaN). */
  status: z.enum(RUN_STATUSES),
  seconds: finite.min(0),
  /** The tfjs backend it ran on (webgl, cpu, tensorflow …). */
  backend: z.string().max(100),
  /** The full training settings of the run. */
  training: trainingConfigSchema,
  /** The settings a sweep set for this run, by path (`training.…` ones are also in `training`; layer params such as nodes.dense1.params.units only here). */
  overrides: z.record(z.string().max(300), settingValueSchema).optional(),
  /** The sweep it belongs to, if any. */
  sweep: z.object({ id: z.string().max(100), index: z.number().int().min(0), of: z.number().int().min(1) }).optional(),
  epochs: z.array(epochRowSchema).max(MAX_EPOCH_ROWS),
  /** Final metrics on the test split (names as the trainer reports them: loss, accuracy, mae …). */
  test: z.record(z.string().max(100), finite).optional(),
  weights: runWeightsSchema.optional(),
})
export type RunRecord = z.infer<typeof runRecordSchema>

export const runHistorySchema = z.array(runRecordSchema).max(MAX_RUNS)

/** What a host knows when a run ends; toRunRecord turns it into a record. */
export interface FinishedRun {
  startedAt: Date
  source: RunSource
  status: RunStatus
  seconds: number
  backend: string
  training: TrainingConfig
  overrides?: Record<string, SettingValue>
  sweep?: { id: string; index: number; of: number }
  epochs: readonly EpochEvent[]
  /** The test summary or evaluation; only its finite numbers are kept (`task` and `predictions` are not numbers). */
  test?: object | null
  weights?: TrainedWeights
}

const finiteOrUndefined = (value: number | undefined) =>
  value !== undefined && Number.isFinite(value) ? value : undefined

function epochRow(event: EpochEvent): EpochRow {
  const row: EpochRow = { epoch: event.epoch }
  const fields = {
    loss: finiteOrUndefined(event.loss),
    accuracy: finiteOrUndefined(event.accuracy),
    valLoss: finiteOrUndefined(event.valLoss),
    valAccuracy: finiteOrUndefined(event.valAccuracy),
    valMae: finiteOrUndefined(event.valMae),
  }
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) row[key as keyof typeof fields] = value
  return row
}

/** Keeps at most MAX_EPOCH_ROWS rows, evenly spread, always with the first and the last. */
function thin<T>(rows: readonly T[]): T[] {
  if (rows.length <= MAX_EPOCH_ROWS) return [...rows]
  const out: T[] = []
  for (let i = 0; i < MAX_EPOCH_ROWS; i++) out.push(rows[Math.round((i * (rows.length - 1)) / (MAX_EPOCH_ROWS - 1))])
  return out
}

/** The scalar test metrics of an evaluation or test summary (samples included), finite values only. */
export function testMetrics(test: object | null | undefined): Record<string, number> | undefined {
  if (!test) return undefined
  const out: Record<string, number> = {}
  for (const [key, value] of Object.entries(test))
    if (typeof value === 'number' && Number.isFinite(value)) out[key] = value
  return Object.keys(out).length > 0 ? out : undefined
}

/** The next free id: run-<n> with n one above the highest in use. */
export function nextRunId(history: readonly RunRecord[]): string {
  let highest = 0
  for (const run of history) {
    const n = /^run-(\d+)$/.exec(run.id)
    if (n) highest = Math.max(highest, Number(n[1]))
  }
  return `run-${highest + 1}`
}

export function toRunRecord(history: readonly RunRecord[], run: FinishedRun): RunRecord {
  const test = testMetrics(run.test)
  return {
    id: nextRunId(history),
    startedAt: run.startedAt.toISOString(),
    source: run.source,
    status: run.status,
    seconds: Number.isFinite(run.seconds) ? Math.max(0, run.seconds) : 0,
    backend: run.backend,
    training: structuredClone(run.training),
    ...(run.overrides && Object.keys(run.overrides).length > 0 ? { overrides: { ...run.overrides } } : {}),
    ...(run.sweep ? { sweep: { ...run.sweep } } : {}),
    epochs: thin(run.epochs.map(epochRow)),
    ...(test ? { test } : {}),
    ...(run.weights ? { weights: run.weights } : {}),
  }
}

/**
 * The history with `run` added at the end, bounded: the oldest records beyond MAX_RUNS go, and
 * only the newest MAX_RUNS_WITH_WEIGHTS records that have weights keep them.
 */
export function appendRun(history: readonly RunRecord[] | undefined, run: FinishedRun): RunRecord[] {
  const before = history ?? []
  const all = [...before, toRunRecord(before, run)].slice(-MAX_RUNS)
  let withWeights = 0
  for (let i = all.length - 1; i >= 0; i--) {
    if (!all[i].weights) continue
    withWeights++
    if (withWeights > MAX_RUNS_WITH_WEIGHTS) {
      const { weights: _dropped, ...rest } = all[i]
      all[i] = rest
    }
  }
  return all
}
