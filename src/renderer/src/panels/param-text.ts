import type { ParamSpec } from '../../../core/params/schema'

/**
 * Text ⇄ value for the inspector's text fields. Unparsable text is returned as the raw string
 * so checkParam's message shows what the user typed (`got "12a"`).
 */
export function parseParamText(spec: ParamSpec, text: string): unknown {
  const trimmed = text.trim()
  switch (spec.type) {
    case 'int':
      return /^[-+]?\d+$/.test(trimmed) ? Number(trimmed) : trimmed
    case 'float': {
      const value = Number(trimmed)
      return trimmed !== '' && Number.isFinite(value) ? value : trimmed
    }
    case 'ints': {
      // Accepts "3×3", "3x3", "3, 3", "3 3", "[3, 3]".
      const parts = trimmed
        .replace(/^\[|\]$/g, '')
        .split(/[×xX*,\s]+/)
        .filter(Boolean)
      return parts.length > 0 && parts.every((part) => /^-?\d+$/.test(part)) ? parts.map(Number) : trimmed
    }
    default:
      return text
  }
}

export function formatParamValue(spec: ParamSpec, value: unknown): string {
  if (spec.type === 'ints' && Array.isArray(value)) return value.join('×')
  return value === undefined || value === null ? '' : String(value)
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => item === b[i])
  return Object.is(a, b)
}
