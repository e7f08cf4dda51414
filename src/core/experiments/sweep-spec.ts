import { createRng } from '../data/random'
import type { ProjectDocument } from '../document/types'
import type { SettingValue } from './run-history'
import { applySettings, readSetting, type SettingEntry } from './settings'

/**
 * A sweep: settings to try, one training run per combination. Each axis is written
 * `path=values` (see settings.ts for paths), the values as
 *
 *   `0.0003,0.001,0.003`   a list (numbers, words such as `adam,sgd`, or true/false)
 *   `log:1e-4..1e-2:5`     5 values from 1e-4 to 1e-2, evenly spaced on a log scale
 *   `lin:0.1..0.5:5`       5 values from 0.1 to 0.5, evenly spaced
 *
 * Ranges between two whole numbers give whole numbers (`log:16..256:5` → 16, 32, 64, 128, 256).
 * Grid search tries every combination; random search draws `count` combinations with a seed
 * (ranges are then sampled anywhere between their ends, lists pick one of their values).
 */

export const MAX_SWEEP_RUNS = 200
const MAX_RANGE_POINTS = 100

export type SweepValues =
  | { kind: 'list'; values: SettingValue[] }
  | { kind: 'range'; scale: 'log' | 'lin'; min: number; max: number; count: number; whole: boolean }

export interface SweepAxis {
  path: string
  values: SweepValues
}

export type SweepMode = 'grid' | 'random'

export interface SweepSpec {
  axes: SweepAxis[]
  mode: SweepMode
  /** Random search: how many runs. */
  count: number
  seed: number
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string }

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message })

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i

function parseScalar(text: string): SettingValue {
  if (NUMBER.test(text)) return Number(text)
  if (text === 'true') return true
  if (text === 'false') return false
  return text
}

/** Rounds a generated value: whole numbers for whole ranges, else 4 significant digits. */
function roundValue(value: number, whole: boolean): number {
  return whole ? Math.round(value) : Number(value.toPrecision(4))
}

function parseValues(path: string, text: string): Parsed<SweepValues> {
  const range = /^(log|lin):(.+)\.\.(.+):(.+)$/.exec(text)
  if (range) {
    const [, scale, minText, maxText, countText] = range
    const min = Number(minText)
    const max = Number(maxText)
    const count = Number(countText)
    if (!NUMBER.test(minText) || !NUMBER.test(maxText))
      return fail(`${path}: ${scale}: needs two numbers, as in ${scale}:1e-4..1e-2:5`)
    if (!Number.isInteger(count) || count < 1 || count > MAX_RANGE_POINTS) {
      return fail(
        `${path}: the number of values after the last ':' must be a whole number from 1 to ${MAX_RANGE_POINTS}, got ${JSON.stringify(countText)}`,
      )
    }
    if (min > max) return fail(`${path}: the range starts above its end (${minText} > ${maxText})`)
    if (scale === 'log' && min <= 0) return fail(`${path}: a log range needs numbers above 0, got ${minText}`)
    return {
      ok: true,
      value: {
        kind: 'range',
        scale: scale as 'log' | 'lin',
        min,
        max,
        count,
        whole: Number.isInteger(min) && Number.isInteger(max),
      },
    }
  }
  if (/^(log|lin):/.test(text))
    return fail(`${path}: expected a range such as ${text.slice(0, 3)}:1e-4..1e-2:5, got ${JSON.stringify(text)}`)
  const parts = text.split(',').map((part) => part.trim())
  if (parts.some((part) => part === ''))
    return fail(`${path}: empty value in ${JSON.stringify(text)} (write values separated by commas)`)
  return { ok: true, value: { kind: 'list', values: parts.map(parseScalar) } }
}

/** Parses one `path=values` axis (the syntax is described at the top of this file). */
export function parseSweepAxis(text: string): Parsed<SweepAxis> {
  const at = text.indexOf('=')
  if (at <= 0)
    return fail(
      `${JSON.stringify(text)}: expected <setting path>=<values>, e.g. training.optimizer.learningRate=0.001,0.01`,
    )
  const path = text.slice(0, at).trim()
  const values = parseValues(path, text.slice(at + 1).trim())
  return values.ok ? { ok: true, value: { path, values: values.value } } : values
}

