/** `dense_3` → the part before the number, restricted to characters tfjs accepts in names. */
function idBase(prefix: string): string {
  return prefix.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^[^A-Za-z0-9]+/, '') || 'node'
}

/**
 * Readable, unique ids: `dense_3`. They double as tf layer names, so they only use characters
 * tfjs accepts in names ([A-Za-z0-9_.-], starting with a letter or digit).
 */
export function uniqueId(prefix: string, taken: ReadonlySet<string>): string {
  const base = idBase(prefix)
  for (let n = 1; ; n++) {
    const candidate = `${base}_${n}`
    if (!taken.has(candidate)) return candidate
  }
}

/**
 * The same ids as calling uniqueId over and over and adding each result to `taken`, for many
 * new elements at once (paste, duplicate): each prefix continues from where it stopped instead
 * of counting from 1 again, so pasting n layers costs O(n), not O(n²).
 */
export function idAllocator(taken: Set<string>): (prefix: string) => string {
  const next = new Map<string, number>()
  return (prefix) => {
    const base = idBase(prefix)
    for (let n = next.get(base) ?? 1; ; n++) {
      const candidate = `${base}_${n}`
      if (taken.has(candidate)) continue
      next.set(base, n + 1)
      taken.add(candidate)
      return candidate
    }
  }
}
