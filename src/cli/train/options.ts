import { CliError } from '../command'
import { backendChoice, CLI_BACKENDS, isCliBackend, type CliBackend } from './load-tf'

/** A whole number ≥ min from a string option, or a one-line usage error naming the command. */
export function intOption(
  command: string,
  values: Record<string, unknown>,
  key: string,
  min: number,
): number | undefined {
  const raw = values[key]
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isInteger(n) || n < min) {
    throw new CliError(`${command}: --${key} must be a whole number ≥ ${min}, got ${JSON.stringify(raw)}`)
  }
  return n
}

/** JSON.stringify's replacer for event lines: NaN/Infinity → null, typed arrays → lists. */
export const jsonValue = (_key: string, value: unknown): unknown => {
  if (typeof value === 'number' && !Number.isFinite(value)) return null
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return Array.from(value as unknown as ArrayLike<number>)
  return value
}

/** <prefix>-2026-01-31T12-00-00 (local time, safe in file names everywhere). */
export function timestampedName(prefix: string, now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${prefix}-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}-${pad(now.getMinutes())}-${pad(now.getSeconds())}`
}

/** The --backend option of the commands that run a model (train, sweep, evaluate). */
export const backendOption = {
  type: 'string',
  valueName: '<auto|wasm|cpu>',
  description:
    'what runs the maths: auto (default; @tensorflow/tfjs-node when installed, else WebAssembly), wasm (WebAssembly with SIMD), cpu (pure JavaScript, slowest); also LAYERCANVAS_BACKEND',
} as const

/** --backend (or LAYERCANVAS_BACKEND), checked: a one-line usage error naming the command. */
export function backendFrom(command: string, values: Record<string, unknown>): CliBackend {
  const raw = backendChoice(typeof values.backend === 'string' ? values.backend : undefined)
  if (!isCliBackend(raw))
    throw new CliError(`${command}: --backend must be one of ${CLI_BACKENDS.join(', ')}, got ${JSON.stringify(raw)}`)
  return raw
}
