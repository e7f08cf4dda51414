import type { ImageClass, RgbaImage } from '../../../core/data/image-folder'
import type { MnistRaw } from '../../../core/data/mnist'
import { decodeMnistBinary } from '../../../core/data/mnist-binary'
import type { DatasetSources, UserFile, UserFileRequest } from '../../../core/data/registry'
import type { TrainingConfig } from '../../../core/training/config'
import type { RawImageClass, RawUserFile } from './raw-user-file'

/**
 * DatasetSources for the renderer AND its workers (the training worker, the Data panel's
 * preview worker). Nothing here touches the DOM: bundled data is fetched (workers have fetch),
 * pictures are decoded with createImageBitmap + OffscreenCanvas (both exist in workers).
 *
 *  - MNIST and the names list are the build assets `datasets/mnist.bin` and `datasets/names.txt`
 *    (scripts/vite-dataset-assets.mjs), fetched relative to the PAGE. A worker's own location is
 *    its script (…/assets/x.js), so a worker must be given the page's `document.baseURI`.
 *  - Imported files live in an in-memory registry, one per JavaScript realm: the page registers
 *    what the user picked (addUserFile → an id stored as `options.source`), and hands the raw
 *    files a config needs to a worker (userFilesFor → post → putUserFiles in the worker).
 *    Small CSV / text imports are stored inline in `options.text` instead, so a saved project
 *    keeps them; the registry is for what is too big for the project file.
 */

export type { RawImageClass, RawUserFile } from './raw-user-file'

/** Prefix of registry ids in `options.source` (a path in the CLI never starts with it). */
export const MEMORY_SOURCE_PREFIX = 'memory:'
/** Decoded pictures are scaled down so the longer side is at most this many pixels (memory). */
export const DECODE_MAX_SIDE = 256

const registry = new Map<string, RawUserFile>()
const decoded = new Map<string, Promise<UserFile>>()
let counter = 0

/** Registers a picked file; returns the id to store in `doc.training.dataset.options.source`. */
export function addUserFile(file: RawUserFile): string {
  const random = Math.random().toString(36).slice(2, 8)
  const id = `${MEMORY_SOURCE_PREFIX}${file.type}-${Date.now().toString(36)}-${++counter}-${random}`
  registry.set(id, file)
  return id
}

/** Registers files under known ids (a worker receiving them from the page). */
export function putUserFiles(files: Record<string, RawUserFile>): void {
  for (const [id, file] of Object.entries(files)) {
    if (registry.get(id) === file) continue
    registry.set(id, file)
    decoded.delete(id)
  }
}

export function getUserFile(id: string): RawUserFile | undefined {
  return registry.get(id)
}

/** The registered files a dataset config refers to (post these to a worker with the config). */
export function userFilesFor(config: TrainingConfig['dataset']): Record<string, RawUserFile> {
  const source = config.options?.source
  const file = typeof source === 'string' ? registry.get(source) : undefined
  return file && typeof source === 'string' ? { [source]: file } : {}
}

// ── Decoding pictures ──────────────────────────────────────────────────────────────────────

const MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  bmp: 'image/bmp',
  gif: 'image/gif',
  webp: 'image/webp',
}

const extensionOf = (name: string) => name.slice(name.lastIndexOf('.') + 1).toLowerCase()

/** The size to decode at: the picture's own size, scaled down to DECODE_MAX_SIDE. */
function decodeSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, DECODE_MAX_SIDE / Math.max(width, height))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

function pixelsOf(bitmap: ImageBitmap, width: number, height: number): Uint8ClampedArray {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height)
    const context = canvas.getContext('2d', { willReadFrequently: true })
    if (!context) throw new Error('no 2-D canvas to decode pictures with')
    context.drawImage(bitmap, 0, 0, width, height)
    return context.getImageData(0, 0, width, height).data
  }
  // Older browsers on the page itself (workers always have OffscreenCanvas where they have bitmaps).
  const canvas = (globalThis as unknown as { document: Document }).document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const context = canvas.getContext('2d', { willReadFrequently: true })
  if (!context) throw new Error('no 2-D canvas to decode pictures with')
  context.drawImage(bitmap, 0, 0, width, height)
  return context.getImageData(0, 0, width, height).data
}

/** Decodes one picture file to RGBA (scaled down to DECODE_MAX_SIDE); null when it is not a picture. */
export async function decodePicture(name: string, bytes: Uint8Array): Promise<RgbaImage | null> {
  const type = MIME[extensionOf(name)] ?? 'application/octet-stream'
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }))
  } catch {
    return null
  }
  try {
    const size = decodeSize(bitmap.width, bitmap.height)
    return { ...size, data: pixelsOf(bitmap, size.width, size.height) }
  } finally {
    bitmap.close()
  }
}

/** Pictures that could not be decoded are reported by name, so the user can find them. */
export class UndecodablePicturesError extends Error {
  constructor(readonly files: string[]) {
    super(
      `${files.length} file(s) could not be read as pictures: ${files.slice(0, 5).join(', ')}${files.length > 5 ? ', …' : ''}`,
    )
    this.name = 'UndecodablePicturesError'
  }
}

