import {
  IMAGE_FILE_EXTENSIONS,
  MAX_DATA_FILE_BYTES,
  MAX_IMAGE_FOLDER_BYTES,
  MAX_IMAGE_FOLDER_FILES,
  MAX_MODEL_JSON_BYTES,
  MAX_MODEL_WEIGHTS_BYTES,
} from '../../../shared/ipc-contract'
import { strToU8, zipSync } from 'fflate'
import type {
  DraftInfo,
  OpenedDataFile,
  OpenedFile,
  OpenedModelFiles,
  PickedImageFolder,
  Platform,
  SaveRequest,
  SavedFile,
} from './types'
import {
  PROJECT_ACCEPT,
  discardWebDraft,
  downloadProject,
  listWebDrafts,
  readProjectFile,
  restoreWebDraft,
  saveWebDraft,
} from './web-project-files'

/**
 * The browser host: files come from a picker and leave as downloads; there is no native menu.
 * The browser never reveals file paths, so `path` stays undefined and every save downloads.
 * Project files and drafts: web-project-files.ts.
 */

function pickFiles(accept: string, directory = false, multiple = false): Promise<File[] | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    if (accept) input.accept = accept
    if (directory) input.webkitdirectory = true
    if (multiple) input.multiple = true
    input.style.display = 'none'
    const finish = (files: File[] | null) => {
      input.remove()
      resolve(files)
    }
    input.addEventListener('change', () => finish(input.files && input.files.length > 0 ? [...input.files] : null), {
      once: true,
    })
    input.addEventListener('cancel', () => finish(null), { once: true })
    document.body.appendChild(input)
    input.click()
  })
}

const pickWithInput = async (): Promise<File | null> => (await pickFiles(PROJECT_ACCEPT))?.[0] ?? null

// Import limits, with the same wording as the desktop app's (src/main/dataset-files.ts).
const IMPORT_TEXT = {
  en: {
    fileTooLarge: (name: string, mb: number, max: number) =>
      `"${name}" is ${mb} MB; LayerCanvas imports data files up to ${max} MB. Use a smaller sample of the data.`,
    tooManyPictures: (name: string, count: number, max: number) =>
      `"${name}" holds ${count.toLocaleString('en')} pictures; LayerCanvas imports at most ${max.toLocaleString('en')}. Use a smaller selection.`,
    folderTooLarge: (name: string, mb: number, max: number) =>
      `The pictures in "${name}" take ${mb} MB; LayerCanvas imports at most ${max} MB. Use fewer or smaller pictures.`,
  },
  'zh-CN': {
    fileTooLarge: (name: string, mb: number, max: number) =>
      `“${name}”大小为 ${mb} MB；LayerCanvas 只能导入不超过 ${max} MB 的数据文件。请使用数据的一个较小子集。`,
    tooManyPictures: (name: string, count: number, max: number) =>
      `“${name}”中有 ${count} 张图片；LayerCanvas 最多导入 ${max} 张。请选用较少的图片。`,
    folderTooLarge: (name: string, mb: number, max: number) =>
      `“${name}”中的图片共 ${mb} MB；LayerCanvas 最多导入 ${max} MB。请使用更少或更小的图片。`,
  },
}
const importText = () => (document.documentElement.lang === 'zh-CN' ? IMPORT_TEXT['zh-CN'] : IMPORT_TEXT.en)
const megabytes = (bytes: number): number => Math.ceil(bytes / (1024 * 1024))
const PICTURE = new Set<string>(IMAGE_FILE_EXTENSIONS)
const isPicture = (name: string) => PICTURE.has(name.slice(name.lastIndexOf('.') + 1).toLowerCase())
const hiddenPart = (part: string) => part.startsWith('.') || part === '__MACOSX' || part === 'Thumbs.db'

