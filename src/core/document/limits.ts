/**
 * Limits a project file must respect before the schema even looks at it, and the names no id
 * may take. zod validates recursively, so a value nested thousands of levels deep would
 * overflow the stack inside it ("Maximum call stack size exceeded"), and the same value would
 * later break JSON.stringify and structuredClone when the project is saved. The pre-scan here is
 * iterative: it walks the raw value once, with its own stack, and stops at the first problem
 * with the path of the offending value.
 */

/** Nesting depth of any value (the document itself is depth 1); the templates use 6. */
export const MAX_DEPTH = 32
/** Values in the whole file (every object, array, string, number …); a 20,000-layer project uses ~0.5 million. */
export const MAX_VALUES = 5_000_000

/**
 * Names a plain JavaScript object already answers to (`__proto__`, `constructor`, `toString` …)
 * plus `prototype`. Ids become keys of lookup tables in every host; with these names a lookup
 * finds the object's own machinery instead of "nothing", and writing one can change
 * Object.prototype itself. No id may take them.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
])

export function isReservedName(name: string): boolean {
  return RESERVED_NAMES.has(name)
}

export interface ScanProblem {
  /** Keys from the document root to the offending value. */
  path: (string | number)[]
  message: string
}

interface Frame {
  value: unknown
  depth: number
  parent: number
  key: string | number
}

function pathOf(frames: readonly Frame[], index: number): (string | number)[] {
  const path: (string | number)[] = []
  for (let at = index; at > 0; at = frames[at].parent) path.push(frames[at].key)
  return path.reverse()
}

/** Arrays and objects a JSON parser can produce; class instances (Date, Map …) are not data. */
function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}

/**
 * Checks that `root` is JSON data of bounded size: depth ≤ MAX_DEPTH, at most MAX_VALUES values,
 * finite numbers only, no `__proto__` key, no functions, symbols, bigints or class instances.
 * `undefined` is allowed as an object property (it means "not set", as in a missing key).
 * Returns the first problem, or null. Iterative, linear in the size of the value.
 */
export function scanJsonValue(root: unknown): ScanProblem | null {
  const frames: Frame[] = [{ value: root, depth: 1, parent: -1, key: '' }]
  const fail = (index: number, message: string): ScanProblem => ({ path: pathOf(frames, index), message })
  // `frames` doubles as the work list: index `next` is the next value to look at.
  for (let next = 0; next < frames.length; next++) {
    if (frames.length > MAX_VALUES)
      return fail(next, `the file holds too many values (more than ${MAX_VALUES.toLocaleString('en-US')})`)
    const { value, depth } = frames[next]
    switch (typeof value) {
      case 'string':
      case 'boolean':
        continue
      case 'number':
        if (!Number.isFinite(value)) return fail(next, `expected a finite number, got ${String(value)}`)
        continue
      case 'undefined':
        if (next > 0 && typeof frames[next].key === 'string') continue
        return fail(next, 'expected a JSON value, got nothing')
      case 'object':
        break
      default:
        return fail(next, `expected a JSON value, got a ${typeof value}`)
    }
    if (value === null) continue
    // Weight values in memory (a container's weights.bin, or a model the app built): one leaf.
    if (value instanceof Float32Array) continue
    if (depth >= MAX_DEPTH) return fail(next, `nested too deeply (more than ${MAX_DEPTH} levels)`)
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) frames.push({ value: value[i], depth: depth + 1, parent: next, key: i })
      continue
    }
    if (!isPlainObject(value))
      return fail(next, 'expected plain JSON data (an object, array, string, number, true, false or null)')
    for (const key of Object.keys(value)) {
      // JSON.parse makes "__proto__" an ordinary own key; any copy with `{...o}` or `o[key] = v`
      // would instead replace the copy's prototype, so the key would vanish or poison lookups.
      if (key === '__proto__')
        return { path: [...pathOf(frames, next), key], message: 'this key is not allowed in a project file' }
      frames.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, parent: next, key })
    }
  }
  return null
}
