import {
  hasWeights,
  parseProject,
  parseProjectText,
  serializeProject,
  weightBytes,
  type ParseOptions,
  type ParseResult,
} from './parse'
import {
  MAX_DOCUMENT_BYTES,
  MAX_LEGACY_TEXT_BYTES,
  MAX_PROJECT_FILE_BYTES,
  MAX_WEIGHT_BYTES,
  megabytes,
  tooManyWeightsMessage,
} from './size-policy'
import type { ProjectDocument } from './types'
import { looksLikeZip, readZip, writeZip } from './zip-store'

/**
 * A project on disk. Without weights it is plain JSON (`.layercanvas.json`), readable and
 * diffable like the templates. With weights (trained, or kept with runs) it is a container
 * (`.layercanvas`): an uncompressed zip of
 *   manifest.json  — what this is and which entries hold what
 *   project.json   — the document; each weight's `data` is {"offset": bytes, "length": floats}
 *   weights.bin    — every tensor as float32 little-endian, one after another, 4-byte aligned
 * so weights never pass through a string (VGG16's 411 MB kernel is longer than any string a
 * JavaScript engine allows), and the file is written and read without copying the weights.
 * Files from before the container (weights as base64 inside the JSON) still open.
 */

export const CONTAINER_EXTENSION = '.layercanvas'
export const JSON_EXTENSION = '.layercanvas.json'
export const CONTAINER_FORMAT = 'layercanvas-container'
export const CONTAINER_VERSION = 1

export { weightBytes }

interface WeightRef {
  offset: number
  length: number
}

type Weights = Record<string, { name: string; shape: number[]; data: Float32Array }[]>

/** True when saving writes a container (the document carries weights). */
export function needsContainer(doc: ProjectDocument): boolean {
  return hasWeights(doc)
}

/** The file name a document should be saved under: `base` with the extension its form needs. */
export function projectFileName(base: string, doc: ProjectDocument): string {
  const stem = base.replace(/\.layercanvas(\.json)?$/i, '').replace(/\.json$/i, '')
  return stem + (needsContainer(doc) ? CONTAINER_EXTENSION : JSON_EXTENSION)
}

export type EncodedProject =
  { ok: true; container: boolean; parts: Uint8Array[]; byteLength: number } | { ok: false; error: string }

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

function floatBytes(values: Float32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength)
  const out = new Uint8Array(values.byteLength)
  const view = new DataView(out.buffer)
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true)
  return out
}

/**
 * The bytes of a project file, as parts to write one after another (hosts stream them to disk or
 * into a Blob; nothing concatenates the weights). Fails, with a message for the user, when the
 * weights or the document pass the size policy.
 */
export function encodeProjectFile(doc: ProjectDocument, modified = new Date()): EncodedProject {
  const bytes = weightBytes(doc)
  if (bytes > MAX_WEIGHT_BYTES) return { ok: false, error: tooManyWeightsMessage(bytes) }
  const encoder = new TextEncoder()
  if (!needsContainer(doc)) {
    const text = encoder.encode(serializeProject(doc))
    if (text.length > MAX_DOCUMENT_BYTES) return { ok: false, error: documentTooLarge(text.length) }
    return { ok: true, container: false, parts: [text], byteLength: text.length }
  }
  const tensors: Uint8Array[] = []
  let offset = 0
  // The same Float32Array (a run that kept the trained weights) is stored once.
  const stored = new Map<Float32Array, WeightRef>()
  const refOf = (data: Float32Array): WeightRef => {
    let ref = stored.get(data)
    if (!ref) {
      ref = { offset, length: data.length }
      stored.set(data, ref)
      tensors.push(floatBytes(data))
      offset += data.byteLength
    }
    return ref
  }
  const withRefs = (layers: Weights) =>
    Object.fromEntries(
      Object.entries(layers).map(([nodeId, list]) => [nodeId, list.map((w) => ({ ...w, data: refOf(w.data) }))]),
    )
  const shallow: Record<string, unknown> = { ...doc }
  if (doc.trained) shallow.trained = { ...doc.trained, layers: withRefs(doc.trained.layers) }
  if (doc.runs)
    shallow.runs = doc.runs.map((run) =>
      run.weights ? { ...run, weights: { ...run.weights, layers: withRefs(run.weights.layers) } } : run,
    )
  const text = encoder.encode(serializeProject(shallow as unknown as ProjectDocument, { weightRefs: true }))
  if (text.length > MAX_DOCUMENT_BYTES) return { ok: false, error: documentTooLarge(text.length) }
  const manifest = encoder.encode(
    JSON.stringify(
      {
        format: CONTAINER_FORMAT,
        version: CONTAINER_VERSION,
        document: 'project.json',
        weights: 'weights.bin',
        weightBytes: offset,
        byteOrder: 'little-endian float32',
      },
      null,
      2,
    ) + '\n',
  )
  const zip = writeZip(
    [
      { name: 'manifest.json', parts: [manifest] },
      { name: 'project.json', parts: [text] },
      { name: 'weights.bin', parts: tensors, align: 4 },
    ],
    modified,
  )
  return { ok: true, container: true, ...zip }
}

