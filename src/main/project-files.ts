import type { OpenDialogOptions, SaveDialogOptions } from 'electron'
import type * as fsp from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import type { Lang } from '../core/i18n/text'
import { MAX_PROJECT_BYTES, type OpenedFileDto, type SavedFileDto, type SaveRequestDto } from '../shared/ipc-contract'
import { BackupNotAFileError, writeFileAtomic, type AtomicFs } from '../node/atomic-write'
import { IpcError } from './ipc'

/**
 * Opening and saving project files for the renderer. The renderer never chooses a path on its
 * own: main writes only to paths the user picked in a native dialog or opened ("blessed"
 * paths, the drawio-desktop rule), canonicalised with realpath so a symlink or `..` cannot
 * smuggle another target in. A compromised page can therefore not overwrite arbitrary files.
 */

export interface DialogLike {
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>
}

export type ProjectFs = AtomicFs & Pick<typeof fsp, 'readFile' | 'realpath'>

export interface ProjectFilesDeps {
  dialog: DialogLike
  fs: ProjectFs
  /** The UI language, for dialog titles and error messages. */
  getLanguage: () => Lang
  /** Folder the save dialog starts in for a new document (e.g. app.getPath('documents')). */
  defaultDir?: () => string | undefined
  /** Largest project file opened or saved (default: the size policy's MAX_PROJECT_FILE_BYTES). */
  maxBytes?: number
}

const TEXT = {
  en: {
    openTitle: 'Open Project',
    saveTitle: 'Save Project',
    filter: 'LayerCanvas project',
    all: 'All files',
    tooLarge: (name: string, mb: number, max: number) =>
      `"${name}" is ${mb} MB; LayerCanvas opens project files up to ${max} MB.`,
    notAFile: (name: string) => `"${name}" is not a file.`,
    notAllowed: (path: string) =>
      `LayerCanvas may only save to a file you chose or opened. Use Save As… to pick a location for ${path}.`,
    backupNotAFile: (path: string) =>
      `Not saved: LayerCanvas keeps the previous version as ${path}, but something that is not a file (a folder?) has that name. Move or rename it, then save again.`,
  },
  'zh-CN': {
    openTitle: '打开项目',
    saveTitle: '保存项目',
    filter: 'LayerCanvas 项目',
    all: '所有文件',
    tooLarge: (name: string, mb: number, max: number) =>
      `“${name}”大小为 ${mb} MB；LayerCanvas 只能打开不超过 ${max} MB 的项目文件。`,
    notAFile: (name: string) => `“${name}”不是文件。`,
    notAllowed: (path: string) => `LayerCanvas 只能保存到你选择或打开过的文件。请使用“另存为…”为 ${path} 选择位置。`,
    backupNotAFile: (path: string) =>
      `未保存：LayerCanvas 会把上一版本保留为 ${path}，但该名称已被非文件（例如文件夹）占用。请移走或重命名它，然后再保存。`,
  },
} as const

/** The two project extensions a save may switch between. */
const PROJECT_NAME = /\.layercanvas(\.json)?$/i

const codeOf = (error: unknown): string | undefined => (error as { code?: string } | null)?.code
const megabytes = (bytes: number): number => Math.ceil(bytes / (1024 * 1024))

export interface ProjectFiles {
  open(): Promise<OpenedFileDto | null>
  /** Reads a project at a path main already trusts (the recent-files list) and blesses it for saving. */
  openPath(path: string): Promise<OpenedFileDto>
  save(request: SaveRequestDto): Promise<SavedFileDto | null>
  /** Allows writing to a path chosen outside a dialog by the user (file association, argv). */
  bless(path: string): Promise<string>
  isBlessed(path: string): Promise<boolean>
}

