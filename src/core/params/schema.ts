import type { LocalText, MessageValues } from '../i18n/text'

/**
 * The param-schema DSL. A layer kind declares its params once with `p.int`, `p.float`, … and
 * gets from that: TypeScript types, validation with path-precise messages, defaults, the
 * inspector form, and the params section of its docs.
 */
interface BaseParam<T> {
  default: T
  label: LocalText
  help: LocalText
  /** Show this param in the inspector only when the predicate holds (e.g. Input's `mode`). */
  visibleWhen?: (values: Record<string, unknown>) => boolean
  /** Shown on the node itself as a key parameter. */
  key?: boolean
}

export interface IntParam extends BaseParam<number> {
  type: 'int'
  min?: number
  max?: number
}
export interface FloatParam extends BaseParam<number> {
  type: 'float'
  min?: number
  max?: number
  /** When true, `min` itself is not allowed (e.g. a learning rate > 0). */
  exclusiveMin?: boolean
  step?: number
}
export interface EnumParam<T extends string = string> extends BaseParam<T> {
  type: 'enum'
  options: readonly T[]
  optionLabels?: Partial<Record<T, LocalText>>
}
export interface BoolParam extends BaseParam<boolean> {
  type: 'bool'
}
/** A fixed- or variable-length list of whole numbers: kernel sizes, strides, target shapes. */
export interface IntListParam extends BaseParam<number[]> {
  type: 'ints'
  minLength: number
  maxLength: number
  min?: number
  /** Allows -1 once (Reshape's "infer this dimension"). */
  allowInfer?: boolean
}

export type ParamSpec = IntParam | FloatParam | EnumParam | BoolParam | IntListParam
export type ParamSchema = Record<string, ParamSpec>

type ValueOf<P> =
  P extends EnumParam<infer T>
    ? T
    : P extends IntListParam
      ? number[]
      : P extends BoolParam
        ? boolean
        : P extends IntParam | FloatParam
          ? number
          : never

export type ParamValues<S extends ParamSchema> = { [K in keyof S]: ValueOf<S[K]> }

type Opts<P extends { type: string; default: unknown }> = Omit<P, 'type'>

/** Builders: `p.int({ default: 32, min: 1, label, help })`. */
export const p = {
  int: (o: Opts<IntParam>): IntParam => ({ type: 'int', ...o }),
  float: (o: Opts<FloatParam>): FloatParam => ({ type: 'float', ...o }),
  enum: <const T extends string>(options: readonly T[], o: Omit<EnumParam<T>, 'type' | 'options'>): EnumParam<T> => ({
    type: 'enum',
    options,
    ...o,
  }),
  bool: (o: Opts<BoolParam>): BoolParam => ({ type: 'bool', ...o }),
  ints: (o: Opts<IntListParam>): IntListParam => ({ type: 'ints', ...o }),
}

/** A validation failure, as a message key of the core catalogue plus its values. */
export interface ParamProblem {
  key: string
  values: MessageValues
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === undefined) return 'nothing'
  try {
    const text = JSON.stringify(value)
    return text.length > 40 ? text.slice(0, 37) + '…' : text
  } catch {
    return String(value)
  }
}

function bound(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return `${min}–${max}`
  if (min !== undefined) return `≥ ${min}`
  if (max !== undefined) return `≤ ${max}`
  return ''
}

/** Returns null when the value is valid for the spec, else the problem. Never throws. */
export function checkParam(spec: ParamSpec, value: unknown): ParamProblem | null {
  // Runs for every param on every edit: build the message text only when there is a problem.
  const problem = findProblem(spec, value)
  if (!problem) return null
  return { key: problem.key, values: { ...problem.values, got: describe(value) } }
}

function findProblem(spec: ParamSpec, value: unknown): ParamProblem | null {
  switch (spec.type) {
    case 'int': {
      const ok =
        typeof value === 'number' &&
        Number.isInteger(value) &&
        (spec.min === undefined || value >= spec.min) &&
        (spec.max === undefined || value <= spec.max)
      return ok ? null : { key: 'param.int', values: { range: bound(spec.min, spec.max) } }
    }
    case 'float': {
      const ok =
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (spec.min === undefined || (spec.exclusiveMin ? value > spec.min : value >= spec.min)) &&
        (spec.max === undefined || value <= spec.max)
      const range = spec.exclusiveMin && spec.min !== undefined ? `> ${spec.min}` : bound(spec.min, spec.max)
      return ok ? null : { key: 'param.float', values: { range } }
    }
    case 'enum':
      return typeof value === 'string' && (spec.options as readonly string[]).includes(value)
        ? null
        : { key: 'param.enum', values: { options: spec.options.join(', ') } }
    case 'bool':
      return typeof value === 'boolean' ? null : { key: 'param.bool', values: {} }
    case 'ints': {
      const min = spec.min ?? 1
      const lengthText =
        spec.minLength === spec.maxLength ? String(spec.minLength) : `${spec.minLength}–${spec.maxLength}`
      const values = { length: lengthText, range: `≥ ${min}` }
      if (!Array.isArray(value) || value.length < spec.minLength || value.length > spec.maxLength) {
        return { key: 'param.ints', values }
      }
      let inferred = 0
      for (const item of value) {
        if (typeof item !== 'number' || !Number.isInteger(item)) return { key: 'param.ints', values }
        if (spec.allowInfer && item === -1 && inferred++ === 0) continue
        if (item < min) return { key: 'param.ints', values }
      }
      return null
    }
  }
}

/** The defaults of a schema, as a fresh object (lists copied so edits never share arrays). */
export function defaultParams<S extends ParamSchema>(schema: S): ParamValues<S> {
  const out: Record<string, unknown> = {}
  for (const [name, spec] of Object.entries(schema)) {
    out[name] = Array.isArray(spec.default) ? [...spec.default] : spec.default
  }
  return out as ParamValues<S>
}
