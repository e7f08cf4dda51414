/**
 * Readable, unique ids: `dense_3`. They double as tf layer names, so they only use characters
 * tfjs accepts in names ([A-Za-z0-9_.-], starting with a letter or digit).
 */
export function uniqueId(prefix: string, taken: ReadonlySet<string>): string {
  const base = prefix.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^[^A-Za-z0-9]+/, '') || 'node'
  for (let n = 1; ; n++) {
    const candidate = `${base}_${n}`
    if (!taken.has(candidate)) return candidate
  }
}
