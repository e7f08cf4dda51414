/**
 * The golden record of every template exported in every deterministic format: per file its
 * sha256 and size. The compiler seeds initial weights from the project's seed, so nothing here
 * trains or draws random numbers; a refactor of the exporters must leave this record unchanged.
 * Written by `npm run golden:update`, checked by test/unit/export/golden.test.ts.
 */
import { createHash } from 'node:crypto'
import { unzipSync } from 'fflate'
import { readdirSync, readFileSync } from 'node:fs'
import { parseProject } from '../../src/core/document/parse'
import type { ProjectDocument } from '../../src/core/document/types'
import { exportKerasFile } from '../../src/core/export/keras-file'
import { exportKeras } from '../../src/core/export/keras-python'
import { exportOnnx, ONNX_MIN_OPSET } from '../../src/core/export/onnx'
import { onnxRunFiles } from '../../src/core/export/onnx-files'
import { exportPyTorch } from '../../src/core/export/pytorch-python'
import { exportTfjs } from '../../src/core/export/tfjs'
import type { Tf } from '../../src/core/layers/kind'
import { nodeHdf5Writer } from '../../src/cli/hdf5'

export const GOLDEN_FORMATS = ['tfjs', 'onnx', 'keras', 'pytorch', 'keras-file'] as const
export type GoldenFormat = (typeof GOLDEN_FORMATS)[number]

/** A fixed version string, so metadata files do not change with package.json. */
const VERSION = '0.0.0-golden'
/** A fixed save date: a .keras file records when it was saved. */
const SAVED = new Date(2026, 0, 1, 12, 0, 0)

export const GOLDEN_FILE = new URL('./exports.json', import.meta.url)
const TEMPLATES = new URL('../../templates/', import.meta.url)

export interface FileRecord {
  sha256: string
  size: number
}
/** template file → format → file path → record; a format that refuses the template records its problems. */
export type GoldenRecord = Record<string, Record<string, Record<string, FileRecord> | { problems: string[] }>>

type Outcome =
  | { ok: true; files: Record<string, string | Uint8Array> }
  | { ok: false; problems: { nodeId: string | null; message: string }[] }

async function exportFormat(tf: Tf, doc: ProjectDocument, format: GoldenFormat): Promise<Outcome> {
  switch (format) {
    case 'tfjs':
      return exportTfjs(tf, doc, { version: VERSION })
    case 'onnx': {
      const result = await exportOnnx(tf, doc, { opset: ONNX_MIN_OPSET })
      if (!result.ok) return result
      const run = onnxRunFiles(doc, { inputs: result.inputs, outputs: result.outputs, opset: ONNX_MIN_OPSET })
      return { ok: true, files: { 'model.onnx': result.bytes, ...run } }
    }
    case 'keras':
      return exportKeras(tf, doc)
    case 'pytorch':
      return exportPyTorch(tf, doc)
    case 'keras-file':
      return exportKerasFile(tf, doc, nodeHdf5Writer(), { version: VERSION, now: SAVED })
  }
}

function record(data: string | Uint8Array): FileRecord {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data
  return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.byteLength }
}

export function templateNames(): string[] {
  return readdirSync(TEMPLATES)
    .filter((name) => name.endsWith('.json'))
    .sort()
}

export function loadTemplate(name: string): ProjectDocument {
  const parsed = parseProject(JSON.parse(readFileSync(new URL(name, TEMPLATES), 'utf8')))
  if (!parsed.ok) throw new Error(`template ${name} does not parse`)
  return parsed.document
}

/** The record of one template in one format. */
export async function goldenOf(tf: Tf, template: string, format: GoldenFormat): Promise<GoldenRecord[string][string]> {
  const outcome = await exportFormat(tf, loadTemplate(template), format)
  if (!outcome.ok) return { problems: outcome.problems.map((p) => `${p.nodeId ?? '-'}: ${p.message}`) }
  const files: Record<string, FileRecord> = {}
  for (const path of Object.keys(outcome.files).sort()) {
    const data = outcome.files[path]
    // A zip stamps each entry with the time it was written: record the entries, not the archive.
    if (path.endsWith('.keras') && typeof data !== 'string') {
      const entries = unzipSync(data)
      for (const entry of Object.keys(entries).sort()) {
        // HDF5 stamps its objects with the time of writing too: of the weights file, the size only.
        const entryRecord = record(entries[entry])
        const unstamped = { sha256: 'not recorded (HDF5 records times)', size: entryRecord.size }
        files[`${path}/${entry}`] = entry.endsWith('.h5') ? unstamped : entryRecord
      }
    } else files[path] = record(data)
  }
  return files
}

export async function computeGolden(tf: Tf): Promise<GoldenRecord> {
  const all: GoldenRecord = {}
  for (const template of templateNames()) {
    all[template] = {}
    for (const format of GOLDEN_FORMATS) all[template][format] = await goldenOf(tf, template, format)
  }
  return all
}
