import { readFileSync } from 'node:fs'
import { parseProject } from '../../../src/core/document/parse'
import type { ProjectDocument } from '../../../src/core/document/types'

/**
 * A real template (playground-mlp) with trained weights of the given size on its first hidden
 * layer: values that differ per element, so a byte out of place shows in a comparison.
 */
export function weightedProject(floats: number): ProjectDocument {
  const json = JSON.parse(
    readFileSync(new URL('../../../templates/playground-mlp.json', import.meta.url), 'utf8'),
  ) as unknown
  const parsed = parseProject(json)
  if (!parsed.ok) throw new Error(parsed.error.message)
  const data = new Float32Array(floats)
  for (let i = 0; i < floats; i++) data[i] = Math.sin(i) * 1000 + i / 7
  return {
    ...parsed.document,
    trained: {
      savedAt: '2026-12-03T00:00:00Z',
      layers: { h1: [{ name: 'kernel', shape: [floats], data }] },
      metrics: { testAccuracy: 0.5 },
    },
  }
}

/** The same project as an older LayerCanvas wrote it: one JSON text, weights as base64. */
export function legacyProjectText(doc: ProjectDocument): string {
  const toBase64 = (data: Float32Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64')
  const layers = Object.fromEntries(
    Object.entries(doc.trained?.layers ?? {}).map(([id, list]) => [
      id,
      list.map((w) => ({ ...w, data: toBase64(w.data) })),
    ]),
  )
  return JSON.stringify({ ...doc, trained: { ...doc.trained, layers } }, null, 2)
}
