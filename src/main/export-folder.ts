import type { OpenDialogOptions } from 'electron'
import type * as fsp from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import type { Lang } from '../core/i18n/text'
import { removeStaleTemps, tempNameFor, withTempInUse } from '../node/temp-files'
import {
  isSafeRelativePath,
  MAX_EXPORT_BYTES,
  type ExportFolderRequestDto,
  type ExportFolderResultDto,
} from '../shared/ipc-contract'
import { IpcError } from './ipc'

/**
 * Writes an export (model files, code, README) for the renderer. The renderer chooses neither
 * the folder nor any absolute path: main shows the folder dialog, and every file goes into a
 * NEW sub-folder of the chosen one. The files are first written into a hidden temporary folder
 * beside it and the folder is renamed into place when all are complete, so the user never
 * sees half an export. A crash leaves only the hidden temp folder, which is never picked up and
 * is removed by the next export of the same name into that folder (src/node/temp-files.ts).
 */

export type ExportFs = Pick<
  typeof fsp,
  'mkdir' | 'writeFile' | 'rename' | 'rm' | 'stat' | 'realpath' | 'readdir' | 'lstat' | 'unlink'
>

export interface ExportFolderDeps {
  dialog: { showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }> }
  fs: ExportFs
  getLanguage: () => Lang
  /** Folder the dialog starts in (e.g. app.getPath('documents')). */
  defaultDir?: () => string | undefined
  maxBytes?: number
}

const TEXT = {
  en: {
    title: 'Export to Folder',
    button: 'Export Here',
    message: 'A new folder with the exported files is created inside the folder you choose.',
    badPath: (path: string) => `Refused to write "${path}": export files must stay inside the export folder.`,
    tooLarge: (mb: number, max: number) => `The export is ${mb} MB; LayerCanvas writes exports up to ${max} MB.`,
    notAFolder: (path: string) => `${path} is not a folder.`,
  },
  'zh-CN': {
    title: '导出到文件夹',
    button: '导出到这里',
    message: '将在你选择的文件夹中新建一个文件夹，存放导出的文件。',
    badPath: (path: string) => `已拒绝写入“${path}”：导出的文件必须位于导出文件夹之内。`,
    tooLarge: (mb: number, max: number) => `导出内容共 ${mb} MB；LayerCanvas 最多写入 ${max} MB。`,
    notAFolder: (path: string) => `${path} 不是文件夹。`,
  },
} as const

const codeOf = (error: unknown): string | undefined => (error as { code?: string } | null)?.code
const megabytes = (bytes: number): number => Math.ceil(bytes / (1024 * 1024))
const sizeOf = (data: string | Uint8Array): number =>
  typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.byteLength

async function exists(fs: ExportFs, path: string): Promise<boolean> {
  try {
    await fs.stat(path)
    return true
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return false
    throw error
  }
}

/** True when `path` resolved against `root` stays strictly inside it. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, resolve(root, path))
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..')
}

/** `name`, or `name (2)`, `name (3)`… : the first that does not exist yet in `parent`. */
export async function freeFolderName(fs: ExportFs, parent: string, name: string): Promise<string> {
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? name : `${name} (${n})`
    if (!(await exists(fs, join(parent, candidate)))) return candidate
  }
  return `${name} ${randomBytes(4).toString('hex')}`
}

/**
 * Writes `files` into a new folder `parent/<free variant of suggestedName>` through a hidden
 * temporary folder and one rename. Throws IpcError for a path that would leave the folder.
 */
export async function writeExportFolder(
  fs: ExportFs,
  parent: string,
  request: ExportFolderRequestDto,
  options: { language?: Lang; maxBytes?: number } = {},
): Promise<ExportFolderResultDto> {
  const text = TEXT[options.language ?? 'en'] ?? TEXT.en
  const maxBytes = options.maxBytes ?? MAX_EXPORT_BYTES
  for (const name of [request.suggestedName, ...request.files.map((f) => f.path)]) {
    if (!isSafeRelativePath(name) || !isInside(parent, name)) throw new IpcError('path-not-allowed', text.badPath(name))
  }
  if (request.suggestedName.includes('/')) throw new IpcError('path-not-allowed', text.badPath(request.suggestedName))
  const total = request.files.reduce((sum, file) => sum + sizeOf(file.data), 0)
  if (total > maxBytes) throw new IpcError('file-too-large', text.tooLarge(megabytes(total), megabytes(maxBytes)))
  const info = await fs.stat(parent)
  if (!info.isDirectory()) throw new IpcError('io-error', text.notAFolder(parent))

  await removeStaleTemps(fs, parent, { names: [request.suggestedName], kind: 'folder', startedAt: Date.now() })
  const temp = join(parent, tempNameFor(request.suggestedName))
  return withTempInUse(temp, async () => {
    await fs.mkdir(temp)
    try {
      for (const file of request.files) {
        const target = join(temp, ...file.path.split('/'))
        await fs.mkdir(dirname(target), { recursive: true })
        // wx: the folder is new, so every name must be too; never write through an existing entry.
        await fs.writeFile(target, file.data, { flag: 'wx' })
      }
      // The name is chosen as late as possible; rename fails (ENOTEMPTY/EEXIST) rather than
      // merging if another program created the same folder in between, so retry with the next name.
      for (let attempt = 0; ; attempt++) {
        const name = await freeFolderName(fs, parent, request.suggestedName)
        const final = join(parent, name)
        try {
          await fs.rename(temp, final)
          return { name, path: final }
        } catch (error) {
          if (attempt >= 3 || !['EEXIST', 'ENOTEMPTY', 'EPERM'].includes(codeOf(error) ?? '')) throw error
        }
      }
    } finally {
      await fs.rm(temp, { recursive: true, force: true }).catch(() => {})
    }
  })
}

export interface ExportFolder {
  write(request: ExportFolderRequestDto): Promise<ExportFolderResultDto | null>
}

export function createExportFolder(deps: ExportFolderDeps): ExportFolder {
  return {
    async write(request) {
      const text = TEXT[deps.getLanguage()] ?? TEXT.en
      const picked = await deps.dialog.showOpenDialog({
        title: text.title,
        buttonLabel: text.button,
        message: text.message,
        defaultPath: deps.defaultDir?.(),
        properties: ['openDirectory', 'createDirectory'],
      })
      const chosen = picked.filePaths[0]
      if (picked.canceled || chosen === undefined) return null
      const parent = await deps.fs.realpath(resolve(chosen))
      return writeExportFolder(deps.fs, parent, request, { language: deps.getLanguage(), maxBytes: deps.maxBytes })
    },
  }
}
