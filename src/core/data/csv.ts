import Papa from 'papaparse'
import type { Task } from '../training/config'
import type { Dataset } from './dataset'
import { dataFailure, type DataResult } from './errors'

/**
 * CSV import. The first row names the columns; one column is the target (what to predict),
 * the others become inputs: numeric columns are kept as they are, text columns are one-hot
 * encoded (`colour=red`, `colour=blue`, …). Normalisation happens later, on the train split.
 *
 * Row numbers in messages count the lines of the file as a spreadsheet shows them: the header
 * is row 1, the first data row is row 2. Never throws on user input.
 */
export interface CsvOptions {
  /** The column to predict. */
  target: string
  /** Default: classification when the target holds text or at most 10 distinct whole numbers. */
  task?: Task
  /** Columns to one-hot encode even though they hold numbers (e.g. a numeric category code). */
  categorical?: string[]
  /** Columns to leave out (ids, free text, …). */
  ignore?: string[]
  /** Shown in the dataset's name, e.g. the file name. */
  name?: string
}

export type CsvColumnType = 'number' | 'category'

/** How each input column was encoded, so new rows can be encoded the same way for predictions. */
export interface CsvEncoding {
  inputs: ({ name: string; type: 'number' } | { name: string; type: 'category'; categories: string[] })[]
  target: { name: string; task: Task; classes?: string[] }
}

export interface CsvColumnInfo {
  name: string
  type: CsvColumnType
  /** Different non-missing values (counted up to 1,001). */
  distinct: number
  missing: number
  /** Numeric columns: every value is a whole number. */
  integer: boolean
  /** The first few different values, for the import dialog. */
  samples: string[]
  /** The task this column would give as the target. */
  taskAsTarget: Task
}

export const MAX_CATEGORIES = 100
export const MAX_CLASSES = 1000
const AUTO_CLASSIFICATION_MAX_DISTINCT = 10
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', '?'])
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

const isMissing = (cell: string) => MISSING.has(cell.trim().toLowerCase())
const isNumber = (cell: string) => NUMBER.test(cell.trim())

interface Row {
  /** Spreadsheet row number (header = 1). */
  row: number
  cells: string[]
}

interface Table {
  header: string[]
  rows: Row[]
  delimiter: string
}

function parseTable(text: string): DataResult<{ table: Table }> {
  const clean = text.replace(/^\uFEFF/, '')
  if (clean.trim().length === 0) return dataFailure('csvEmpty')
  const parsed = Papa.parse<string[]>(clean, { header: false, skipEmptyLines: false, dynamicTyping: false })
  const quote = parsed.errors.find((e) => e.type === 'Quotes')
  if (quote) return dataFailure('csvQuotes', { row: (quote.row ?? 0) + 1 })
  const all = parsed.data.map((cells, i) => ({ row: i + 1, cells }))
  const blank = (r: Row) => r.cells.every((cell) => cell.trim() === '')
  const nonBlank = all.filter((r) => !blank(r))
  if (nonBlank.length === 0) return dataFailure('csvEmpty')
  const [headerRow, ...rows] = nonBlank
  const header = headerRow.cells.map((name, i) => name.trim() || `column_${i + 1}`)
  const seen = new Set<string>()
  for (const name of header) {
    if (seen.has(name)) return dataFailure('csvDuplicateColumn', { column: name })
    seen.add(name)
  }
  if (rows.length === 0) return dataFailure('csvNoRows')
  return { ok: true, table: { header, rows, delimiter: parsed.meta.delimiter } }
}

interface ColumnScan {
  numbers: number
  present: number
  missing: number
  integer: boolean
  values: Map<string, number>
}

function scanColumn(table: Table, column: number): ColumnScan {
  const scan: ColumnScan = { numbers: 0, present: 0, missing: 0, integer: true, values: new Map() }
  for (const { cells } of table.rows) {
    const cell = cells[column]
    if (cell === undefined || isMissing(cell)) {
      scan.missing++
      continue
    }
    scan.present++
    const value = cell.trim()
    if (isNumber(value)) {
      scan.numbers++
      if (!Number.isInteger(Number(value))) scan.integer = false
    }
    if (scan.values.size <= MAX_CLASSES) scan.values.set(value, (scan.values.get(value) ?? 0) + 1)
  }
  return scan
}

/** A column is numeric when (nearly) all its values are numbers; the odd exception is reported as an error. */
function typeOf(scan: ColumnScan): CsvColumnType {
  return scan.present > 0 && scan.numbers >= 0.8 * scan.present ? 'number' : 'category'
}

function autoTask(scan: ColumnScan, type: CsvColumnType): Task {
  if (type === 'category') return 'classification'
  return scan.integer && scan.numbers === scan.present && scan.values.size <= AUTO_CLASSIFICATION_MAX_DISTINCT
    ? 'classification'
    : 'regression'
}

/** Column names, detected types and sample values, for the import dialog. */
export function describeCsvColumns(
  text: string,
): DataResult<{ columns: CsvColumnInfo[]; rows: number; delimiter: string; suggestedTarget: string }> {
  const parsed = parseTable(text)
  if (!parsed.ok) return parsed
  const { table } = parsed
  const columns = table.header.map((name, i): CsvColumnInfo => {
    const scan = scanColumn(table, i)
    const type = typeOf(scan)
    return {
      name,
      type,
      distinct: scan.values.size,
      missing: scan.missing,
      integer: type === 'number' && scan.integer,
      samples: [...scan.values.keys()].slice(0, 5),
      taskAsTarget: autoTask(scan, type),
    }
  })
  return {
    ok: true,
    columns,
    rows: table.rows.length,
    delimiter: table.delimiter,
    suggestedTarget: table.header[table.header.length - 1],
  }
}