/** Groups a directory pick (paths "root/class/…/file") into classes, like the desktop app does. */
async function imageFolderFromFiles(files: File[]): Promise<PickedImageFolder> {
  const rootName = (files[0].webkitRelativePath || files[0].name).split('/')[0] || 'images'
  const groups = new Map<string, { name: string; file: File }[]>()
  let skipped = 0
  for (const file of files) {
    const parts = (file.webkitRelativePath || file.name).split('/')
    if (parts.some(hiddenPart)) continue
    if (parts.length < 3 || !isPicture(file.name)) {
      skipped++
      continue
    }
    const group = groups.get(parts[1]) ?? []
    group.push({ name: parts.slice(2).join('/'), file })
    groups.set(parts[1], group)
  }
  const text = importText()
  const count = [...groups.values()].reduce((sum, group) => sum + group.length, 0)
  if (count > MAX_IMAGE_FOLDER_FILES) throw new Error(text.tooManyPictures(rootName, count, MAX_IMAGE_FOLDER_FILES))
  const total = [...groups.values()].reduce((sum, group) => sum + group.reduce((s, f) => s + f.file.size, 0), 0)
  if (total > MAX_IMAGE_FOLDER_BYTES)
    throw new Error(text.folderTooLarge(rootName, megabytes(total), megabytes(MAX_IMAGE_FOLDER_BYTES)))
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  const classes: PickedImageFolder['classes'] = []
  for (const name of [...groups.keys()].sort(order)) {
    const group = groups.get(name)!.sort((a, b) => order(a.name, b.name))
    const read = await Promise.all(
      group.map(async ({ name: fileName, file }) => ({
        name: fileName,
        bytes: new Uint8Array(await file.arrayBuffer()),
      })),
    )
    classes.push({ name, files: read })
  }
  return { name: rootName, classes, skipped }
}

// ── Export, model import, autosave ─────────────────────────────────────────────────────────

const MODEL_TEXT = {
  en: {
    noModelJson: 'Pick the model.json file together with its weight files (.bin).',
    missingWeights: (names: string[]) =>
      `model.json names weight files that were not picked: ${names.join(', ')}. Select model.json and all its .bin files together.`,
    tooLarge: (name: string, mb: number) =>
      `"${name}" is ${mb} MB; LayerCanvas imports models up to ${megabytes(MAX_MODEL_WEIGHTS_BYTES)} MB.`,
  },
  'zh-CN': {
    noModelJson: '请同时选择 model.json 文件和它的权重文件（.bin）。',
    missingWeights: (names: string[]) =>
      `model.json 所列的权重文件没有被选中：${names.join('、')}。请把 model.json 和它的所有 .bin 文件一起选中。`,
    tooLarge: (name: string, mb: number) =>
      `“${name}”大小为 ${mb} MB；LayerCanvas 最多导入 ${megabytes(MAX_MODEL_WEIGHTS_BYTES)} MB 的模型。`,
  },
}
const modelText = () => (document.documentElement.lang === 'zh-CN' ? MODEL_TEXT['zh-CN'] : MODEL_TEXT.en)

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Revoke later: some browsers start the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

const decodePath = (path: string): string => {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}
const lastPart = (path: string): string => path.slice(path.lastIndexOf('/') + 1)

