import type { OpenDialogOptions } from 'electron'
import type * as fsp from 'node:fs/promises'
import { basename, dirname, resolve } from 'node:path'
import type { Lang } from '../core/i18n/text'
import { checkWeightPath, weightPathMessage } from '../core/import/weight-paths'
import { MAX_MODEL_JSON_BYTES, MAX_MODEL_WEIGHTS_BYTES, type OpenedModelDto } from '../shared/ipc-contract'
import { isInside } from './export-folder'
import { IpcError } from './ipc'

/**
 * File → Import Model: the user picks a TensorFlow.js / Keras model.json in a native dialog;
 * main reads it and the weight files its weightsManifest names, from the same folder (or below
 * it: never `..`, absolute paths or URLs). Only reading; the renderer turns the files into a
 * canvas (core/import/tfjs-model.ts), so a bad model never touches the current canvas.
 */

export type ModelImportFs = Pick<typeof fsp, 'readFile' | 'stat' | 'realpath'>

export interface ModelImportDeps {
  dialog: { showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }> }
  fs: ModelImportFs
  getLanguage: () => Lang
  maxJsonBytes?: number
  maxWeightBytes?: number
}

const TEXT = {
  en: {
    title: 'Import Model',
    filter: 'TensorFlow.js / Keras model (model.json)',
    all: 'All files',
    notAFile: (name: string) => `"${name}" is not a file.`,
    jsonTooLarge: (name: string, mb: number, max: number) =>
      `"${name}" is ${mb} MB; LayerCanvas reads model.json files up to ${max} MB.`,
    weightsTooLarge: (mb: number, max: number) =>
      `The weight files take ${mb} MB; LayerCanvas imports up to ${max} MB of weights.`,
    badWeightPath: (path: string) =>
      `The weights file "${path}" is not in the model's folder; LayerCanvas only reads weight files next to model.json.`,
    missingWeights: (path: string, folder: string) =>
      `The weights file "${path}" named in model.json was not found in ${folder}. Keep the .bin files next to model.json.`,
  },
  'zh-CN': {
    title: '导入模型',
    filter: 'TensorFlow.js / Keras 模型（model.json）',
    all: '所有文件',
    notAFile: (name: string) => `“${name}”不是文件。`,
    jsonTooLarge: (name: string, mb: number, max: number) =>
      `“${name}”大小为 ${mb} MB；LayerCanvas 只能读取不超过 ${max} MB 的 model.json。`,
    weightsTooLarge: (mb: number, max: number) => `权重文件共 ${mb} MB；LayerCanvas 最多导入 ${max} MB 的权重。`,
    badWeightPath: (path: string) =>
      `权重文件“${path}”不在模型所在的文件夹中；LayerCanvas 只读取与 model.json 放在一起的权重文件。`,
    missingWeights: (path: string, folder: string) =>
      `在 ${folder} 中找不到 model.json 所列的权重文件“${path}”。请把 .bin 文件和 model.json 放在同一个文件夹。`,
  },
} as const

/** The shared rule's clause as a dialog sentence: capitalised, with a full stop. */
const sentence = (clause: string, lang: Lang): string =>
  `${clause.charAt(0).toUpperCase()}${clause.slice(1)}${lang === 'zh-CN' ? '。' : '.'}`
const codeOf = (error: unknown): string | undefined => (error as { code?: string } | null)?.code
const megabytes = (bytes: number): number => Math.ceil(bytes / (1024 * 1024))
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The weight file paths a model.json's manifest names, in order, without duplicates. */
export function manifestPaths(json: unknown): unknown[] {
  if (!isObject(json) || !Array.isArray(json.weightsManifest)) return []
  const paths: unknown[] = []
  for (const group of json.weightsManifest) {
    if (!isObject(group) || !Array.isArray(group.paths)) continue
    for (const path of group.paths) if (!paths.includes(path)) paths.push(path)
  }
  return paths
}

export interface ModelImport {
  open(): Promise<OpenedModelDto | null>
  /** Reads a model.json at a known path (tests, and a future drop target). */
  read(path: string): Promise<OpenedModelDto>
}

export function createModelImport(deps: ModelImportDeps): ModelImport {
  const { fs } = deps
  const maxJson = deps.maxJsonBytes ?? MAX_MODEL_JSON_BYTES
  const maxWeights = deps.maxWeightBytes ?? MAX_MODEL_WEIGHTS_BYTES
  const text = () => TEXT[deps.getLanguage()] ?? TEXT.en

  async function read(path: string): Promise<OpenedModelDto> {
    const real = await fs.realpath(resolve(path))
    const name = basename(real)
    const info = await fs.stat(real)
    if (!info.isFile()) throw new IpcError('io-error', text().notAFile(name))
    if (info.size > maxJson)
      throw new IpcError('file-too-large', text().jsonTooLarge(name, megabytes(info.size), megabytes(maxJson)))
    const content = await fs.readFile(real, 'utf8')
    let json: unknown
    try {
      json = JSON.parse(content.charCodeAt(0) === 0xfeff ? content.slice(1) : content)
    } catch {
      // Not JSON: the renderer reports it with the parser's message; there are no weights to read.
      return { name, path: real, text: content, weights: [] }
    }
    const folder = dirname(real)
    const weights: OpenedModelDto['weights'] = []
    let total = 0
    for (const entry of manifestPaths(json)) {
      // The renderer reports malformed manifests (core import); only plain relative paths are read here.
      if (typeof entry !== 'string' || entry === '') continue
      // The same rule as `layercanvas import` (core/import/weight-paths.ts).
      const checked = checkWeightPath(entry)
      if (!checked.ok)
        throw new IpcError(
          'path-not-allowed',
          sentence(weightPathMessage(checked.problem, entry, deps.getLanguage()), deps.getLanguage()),
        )
      if (!isInside(folder, checked.path)) throw new IpcError('path-not-allowed', text().badWeightPath(entry))
      const full = resolve(folder, checked.path)
      let size: number
      try {
        const weightInfo = await fs.stat(full)
        if (!weightInfo.isFile()) throw new IpcError('io-error', text().notAFile(entry))
        size = weightInfo.size
      } catch (error) {
        if (codeOf(error) === 'ENOENT') throw new IpcError('io-error', text().missingWeights(entry, folder))
        throw error
      }
      total += size
      if (total > maxWeights)
        throw new IpcError('file-too-large', text().weightsTooLarge(megabytes(total), megabytes(maxWeights)))
      // A symlink may not lead out of the folder either.
      const realWeight = await fs.realpath(full)
      if (!isInside(folder, realWeight)) throw new IpcError('path-not-allowed', text().badWeightPath(entry))
      weights.push({ path: entry, bytes: new Uint8Array(await fs.readFile(realWeight)) })
    }
    return { name, path: real, text: content, weights }
  }

  return {
    read,
    async open() {
      const picked = await deps.dialog.showOpenDialog({
        title: text().title,
        properties: ['openFile'],
        filters: [
          { name: text().filter, extensions: ['json'] },
          { name: text().all, extensions: ['*'] },
        ],
      })
      const chosen = picked.filePaths[0]
      if (picked.canceled || chosen === undefined) return null
      return read(chosen)
    },
  }
}
