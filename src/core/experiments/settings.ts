import { parseProject } from '../document/parse'
import type { ProjectDocument } from '../document/types'
import type { TrainingConfig } from '../training/config'
import type { SettingValue } from './run-history'

/**
 * Setting paths: the names sweeps, the run table and the settings diff use for one value of a
 * project. `training.<…>` addresses a value of the training settings
 * (`training.optimizer.learningRate`, `training.batchSize`); `nodes.<id>.params.<name>` a
 * layer's parameter (`nodes.dense1.params.units`). Only single values (numbers, words,
 * true/false) are settings; lists and objects are not.
 */

export type SettingEntry = readonly [path: string, value: SettingValue]

const isSettingValue = (value: unknown): value is SettingValue =>
  (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'string' || typeof value === 'boolean'

/** Every single value of a training config, by path (training.optimizer.type, …), in the config's order. */
export function flattenTraining(training: TrainingConfig): SettingEntry[] {
  const out: SettingEntry[] = []
  const walk = (value: unknown, path: string) => {
    if (isSettingValue(value)) out.push([path, value])
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) walk(inner, `${path}.${key}`)
    }
  }
  walk(training, 'training')
  return out
}

export interface SettingChange {
  path: string
  before: SettingValue | undefined
  after: SettingValue | undefined
}

/** What changed from one run's settings to the next's, in the order of `next`, then removed paths. */
export function diffSettings(before: readonly SettingEntry[], after: readonly SettingEntry[]): SettingChange[] {
  const old = new Map(before)
  const seen = new Set<string>()
  const changes: SettingChange[] = []
  for (const [path, value] of after) {
    seen.add(path)
    if (old.get(path) !== value) changes.push({ path, before: old.get(path), after: value })
  }
  for (const [path, value] of before) if (!seen.has(path)) changes.push({ path, before: value, after: undefined })
  return changes
}

export type SettingLookup = { ok: true; value: SettingValue } | { ok: false; message: string }

const NODE_PATH = /^nodes\.(.+)\.params\.([^.]+)$/

/** The current value at a setting path, or why the path names no setting of this project. */
export function readSetting(doc: ProjectDocument, path: string): SettingLookup {
  const node = NODE_PATH.exec(path)
  if (node) {
    const [, nodeId, param] = node
    const layer = doc.nodes.find((candidate) => candidate.id === nodeId)
    if (!layer) return { ok: false, message: `${path}: no layer with id ${JSON.stringify(nodeId)}` }
    if (!Object.hasOwn(layer.params, param))
      return { ok: false, message: `${path}: a ${layer.kind} layer has no parameter ${JSON.stringify(param)}` }
    const value = layer.params[param]
    return isSettingValue(value)
      ? { ok: true, value }
      : { ok: false, message: `${path}: not a single value (a list or an object), so it cannot be swept` }
  }
  if (path !== 'training' && path.startsWith('training.')) {
    const found = flattenTraining(doc.training).find(([candidate]) => candidate === path)
    if (found) return { ok: true, value: found[1] }
    return {
      ok: false,
      message: `${path}: no such training setting (e.g. training.optimizer.learningRate, training.batchSize)`,
    }
  }
  return {
    ok: false,
    message: `${JSON.stringify(path)}: a setting path starts with training. or has the form nodes.<layer id>.params.<name>`,
  }
}

function writeAt(doc: ProjectDocument, path: string, value: SettingValue): void {
  const node = NODE_PATH.exec(path)
  if (node) {
    const layer = doc.nodes.find((candidate) => candidate.id === node[1])
    if (layer) layer.params = { ...layer.params, [node[2]]: value }
    return
  }
  const keys = path.split('.').slice(1)
  let target = doc.training as unknown as Record<string, unknown>
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>
  target[keys[keys.length - 1]] = value
}

export type ApplyResult = { ok: true; document: ProjectDocument } | { ok: false; message: string }

/**
 * A copy of `doc` with the settings applied, checked by the project parser: a value the
 * setting cannot take (a negative learning rate, an unknown optimizer) comes back as that
 * parser's one-line error with the path of the setting. `doc` is not changed.
 */
export function applySettings(doc: ProjectDocument, settings: readonly SettingEntry[]): ApplyResult {
  const copy = structuredClone(doc)
  for (const [path, value] of settings) {
    const current = readSetting(copy, path)
    if (!current.ok) return current
    writeAt(copy, path, value)
  }
  const parsed = parseProject(copy)
  if (!parsed.ok) return { ok: false, message: parsed.error.message }
  return { ok: true, document: parsed.document }
}