/** The picked model.json (the one with a topology when several .json files were picked) and the weight files it names. */
async function modelFromFiles(files: File[]): Promise<OpenedModelFiles> {
  const text = modelText()
  for (const file of files) {
    const max = file.name.toLowerCase().endsWith('.json') ? MAX_MODEL_JSON_BYTES : MAX_MODEL_WEIGHTS_BYTES
    if (file.size > max) throw new Error(text.tooLarge(file.name, megabytes(file.size)))
  }
  const jsons = files.filter((f) => f.name.toLowerCase().endsWith('.json'))
  if (jsons.length === 0) throw new Error(text.noModelJson)
  let chosen = jsons[0]
  let content = await chosen.text()
  for (const candidate of jsons.slice(1)) {
    if (/"(modelTopology|class_name|model_config)"/.test(content)) break
    chosen = candidate
    content = await candidate.text()
  }
  let paths: string[] = []
  try {
    const json = JSON.parse(content.charCodeAt(0) === 0xfeff ? content.slice(1) : content) as {
      weightsManifest?: { paths?: unknown[] }[]
    }
    if (Array.isArray(json.weightsManifest)) {
      paths = json.weightsManifest
        .flatMap((group) => (Array.isArray(group?.paths) ? group.paths : []))
        .filter((p): p is string => typeof p === 'string')
    }
  } catch {
    // Not JSON: the import reports it with the parser's message.
  }
  const byName = new Map(files.map((f) => [f.name, f]))
  const weights: OpenedModelFiles['weights'] = []
  const missing: string[] = []
  let total = 0
  for (const path of [...new Set(paths)]) {
    const file = byName.get(lastPart(decodePath(path)))
    if (!file) {
      missing.push(path)
      continue
    }
    total += file.size
    if (total > MAX_MODEL_WEIGHTS_BYTES) throw new Error(text.tooLarge(file.name, megabytes(total)))
    weights.push({ path, bytes: new Uint8Array(await file.arrayBuffer()) })
  }
  if (missing.length > 0) throw new Error(text.missingWeights(missing))
  return { name: chosen.name, text: content, weights }
}

export function createWebPlatform(): Platform {
  return {
    kind: 'web',
    draftsKeepWeights: false,
    async openProjectFile(): Promise<OpenedFile | null> {
      // A plain <input type=file> rather than showOpenFilePicker: it works in every browser
      // and end-to-end tests can drive it (Playwright's file chooser).
      const file = await pickWithInput()
      return file ? readProjectFile(file) : null
    },
    async saveProjectFile(request: SaveRequest): Promise<SavedFile | null> {
      return downloadProject(request, download)
    },
    onMenuCommand: () => () => undefined,
    setWindowState({ title }) {
      document.title = title
    },
    setUiPreferences() {
      // The browser has no native chrome to update.
    },
    async openDataFile(kind): Promise<OpenedDataFile | null> {
      const accept = kind === 'csv' ? '.csv,.tsv,.txt,text/csv,text/plain' : '.txt,.md,.csv,text/plain'
      const file = (await pickFiles(accept))?.[0]
      if (!file) return null
      if (file.size > MAX_DATA_FILE_BYTES) {
        throw new Error(importText().fileTooLarge(file.name, megabytes(file.size), megabytes(MAX_DATA_FILE_BYTES)))
      }
      return { name: file.name, text: await file.text(), bytes: file.size }
    },
    async pickImageFolder(): Promise<PickedImageFolder | null> {
      const files = await pickFiles('', true)
      return files ? imageFolderFromFiles(files) : null
    },
    async saveExport({ suggestedName, files }) {
      // One zip download (the browser cannot write a folder); paths are already relative.
      const entries: Record<string, Uint8Array> = {}
      for (const file of files) entries[file.path] = typeof file.data === 'string' ? strToU8(file.data) : file.data
      const name = `${suggestedName}.zip`
      const zipped = zipSync(entries, { level: 6 })
      download(new Blob([zipped as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), name)
      return { name }
    },
    async openModelFiles() {
      const files = await pickFiles('.json,.bin,application/json,application/octet-stream', false, true)
      return files ? modelFromFiles(files) : null
    },
    async saveDraft(draft) {
      saveWebDraft(draft)
    },
    async discardDraft(draftId) {
      discardWebDraft(draftId)
    },
    async listDrafts(): Promise<DraftInfo[]> {
      return listWebDrafts()
    },
    async restoreDraft(draftId) {
      return restoreWebDraft(draftId)
    },
    async listRecentFiles() {
      return [] // a browser page cannot reopen files by path
    },
    async openRecentFile() {
      throw new Error('Recent files are available in the desktop app only.')
    },
    onOpenRecent: () => () => undefined,
  }
}