/** The values a range or list stands for in a grid. */
export function gridValues(values: SweepValues): SettingValue[] {
  if (values.kind === 'list') return values.values
  const { scale, min, max, count, whole } = values
  const out: number[] = []
  for (let i = 0; i < count; i++) {
    const t = count === 1 ? 0 : i / (count - 1)
    const raw = scale === 'log' ? Math.exp(Math.log(min) + t * (Math.log(max) - Math.log(min))) : min + t * (max - min)
    const value = roundValue(raw, whole)
    if (!out.includes(value)) out.push(value)
  }
  return out
}

function drawValue(values: SweepValues, next: () => number): SettingValue {
  if (values.kind === 'list') return values.values[Math.floor(next() * values.values.length)]
  const { scale, min, max, whole } = values
  const t = next()
  const raw = scale === 'log' ? Math.exp(Math.log(min) + t * (Math.log(max) - Math.log(min))) : min + t * (max - min)
  return roundValue(raw, whole)
}

/** Every combination the sweep runs, in order (grid: the last axis varies fastest). */
export function expandSweep(spec: SweepSpec): SettingEntry[][] {
  if (spec.mode === 'random') {
    const rng = createRng(spec.seed)
    const runs: SettingEntry[][] = []
    for (let i = 0; i < spec.count; i++)
      runs.push(spec.axes.map((axis) => [axis.path, drawValue(axis.values, () => rng.next())] as const))
    return runs
  }
  let runs: SettingEntry[][] = [[]]
  for (const axis of spec.axes) {
    const values = gridValues(axis.values)
    runs = runs.flatMap((run) => values.map((value) => [...run, [axis.path, value] as const]))
  }
  return runs
}

/** How many runs the sweep would start. */
export function sweepSize(spec: SweepSpec): number {
  if (spec.mode === 'random') return spec.count
  return spec.axes.reduce((total, axis) => total * gridValues(axis.values).length, 1)
}

/**
 * Parses the axes and checks the sweep against a project: every path names a setting of it,
 * no path twice, the sweep not too big, and every value one the setting can take (checked by
 * the project parser, so the message is the one a hand-edited file would get). Returns the
 * spec or ONE message naming the setting path.
 */
export function parseSweep(
  doc: ProjectDocument,
  axesText: readonly string[],
  options: { mode?: SweepMode; count?: number; seed?: number } = {},
): Parsed<SweepSpec> {
  if (axesText.length === 0)
    return fail('a sweep needs at least one setting to vary, e.g. training.optimizer.learningRate=0.001,0.01')
  const axes: SweepAxis[] = []
  for (const text of axesText) {
    const axis = parseSweepAxis(text)
    if (!axis.ok) return axis
    if (axes.some((other) => other.path === axis.value.path))
      return fail(`${axis.value.path}: given twice; list all its values in one setting`)
    const current = readSetting(doc, axis.value.path)
    if (!current.ok) return current
    const values = axis.value.values.kind === 'list' ? axis.value.values.values : gridValues(axis.value.values)
    if (axis.value.values.kind === 'range' && typeof current.value !== 'number') {
      return fail(
        `${axis.value.path}: holds ${JSON.stringify(current.value)}, not a number, so it takes a list of values, not a range`,
      )
    }
    for (const value of values) {
      // A word where the setting holds a number (or the reverse) is the most likely typo: say so plainly.
      if (typeof value !== typeof current.value) {
        return fail(
          `${axis.value.path}: expected ${typeof current.value === 'number' ? 'a number' : typeof current.value === 'boolean' ? 'true or false' : 'a word'}, got ${JSON.stringify(value)}`,
        )
      }
      const applied = applySettings(doc, [[axis.value.path, value]])
      if (!applied.ok) return fail(`${axis.value.path}=${String(value)}: ${applied.message}`)
    }
    axes.push(axis.value)
  }
  const mode = options.mode ?? 'grid'
  const count = options.count ?? 10
  if (mode === 'random' && (!Number.isInteger(count) || count < 1))
    return fail(`random search: the number of runs must be a whole number ≥ 1, got ${count}`)
  const spec: SweepSpec = { axes, mode, count, seed: options.seed ?? doc.training.seed }
  const size = sweepSize(spec)
  if (size > MAX_SWEEP_RUNS)
    return fail(`the sweep would start ${size} runs; at most ${MAX_SWEEP_RUNS} (try fewer values or random search)`)
  return { ok: true, value: spec }
}
