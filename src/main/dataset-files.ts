import type { OpenDialogOptions } from 'electron'
import type * as fsp from 'node:fs/promises'
import { basename, extname, join, relative, resolve, sep } from 'node:path'
import type { Lang } from '../core/i18n/text'
import {
  IMAGE_FILE_EXTENSIONS,
  MAX_DATA_FILE_BYTES,
  MAX_IMAGE_FOLDER_BYTES,
  MAX_IMAGE_FOLDER_FILES,
  type DataFileKind,
  type ImageFolderDto,
  type OpenedDataFileDto,
} from '../shared/ipc-contract'
import { IpcError } from './ipc'

/**
 * Files the Data panel imports: a CSV table, a plain text, or a folder of pictures with one
 * sub-folder per class (the Keras image_dataset_from_directory layout). Only what the user
 * picked in a native dialog is read, and only reads: nothing here writes. Sizes are checked
 * before anything is read, so a mistaken pick (a video folder, a 2 GB log) fails with a message
 * instead of freezing the app. Symbolic links inside a picked folder are not followed.
 */

export interface DatasetDialogLike {
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>
}

export type DatasetFs = Pick<typeof fsp, 'readFile' | 'readdir' | 'stat' | 'realpath'>

export interface DatasetFilesDeps {
  dialog: DatasetDialogLike
  fs: DatasetFs
  getLanguage: () => Lang
  maxFileBytes?: number
  maxFolderBytes?: number
  maxFolderFiles?: number
}

const TEXT = {
  en: {
    csvTitle: 'Import a CSV table',
    textTitle: 'Import a text file',
    folderTitle: 'Choose a folder with one sub-folder of pictures per class',
    csv: 'CSV tables',
    text: 'Text files',
    all: 'All files',
    notAFile: (name: string) => `"${name}" is not a file.`,
    fileTooLarge: (name: string, mb: number, max: number) =>
      `"${name}" is ${mb} MB; LayerCanvas imports data files up to ${max} MB. Use a smaller sample of the data.`,
    tooManyPictures: (name: string, count: number, max: number) =>
      `"${name}" holds ${count.toLocaleString('en')} pictures; LayerCanvas imports at most ${max.toLocaleString('en')}. Use a smaller selection.`,
    folderTooLarge: (name: string, mb: number, max: number) =>
      `The pictures in "${name}" take ${mb} MB; LayerCanvas imports at most ${max} MB. Use fewer or smaller pictures.`,
  },
  'zh-CN': {
    csvTitle: '导入 CSV 表格',
    textTitle: '导入文本文件',
    folderTitle: '选择一个文件夹（每个类别一个子文件夹，里面放图片）',
    csv: 'CSV 表格',
    text: '文本文件',
    all: '所有文件',
    notAFile: (name: string) => `“${name}”不是文件。`,
    fileTooLarge: (name: string, mb: number, max: number) =>
      `“${name}”大小为 ${mb} MB；LayerCanvas 只能导入不超过 ${max} MB 的数据文件。请使用数据的一个较小子集。`,
    tooManyPictures: (name: string, count: number, max: number) =>
      `“${name}”中有 ${count} 张图片；LayerCanvas 最多导入 ${max} 张。请选用较少的图片。`,
    folderTooLarge: (name: string, mb: number, max: number) =>
      `“${name}”中的图片共 ${mb} MB；LayerCanvas 最多导入 ${max} MB。请使用更少或更小的图片。`,
  },
} as const

const megabytes = (bytes: number): number => Math.ceil(bytes / (1024 * 1024))
const PICTURE = new Set<string>(IMAGE_FILE_EXTENSIONS)
const isPicture = (name: string) => PICTURE.has(extname(name).slice(1).toLowerCase())
const hidden = (name: string) => name.startsWith('.') || name === '__MACOSX' || name === 'Thumbs.db'
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

export interface DatasetFiles {
  openFile(kind: DataFileKind): Promise<OpenedDataFileDto | null>
  pickImageFolder(): Promise<ImageFolderDto | null>
}

interface Found {
  path: string
  /** Path inside the class folder, with '/' separators. */
  name: string
  size: number
}

