import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { exportTfjs, type TfjsModelJson } from '../../../src/core/export/tfjs'
import { importLayersModel, type ImportResult } from '../../../src/core/import/tfjs-model'
import { loadTemplate } from '../helpers'
import { tfjs as tf } from '../tf'
import { CUSTOM_GRAPHS, withTrainedWeights } from '../export/file-export-helpers'
import { encodeProjectFile, joinParts, parseProjectFile } from '../../../src/core/document/project-file'

/**
 * The importer never throws, whatever it is given: random JSON, real model.json files with
 * random parts replaced or removed, and weights cut at random lengths. When it does accept
 * something, the result is a valid project.
 */

const real: { name: string; json: TfjsModelJson; bin: Uint8Array }[] = []

beforeAll(async () => {
  for (const [name, doc] of [
    ['lenet5', loadTemplate('lenet5')],
    ['attention', CUSTOM_GRAPHS.attention()],
    ['recurrent', CUSTOM_GRAPHS.recurrent()],
  ] as const) {
    const result = await exportTfjs(tf, await withTrainedWeights(doc))
    if (!result.ok) throw new Error('export failed')
    real.push({
      name,
      json: JSON.parse(result.files['model.json'] as string),
      bin: result.files['weights.bin'] as Uint8Array,
    })
  }
})

function check(result: ImportResult): void {
  if (result.ok) {
    // Through the real file form (a container when the import brought weights).
    const file = encodeProjectFile(result.document)
    expect(file.ok).toBe(true)
    const reparsed = file.ok ? parseProjectFile(joinParts(file.parts)) : null
    expect(reparsed?.ok).toBe(true)
  } else {
    expect(typeof result.error).toBe('string')
    expect(result.error.length).toBeGreaterThan(0)
  }
}

/** Every path (array of keys) to a value inside `value`. */
function paths(
  value: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix)
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out))
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out)
  return out
}

/** A copy of `root` with the value at `path` replaced (or deleted when `replacement` is undefined). */
function mutate(root: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement
  const copy = structuredClone(root) as Record<string | number, unknown>
  let at = copy
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>
  const last = path[path.length - 1]
  if (replacement === undefined) {
    if (Array.isArray(at)) at.splice(last as number, 1)
    else delete at[last]
  } else at[last] = replacement
  return copy
}

describe('importLayersModel never throws', () => {
  it('on random JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => check(importLayersModel(json))),
      { numRuns: 500 },
    )
  })

  it('on random JSON shaped like a model', () => {
    const layer = fc.record({
      class_name: fc.constantFrom(
        'InputLayer',
        'Dense',
        'Conv2D',
        'LSTM',
        'Bidirectional',
        'Add',
        'Concatenate',
        'Reshape',
        'Whatever',
      ),
      name: fc.string({ maxLength: 4 }),
      config: fc.dictionary(
        fc.constantFrom(
          'units',
          'batch_input_shape',
          'kernel_size',
          'layer',
          'activation',
          'target_shape',
          'axis',
          'name',
        ),
        fc.jsonValue(),
      ),
      inbound_nodes: fc.jsonValue(),
    })
    fc.assert(
      fc.property(
        fc.constantFrom('Model', 'Functional', 'Sequential'),
        fc.array(layer, { maxLength: 8 }),
        fc.jsonValue(),
        (className, layers, outputs) =>
          check(
            importLayersModel({
              class_name: className,
              config: { name: 'm', layers, input_layers: [], output_layers: outputs },
            }),
          ),
      ),
      { numRuns: 400 },
    )
  })

  it('on real model.json files with a part replaced or removed', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.nat(),
        fc.option(fc.jsonValue(), { nil: undefined }),
        fc.boolean(),
        (which, where, replacement, withWeights) => {
          const { json, bin } = real[which % real.length]
          const all = paths(json).filter((p) => p[0] !== 'weightsManifest' || p.length < 5)
          const mutated = mutate(json, all[where % all.length], replacement) as TfjsModelJson
          const specs = (mutated as { weightsManifest?: { weights?: unknown }[] })?.weightsManifest?.[0]?.weights
          check(importLayersModel(mutated, withWeights ? { specs, data: bin } : undefined))
        },
      ),
      { numRuns: 400 },
    )
  })

  it('on truncated or padded weights (and refuses them)', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: -4096, max: 64 }), (which, delta) => {
        const { json, bin } = real[which % real.length]
        const length = Math.max(0, bin.length + delta)
        const data = new Uint8Array(length)
        data.set(bin.subarray(0, Math.min(length, bin.length)))
        const result = importLayersModel(json, { specs: json.weightsManifest[0].weights, data })
        check(result)
        expect(result.ok).toBe(delta === 0 || length === bin.length)
      }),
      { numRuns: 200 },
    )
  })

  it('on weight manifests with random entries', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 6 }), fc.uint8Array({ maxLength: 256 }), (specs, data) => {
        check(importLayersModel(real[0].json, { specs, data }))
      }),
      { numRuns: 300 },
    )
  })
})
