/** Python literals and identifiers for the generated code. */

import { pyStr } from '../escape'

export { pyStr }

/** A Python float literal: `0.3`, `1.0`, `1e-07`. */
export function pyFloat(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? 'float("inf")' : value < 0 ? 'float("-inf")' : 'float("nan")'
  const text = String(value)
  return /[.e]/.test(text) ? text : `${text}.0`
}

/** A Python int literal. */
export function pyInt(value: number): string {
  return String(Math.trunc(value))
}

export function pyBool(value: boolean): string {
  return value ? 'True' : 'False'
}

/** A tuple of ints: `(28, 28, 1)`, `(5,)`, `()`. */
export function pyTuple(values: readonly number[]): string {
  if (values.length === 1) return `(${pyInt(values[0])},)`
  return `(${values.map(pyInt).join(', ')})`
}

/** Any JSON-like value as a Python literal (dicts, lists, strings, numbers, booleans, None). */
export function pyValue(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return 'None'
  if (typeof value === 'boolean') return pyBool(value)
  if (typeof value === 'number') return Number.isInteger(value) ? pyInt(value) : pyFloat(value)
  if (typeof value === 'string') return pyStr(value)
  const inner = `${indent}    `
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    return `[${value.map((v) => pyValue(v, indent)).join(', ')}]`
  }
  const entries = Object.entries(value as Record<string, unknown>)
  if (entries.length === 0) return '{}'
  return `{\n${entries.map(([k, v]) => `${inner}${pyStr(k)}: ${pyValue(v, inner)},`).join('\n')}\n${indent}}`
}

const KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for from global if ' +
    'import in is lambda nonlocal not or pass raise return try while with yield match case type'
  ).split(' '),
)

/**
 * Names the generated modules use themselves, and nn.Module / keras attributes a node name
 * must not shadow (`self.training`, `self.forward`, …).
 */
const RESERVED = new Set(
  (
    'torch nn F np math json os sys argparse time keras layers ops tf self model args x y inputs outputs super print ' +
    'training forward train eval cuda cpu to parameters buffers modules children state_dict load_state_dict apply ' +
    'float double half type zero_grad register_buffer register_parameter add_module named_parameters named_buffers ' +
    'named_modules requires_grad_ extra_repr dump_patches call_super_init name weights build call get_config ' +
    'Model build_model load_tfjs_weights save_tfjs_weights load_weights_from_tfjs count_parameters main'
  ).split(' '),
)

/**
 * One readable, unique Python identifier per node id: `conv 1` → `conv_1`, `2d` → `n_2d`,
 * `self` → `self_`. Stable for a given list of ids.
 */
export function pythonNames(ids: readonly string[]): Map<string, string> {
  const taken = new Set<string>()
  const names = new Map<string, string>()
  for (const id of ids) {
    let base = id.replace(/[^A-Za-z0-9_]/g, '_')
    if (base === '' || /^[0-9]/.test(base)) base = `n_${base}`
    if (KEYWORDS.has(base) || RESERVED.has(base) || base.startsWith('__')) base = `${base}_`
    let name = base
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`
    taken.add(name)
    names.set(id, name)
  }
  return names
}

/** Indents every non-empty line of a block. */
export function indent(block: string, by = '    '): string {
  return block
    .split('\n')
    .map((line) => (line.trim() === '' ? '' : by + line))
    .join('\n')
}

/** `fn(a, b, key=value)`: positional args, then keyword args whose value is not undefined. */
export function pyCall(fn: string, args: readonly string[], kwargs: Record<string, string | undefined> = {}): string {
  const keywords = Object.entries(kwargs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
  return `${fn}(${[...args, ...keywords].join(', ')})`
}

/** Last dim of a shape (the exporters only run on fully known shapes). */
export function lastDim(shape: readonly (number | null)[]): number {
  return shape[shape.length - 1] ?? 0
}