export function createDatasetFiles(deps: DatasetFilesDeps): DatasetFiles {
  const { dialog, fs } = deps
  const maxFileBytes = deps.maxFileBytes ?? MAX_DATA_FILE_BYTES
  const maxFolderBytes = deps.maxFolderBytes ?? MAX_IMAGE_FOLDER_BYTES
  const maxFolderFiles = deps.maxFolderFiles ?? MAX_IMAGE_FOLDER_FILES
  const text = () => TEXT[deps.getLanguage()] ?? TEXT.en

  async function openFile(kind: DataFileKind): Promise<OpenedDataFileDto | null> {
    const t = text()
    const filters =
      kind === 'csv'
        ? [
            { name: t.csv, extensions: ['csv', 'tsv', 'txt'] },
            { name: t.all, extensions: ['*'] },
          ]
        : [
            { name: t.text, extensions: ['txt', 'md', 'csv'] },
            { name: t.all, extensions: ['*'] },
          ]
    const picked = await dialog.showOpenDialog({
      title: kind === 'csv' ? t.csvTitle : t.textTitle,
      properties: ['openFile'],
      filters,
    })
    const chosen = picked.filePaths[0]
    if (picked.canceled || chosen === undefined) return null
    const real = await fs.realpath(resolve(chosen))
    const name = basename(real)
    const info = await fs.stat(real)
    if (!info.isFile()) throw new IpcError('io-error', t.notAFile(name))
    if (info.size > maxFileBytes)
      throw new IpcError('file-too-large', t.fileTooLarge(name, megabytes(info.size), megabytes(maxFileBytes)))
    const content = await fs.readFile(real, 'utf8')
    return { name, path: real, text: content, bytes: info.size }
  }

  /** Every picture under `dir` (recursively, like Keras), symlinks and hidden files skipped. */
  async function collect(dir: string, root: string, out: Found[], skipped: { count: number }): Promise<void> {
    const entries = await fs.readdir(dir, { withFileTypes: true })
    for (const entry of entries.sort((a, b) => byName(a.name, b.name))) {
      if (hidden(entry.name)) continue
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await collect(path, root, out, skipped)
      else if (entry.isFile()) {
        if (!isPicture(entry.name)) {
          skipped.count++
          continue
        }
        out.push({ path, name: relative(root, path).split(sep).join('/'), size: 0 })
      }
    }
  }

  async function pickImageFolder(): Promise<ImageFolderDto | null> {
    const t = text()
    const picked = await dialog.showOpenDialog({ title: t.folderTitle, properties: ['openDirectory'] })
    const chosen = picked.filePaths[0]
    if (picked.canceled || chosen === undefined) return null
    const root = await fs.realpath(resolve(chosen))
    const name = basename(root) || root
    const skipped = { count: 0 }
    const entries = await fs.readdir(root, { withFileTypes: true })
    const classDirs = entries
      .filter((entry) => entry.isDirectory() && !hidden(entry.name))
      .map((entry) => entry.name)
      .sort(byName)
    // Files directly in the picked folder belong to no class: counted as skipped.
    skipped.count += entries.filter((entry) => entry.isFile() && !hidden(entry.name)).length

    const found: { name: string; files: Found[] }[] = []
    let count = 0
    for (const className of classDirs) {
      const files: Found[] = []
      await collect(join(root, className), join(root, className), files, skipped)
      count += files.length
      if (count > maxFolderFiles) throw new IpcError('file-too-large', t.tooManyPictures(name, count, maxFolderFiles))
      found.push({ name: className, files })
    }
    let total = 0
    for (const group of found) {
      for (const file of group.files) {
        file.size = (await fs.stat(file.path)).size
        total += file.size
      }
    }
    if (total > maxFolderBytes)
      throw new IpcError('file-too-large', t.folderTooLarge(name, megabytes(total), megabytes(maxFolderBytes)))

    const classes: ImageFolderDto['classes'] = []
    for (const group of found) {
      const files: ImageFolderDto['classes'][number]['files'] = []
      for (const file of group.files) {
        const bytes = await fs.readFile(file.path)
        files.push({ name: file.name, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) })
      }
      classes.push({ name: group.name, files })
    }
    return { name, path: root, classes, skipped: skipped.count }
  }

  return { openFile, pickImageFolder }
}
