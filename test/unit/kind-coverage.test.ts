import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { ProjectDocument } from '../../src/core/document/types'
import { ONNX_CONVERTERS } from '../../src/core/export/onnx/table'
import { KERAS_IMPORT_CLASSES } from '../../src/core/import/keras-classes'
import { mapLayer } from '../../src/core/import/keras-layers'
import { isNoEntry } from '../../src/core/layers/format-table'
import { KIND_IDS, type KindId } from '../../src/core/layers/registry'
import { loadTemplate } from './helpers'
import { CUSTOM_GRAPHS } from './export/file-export-helpers'
import { pythonCases } from './export/python-cases'

/**
 * Every layer kind is tested in every format, or the format says why it has no entry
 * (`unsupported('because …')` in its table). The conformance suite (layer-conformance.test.ts)
 * fails on its own for a kind without cases; this file checks the export and import suites.
 */
const kindsOf = (docs: ProjectDocument[]) => new Set(docs.flatMap((doc) => doc.nodes.map((node) => node.kind)))

describe('every kind has test cases in every format, or an explicit "unsupported because …"', () => {
  it('ONNX: each kind with a converter is used in a graph of onnx.test.ts', () => {
    // The ONNX suite builds its graphs inline, so it is read as text: a kind is used where its id is quoted.
    const source = readFileSync(new URL('./export/onnx.test.ts', import.meta.url), 'utf8')
    const missing = KIND_IDS.filter((id) => !isNoEntry(ONNX_CONVERTERS[id]) && !source.includes(`'${id}'`))
    expect(missing, 'kinds with an ONNX converter but no case in test/unit/export/onnx.test.ts').toEqual([])
  })

  it('PyTorch and Keras code: each kind is in the Python export cases (python-cases.ts)', () => {
    const used = kindsOf(Object.values(pythonCases()))
    expect(
      KIND_IDS.filter((id) => !used.has(id)),
      'kinds missing from test/unit/export/python-cases.ts',
    ).toEqual([])
  })

  it('import: each kind with Keras class names is in the export → import round trips', () => {
    const roundTrips = [
      loadTemplate('mlp-mnist'),
      loadTemplate('lenet5'),
      ...Object.values(CUSTOM_GRAPHS).map((make) => make()),
    ]
    const used = kindsOf(roundTrips)
    const missing = KIND_IDS.filter((id) => !isNoEntry(KERAS_IMPORT_CLASSES[id]) && !used.has(id))
    expect(missing, 'kinds missing from CUSTOM_GRAPHS (test/unit/export/file-export-helpers.ts)').toEqual([])
  })

  it('import: the importer knows every class name of the table', () => {
    const unknown: string[] = []
    for (const id of KIND_IDS) {
      const names = KERAS_IMPORT_CLASSES[id]
      if (isNoEntry(names)) continue
      for (const className of names) {
        const result = mapLayer(className, {}, { consumers: [], inputs: 1 })
        if ('reason' in result && /has no layer of this class/.test(result.reason)) unknown.push(`${id}: ${className}`)
      }
    }
    expect(unknown).toEqual([])
  })

  it('every NoEntry gives its reason', () => {
    const tables: Record<string, Readonly<Record<KindId, unknown>>> = {
      onnx: ONNX_CONVERTERS,
      import: KERAS_IMPORT_CLASSES,
    }
    for (const [name, table] of Object.entries(tables)) {
      for (const id of KIND_IDS) {
        const entry = table[id]
        if (isNoEntry(entry)) expect(entry.unsupported.length, `${name}.${id}`).toBeGreaterThan(10)
      }
    }
  })
})