const numericSort = (a: string, b: string) => Number(a) - Number(b)
const textSort = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true })

/** Reads a whole table into a dataset; the first problem (in file order) is reported. */
export function csvDataset(text: string, options: CsvOptions): DataResult<{ dataset: Dataset; encoding: CsvEncoding }> {
  const parsed = parseTable(text)
  if (!parsed.ok) return parsed
  const { table } = parsed
  const columnList = table.header.join(', ')
  if (!options.target) return dataFailure('csvNoTarget', { columns: columnList })
  const targetIndex = table.header.indexOf(options.target)
  if (targetIndex < 0) return dataFailure('csvUnknownTarget', { target: options.target, columns: columnList })
  for (const [option, list] of [
    ['categorical', options.categorical],
    ['ignore', options.ignore],
  ] as const) {
    const unknown = (list ?? []).find((name) => !table.header.includes(name))
    if (unknown !== undefined) return dataFailure('csvUnknownColumn', { column: unknown, option, columns: columnList })
  }
  const ignored = new Set(options.ignore ?? [])
  const forced = new Set(options.categorical ?? [])

  // Ragged rows first: every later check relies on cells lining up with the header.
  for (const { row, cells } of table.rows) {
    if (cells.length !== table.header.length) {
      return dataFailure('csvRagged', { row, got: cells.length, expected: table.header.length })
    }
  }

  const scans = table.header.map((_, i) => scanColumn(table, i))
  const types = scans.map((scan, i): CsvColumnType => (forced.has(table.header[i]) ? 'category' : typeOf(scan)))
  const inputColumns = table.header.map((_, i) => i).filter((i) => i !== targetIndex && !ignored.has(table.header[i]))
  if (inputColumns.length === 0) return dataFailure('csvNoFeatures', { target: options.target })
  const targetScan = scans[targetIndex]
  const task = options.task ?? autoTask(targetScan, types[targetIndex])

  // Cell by cell in file order, so the message names the first bad row.
  const used = [...inputColumns, targetIndex]
  for (const { row, cells } of table.rows) {
    for (const i of used) {
      const cell = cells[i]
      const column = table.header[i]
      if (isMissing(cell)) return dataFailure('csvMissing', { row, column })
      if (i === targetIndex && task === 'regression' && !isNumber(cell)) {
        return dataFailure('csvRegressionText', { row, column, got: cell.trim() })
      }
      if (types[i] === 'number' && !isNumber(cell))
        return dataFailure('csvNotNumber', { row, column, got: cell.trim() })
    }
  }

  const inputs: CsvEncoding['inputs'] = []
  const featureNames: string[] = []
  for (const i of inputColumns) {
    const name = table.header[i]
    if (types[i] === 'number') {
      inputs.push({ name, type: 'number' })
      featureNames.push(name)
      continue
    }
    if (scans[i].values.size > MAX_CATEGORIES)
      return dataFailure('csvTooManyCategories', { column: name, count: scans[i].values.size, max: MAX_CATEGORIES })
    const categories = [...scans[i].values.keys()].sort(textSort)
    inputs.push({ name, type: 'category', categories })
    for (const category of categories) featureNames.push(`${name}=${category}`)
  }

  let classes: string[] | undefined
  const key = (cell: string) => (types[targetIndex] === 'number' ? String(Number(cell.trim())) : cell.trim())
  if (task === 'classification') {
    const distinct = new Set(table.rows.map(({ cells }) => key(cells[targetIndex])))
    if (distinct.size > MAX_CLASSES)
      return dataFailure('csvTooManyClasses', { column: options.target, max: MAX_CLASSES })
    if (distinct.size < 2) return dataFailure('csvOneClass', { column: options.target, value: [...distinct][0] ?? '' })
    classes = [...distinct].sort(types[targetIndex] === 'number' ? numericSort : textSort)
  }

  const size = table.rows.length
  const width = featureNames.length
  const features = new Float32Array(size * width)
  const labels = task === 'classification' ? new Int32Array(size) : new Float32Array(size)
  const classIndex = new Map((classes ?? []).map((name, i) => [name, i]))
  const categoryIndex = inputs.map((input) =>
    input.type === 'category' ? new Map(input.categories.map((c, j) => [c, j])) : null,
  )
  table.rows.forEach(({ cells }, r) => {
    let at = r * width
    inputColumns.forEach((i, k) => {
      const cell = cells[i].trim()
      const input = inputs[k]
      if (input.type === 'number') features[at++] = Number(cell)
      else {
        features[at + categoryIndex[k]!.get(cell)!] = 1
        at += input.categories.length
      }
    })
    labels[r] = task === 'classification' ? classIndex.get(key(cells[targetIndex]))! : Number(cells[targetIndex])
  })

  const title = options.name ?? 'CSV'
  const dataset: Dataset = {
    id: 'csv',
    name: { en: `Table: ${title}`, 'zh-CN': `表格：${title}` },
    description: {
      en: `${size} rows × ${inputColumns.length} input columns (${width} numbers after one-hot encoding); predict "${options.target}" (${task === 'classification' ? `${classes!.length} classes` : 'a number'}).`,
      'zh-CN': `${size} 行 × ${inputColumns.length} 个输入列（独热编码后共 ${width} 个数）；预测“${options.target}”（${task === 'classification' ? `${classes!.length} 个类别` : '一个数值'}）。`,
    },
    task,
    inputShape: [width],
    inputDtype: 'float32',
    features,
    labels,
    targetShape: task === 'classification' ? [] : [1],
    classNames: classes,
    featureNames,
    preview: 'table',
    size,
  }
  return { ok: true, dataset, encoding: { inputs, target: { name: options.target, task, classes } } }
}