export function createProjectFiles(deps: ProjectFilesDeps): ProjectFiles {
  const { dialog, fs } = deps
  const maxBytes = deps.maxBytes ?? MAX_PROJECT_BYTES
  const blessed = new Set<string>()
  const text = () => TEXT[deps.getLanguage()] ?? TEXT.en
  const filters = () => [
    // .layercanvas: a container with binary weights; .layercanvas.json (and older .json): plain JSON.
    { name: text().filter, extensions: ['layercanvas', 'json'] },
    { name: text().all, extensions: ['*'] },
  ]

  /** realpath for files that exist; for a new file, realpath of its folder plus its name. */
  async function canonical(path: string): Promise<string> {
    const absolute = resolve(path)
    try {
      return await fs.realpath(absolute)
    } catch (error) {
      if (codeOf(error) !== 'ENOENT') throw error
      const dir = await fs.realpath(dirname(absolute))
      return join(dir, basename(absolute))
    }
  }

  async function bless(path: string): Promise<string> {
    const real = await canonical(path)
    blessed.add(real)
    return real
  }

  async function isBlessed(path: string): Promise<boolean> {
    try {
      return blessed.has(await canonical(path))
    } catch {
      return false // a folder that no longer exists cannot be a blessed target either
    }
  }

  /**
   * A project that gained (or lost) weights is saved beside its file under the other extension
   * (`x.layercanvas.json` → `x.layercanvas`): never a zip inside a .json file. The renderer picks
   * that name (save-target.ts); main allows it only next to a file the user chose, with the same
   * stem and a project extension, so a page can still write nowhere else.
   */
  async function isBlessedOrSibling(path: string): Promise<boolean> {
    if (await isBlessed(path)) return true
    const name = basename(path)
    if (!PROJECT_NAME.test(name)) return false
    const stem = name.replace(PROJECT_NAME, '')
    const dir = dirname(path)
    let besideChosen = false
    for (const extension of ['.layercanvas', '.layercanvas.json', '.json']) {
      if (await isBlessed(join(dir, stem + extension))) besideChosen = true
    }
    if (!besideChosen) return false
    // The sibling itself must not be a link elsewhere: it is written where its name says.
    try {
      return (await canonical(path)) === join(await fs.realpath(dirname(resolve(path))), name)
    } catch {
      return false
    }
  }

  async function open(): Promise<OpenedFileDto | null> {
    const picked = await dialog.showOpenDialog({
      title: text().openTitle,
      properties: ['openFile'],
      filters: filters(),
    })
    const chosen = picked.filePaths[0]
    if (picked.canceled || chosen === undefined) return null
    return openPath(chosen)
  }

  async function openPath(path: string): Promise<OpenedFileDto> {
    const real = await canonical(path)
    const name = basename(real)
    const info = await fs.stat(real)
    if (!info.isFile()) throw new IpcError('io-error', text().notAFile(name))
    if (info.size > maxBytes) {
      throw new IpcError('file-too-large', text().tooLarge(name, megabytes(info.size), megabytes(maxBytes)))
    }
    // Bytes, not text: a container's weights never pass through a string (parseProjectFile sniffs the form).
    const content = await fs.readFile(real)
    blessed.add(real)
    return { name, path: real, bytes: new Uint8Array(content.buffer, content.byteOffset, content.byteLength) }
  }

  async function save(request: SaveRequestDto): Promise<SavedFileDto | null> {
    let target: string
    if (request.saveAs || request.path === undefined) {
      const dir = deps.defaultDir?.()
      const start = request.path ?? (dir ? join(dir, request.suggestedName) : request.suggestedName)
      const picked = await dialog.showSaveDialog({ title: text().saveTitle, defaultPath: start, filters: filters() })
      if (picked.canceled || !picked.filePath) return null
      target = await bless(picked.filePath)
    } else {
      if (!(await isBlessedOrSibling(request.path)))
        throw new IpcError('path-not-allowed', text().notAllowed(request.path))
      target = await bless(request.path)
    }
    const bytes = request.parts.reduce((n, part) => n + part.byteLength, 0)
    if (bytes > maxBytes) {
      throw new IpcError('file-too-large', text().tooLarge(basename(target), megabytes(bytes), megabytes(maxBytes)))
    }
    try {
      // The parts are streamed to a temp file in the same folder, fsynced, then renamed over the target.
      await writeFileAtomic(fs, target, request.parts)
    } catch (error) {
      if (error instanceof BackupNotAFileError) throw new IpcError('io-error', text().backupNotAFile(error.backupPath))
      throw error
    }
    return { name: basename(target), path: target }
  }

  return { open, openPath, save, bless, isBlessed }
}