/** Decodes a whole folder; files that are not pictures are skipped and listed in `skipped`. */
export async function decodeImageFolder(
  classes: RawImageClass[],
  onProgress?: (done: number, total: number) => void,
): Promise<{ classes: ImageClass[]; skipped: string[] }> {
  const total = classes.reduce((sum, c) => sum + c.files.length, 0)
  const skipped: string[] = []
  const out: ImageClass[] = []
  let done = 0
  for (const c of classes) {
    const images: RgbaImage[] = []
    // A few at a time: fast, without holding every compressed and decoded copy at once.
    for (let i = 0; i < c.files.length; i += 8) {
      const batch = c.files.slice(i, i + 8)
      const pictures = await Promise.all(batch.map((file) => decodePicture(file.name, file.bytes)))
      pictures.forEach((picture, k) => {
        if (picture) images.push(picture)
        else skipped.push(`${c.name}/${batch[k].name}`)
      })
      done += batch.length
      onProgress?.(done, total)
    }
    out.push({ name: c.name, images })
  }
  return { classes: out, skipped }
}

async function resolveUserFile(file: RawUserFile): Promise<UserFile> {
  if (file.type === 'text') return { type: 'text', text: file.text, name: file.name }
  const { classes, skipped } = await decodeImageFolder(file.classes)
  if (skipped.length > 0 && classes.every((c) => c.images.length === 0)) throw new UndecodablePicturesError(skipped)
  return { type: 'images', classes, name: file.name }
}

// ── Fetching the bundled assets ────────────────────────────────────────────────────────────

/** XMLHttpRequest fallback: Chromium's fetch() refuses file:// URLs (the packaged Electron app). */
function xhrArrayBuffer(url: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest()
    request.open('GET', url)
    request.responseType = 'arraybuffer'
    request.onload = () =>
      request.status === 0 || (request.status >= 200 && request.status < 300)
        ? resolve(request.response as ArrayBuffer)
        : reject(new Error(`${url}: HTTP ${request.status}`))
    request.onerror = () => reject(new Error(`could not read ${url}`))
    request.send()
  })
}

export async function download(url: string): Promise<ArrayBuffer> {
  try {
    const response = await fetch(url)
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
    return await response.arrayBuffer()
  } catch (error) {
    if (url.startsWith('file:') && typeof XMLHttpRequest !== 'undefined') return xhrArrayBuffer(url)
    throw error
  }
}

export interface BrowserDatasetSourceOptions {
  /**
   * The page's base URL, against which `datasets/…` is resolved. Default: `document.baseURI` on
   * the page. REQUIRED in a worker (pass the page's document.baseURI in the worker's message).
   */
  baseUrl?: string
}

function defaultBase(): string {
  const doc = (globalThis as { document?: Document }).document
  if (doc?.baseURI) return doc.baseURI
  throw new Error("createDatasetSources: pass the page's document.baseURI as baseUrl when running in a worker")
}

/** Cached per URL: MNIST as decoded bytes (~7.9 MB; the download buffer itself is not kept). */
const mnistCache = new Map<string, Promise<MnistRaw>>()
const namesCache = new Map<string, Promise<string[]>>()

export function createDatasetSources(options: BrowserDatasetSourceOptions = {}): DatasetSources {
  const base = options.baseUrl ?? defaultBase()
  const asset = (path: string) => new URL(path, base).href
  return {
    mnist() {
      const url = asset('datasets/mnist.bin')
      let pending = mnistCache.get(url)
      if (!pending) {
        pending = download(url).then((buffer) => {
          const { images, labels } = decodeMnistBinary(buffer)
          return { images, labels }
        })
        mnistCache.set(url, pending)
        pending.catch(() => mnistCache.delete(url))
      }
      return pending
    },
    names() {
      const url = asset('datasets/names.txt')
      let pending = namesCache.get(url)
      if (!pending) {
        pending = download(url).then((buffer) => {
          const text = new TextDecoder().decode(buffer)
          // A server's "page not found" fallback is HTML, not a list of names.
          if (/^\s*</.test(text))
            throw new Error(`${url} is not the list of names (the build is missing its dataset assets)`)
          return text
            .split(/\r?\n/)
            .map((line) => line.trim())
            .filter((line) => line.length > 0)
        })
        namesCache.set(url, pending)
        pending.catch(() => namesCache.delete(url))
      }
      return pending
    },
    userFile(request: UserFileRequest): Promise<UserFile> {
      const file = registry.get(request.source)
      if (!file) {
        return Promise.reject(
          new Error(
            request.source.startsWith(MEMORY_SOURCE_PREFIX)
              ? 'the imported file is no longer open (imports are kept only while the app runs); import it again in the Data panel'
              : `"${request.source}" is not open; import it again in the Data panel`,
          ),
        )
      }
      let pending = decoded.get(request.source)
      if (!pending) {
        pending = resolveUserFile(file)
        decoded.set(request.source, pending)
        pending.catch(() => decoded.delete(request.source))
      }
      return pending
    },
  }
}