/** The parts joined into one buffer (tests, small projects, the browser's drafts). */
export function joinParts(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

function documentTooLarge(bytes: number): string {
  return `the project's document (without weights) takes ${megabytes(bytes)} MB; at most ${megabytes(MAX_DOCUMENT_BYTES)} MB`
}

const fail = (message: string): ParseResult => ({ ok: false, error: { path: '', message } })

/**
 * Reads a project file of either form and parses it with parseProject. Never throws on user
 * input: a damaged container, a bad reference into weights.bin or a file over the size policy
 * becomes one error with the place it was found.
 */
export function parseProjectFile(bytes: Uint8Array, options: ParseOptions = {}): ParseResult {
  if (bytes.length > MAX_PROJECT_FILE_BYTES)
    return fail(
      `the file is too large (${megabytes(bytes.length)} MB; at most ${megabytes(MAX_PROJECT_FILE_BYTES)} MB)`,
    )
  if (!looksLikeZip(bytes)) {
    if (bytes.length > MAX_LEGACY_TEXT_BYTES)
      return fail(
        `the file is too large for a project written as one JSON text (${megabytes(bytes.length)} MB; at most ${megabytes(MAX_LEGACY_TEXT_BYTES)} MB)`,
      )
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      return fail('not a LayerCanvas project: the file is neither JSON text nor a LayerCanvas container')
    }
    return parseProjectText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, options)
  }
  let entries
  try {
    entries = readZip(bytes, (name) => (name === 'weights.bin' ? MAX_WEIGHT_BYTES : MAX_DOCUMENT_BYTES))
  } catch (error) {
    return fail((error as Error).message)
  }
  const entry = (name: string) => entries.find((e) => e.name === name)
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const readJson = (name: string): { ok: true; value: unknown } | { ok: false; message: string } => {
    const found = entry(name)
    if (!found) return { ok: false, message: `not a LayerCanvas project: the container has no ${name}` }
    try {
      return { ok: true, value: JSON.parse(decoder.decode(found.data)) as unknown }
    } catch (error) {
      return { ok: false, message: `${name}: not valid JSON (${(error as Error).message})` }
    }
  }
  const manifest = readJson('manifest.json')
  if (!manifest.ok) return fail(manifest.message)
  const m = manifest.value as Record<string, unknown> | null
  if (typeof m !== 'object' || m === null || m.format !== CONTAINER_FORMAT)
    return fail(`not a LayerCanvas project: manifest.json does not say "${CONTAINER_FORMAT}"`)
  if (typeof m.version !== 'number' || m.version > CONTAINER_VERSION)
    return fail(
      `this project was saved by a newer LayerCanvas (container version ${String(m.version)}; this one reads up to ${CONTAINER_VERSION})`,
    )
  const project = readJson('project.json')
  if (!project.ok) return fail(project.message)
  const weights = entry('weights.bin')?.data ?? new Uint8Array(0)
  const resolved = resolveWeightRefs(project.value, weights)
  if (!resolved.ok)
    return { ok: false, error: { path: resolved.path, message: `${resolved.path}: ${resolved.message}` } }
  return parseProject(project.value, options)
}

type Resolve = { ok: true } | { ok: false; path: string; message: string }

/**
 * Replaces every {"offset", "length"} reference under trained.layers and runs[].weights.layers
 * with the Float32Array it names in weights.bin (a view when aligned, else a copy). Anything
 * else is left for the schema to judge.
 */
function resolveWeightRefs(doc: unknown, bin: Uint8Array): Resolve {
  if (typeof doc !== 'object' || doc === null) return { ok: true }
  const root = doc as Record<string, unknown>
  const groups: [string, unknown][] = [
    ['trained.layers', (root.trained as Record<string, unknown> | undefined)?.layers],
  ]
  if (Array.isArray(root.runs))
    root.runs.forEach((run, i) => {
      const weights = (run as Record<string, unknown> | null)?.weights as Record<string, unknown> | undefined
      groups.push([`runs[${i}].weights.layers`, weights?.layers])
    })
  for (const [path, layers] of groups) {
    if (typeof layers !== 'object' || layers === null) continue
    for (const [nodeId, list] of Object.entries(layers)) {
      if (!Array.isArray(list)) continue
      for (const [i, weight] of list.entries()) {
        const w = weight as Record<string, unknown> | null
        const ref = w?.data as Record<string, unknown> | undefined
        if (typeof ref !== 'object' || ref === null || Array.isArray(ref)) continue
        const at = `${path}.${nodeId}[${i}].data`
        const { offset, length } = ref
        if (
          !Number.isSafeInteger(offset) ||
          !Number.isSafeInteger(length) ||
          (offset as number) < 0 ||
          (length as number) < 0
        )
          return { ok: false, path: at, message: 'expected a reference {"offset", "length"} into weights.bin' }
        const start = offset as number
        const end = start + 4 * (length as number)
        if (end > bin.length)
          return { ok: false, path: at, message: `points past the end of weights.bin (${end} > ${bin.length} bytes)` }
        ;(w as Record<string, unknown>).data = floatsAt(bin, start, length as number)
      }
    }
  }
  return { ok: true }
}

function floatsAt(bin: Uint8Array, start: number, length: number): Float32Array {
  const at = bin.byteOffset + start
  if (LITTLE_ENDIAN && at % 4 === 0) return new Float32Array(bin.buffer, at, length)
  const out = new Float32Array(length)
  const view = new DataView(bin.buffer, at, length * 4)
  for (let i = 0; i < length; i++) out[i] = view.getFloat32(i * 4, true)
  return out
}
