import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { tfjs } from './tf'
import { LAYER_KINDS, getLayerKind } from '../../src/core/layers/registry'
import type { AnyLayerKind, ParamCount, ShapeResult, SymbolicTensor, TfLayer } from '../../src/core/layers/kind'
import { checkParam, defaultParams, type ParamSpec } from '../../src/core/params/schema'
import { DIAGNOSTIC_MESSAGES } from '../../src/core/i18n/diagnostics'
import { LANGS } from '../../src/core/i18n/text'
import type { Dim, Shape } from '../../src/core/shapes/shape'

/**
 * Every layer kind must agree with tfjs: the shape the core infers equals the symbolic output
 * shape tfjs computes, and the param count equals countParams() with the same trainable split.
 * The compiler trusts inferShape/paramCount, so a disagreement here is a bug users would see.
 */

type Params = Record<string, unknown>
interface Case {
  inputs: Shape[]
  params?: Params
}

/** Hand-picked cases per kind id. A kind in the registry without cases fails the suite. */
const CASES: Record<string, Case[]> = {
  input: [
    { inputs: [] },
    { inputs: [], params: { mode: 'image', height: 32, width: 16, channels: 3 } },
    { inputs: [], params: { mode: 'vector', size: 10 } },
    { inputs: [], params: { mode: 'sequence', timesteps: 5, features: 3 } },
    { inputs: [], params: { mode: 'tokens', length: 12 } },
  ],
  dense: [
    { inputs: [[784]] },
    { inputs: [[10]], params: { units: 3, useBias: false, activation: 'softmax' } },
    { inputs: [[5, 8]], params: { units: 4 } },
    { inputs: [[null, 6]], params: { units: 2, activation: 'linear' } },
  ],
  activation: [
    ...['relu', 'leakyRelu', 'elu', 'selu', 'gelu', 'swish', 'sigmoid', 'tanh', 'softmax', 'linear'].map(
      (activation) => ({
        inputs: [[4, 3]],
        params: { activation },
      }),
    ),
    { inputs: [[5]], params: { activation: 'leakyRelu', alpha: 0.1 } },
    { inputs: [[2, 3, 4]], params: { activation: 'softmax' } },
  ],
  dropout: [
    { inputs: [[10]] },
    { inputs: [[4, 4, 3]], params: { rate: 0 } },
    { inputs: [[null, 5]], params: { rate: 0.99 } },
  ],
  flatten: [{ inputs: [[4, 4, 3]] }, { inputs: [[7]] }, { inputs: [[2, 3, 4, 5]] }, { inputs: [[2, 3]] }],
  reshape: [
    { inputs: [[784]], params: { targetShape: [28, 28, 1] } },
    { inputs: [[12]], params: { targetShape: [3, -1] } },
    { inputs: [[4, 4, 3]], params: { targetShape: [-1] } },
    { inputs: [[2, 3, 4]], params: { targetShape: [4, -1, 2, 1] } },
    { inputs: [[6, 4]], params: { targetShape: [24] } },
  ],
  embedding: [
    { inputs: [[10]] },
    { inputs: [[null]], params: { inputDim: 50, outputDim: 8 } },
    { inputs: [[1]], params: { inputDim: 1, outputDim: 1 } },
  ],
  conv1d: [
    { inputs: [[10, 3]] },
    { inputs: [[10, 3]], params: { filters: 4, kernelSize: 3, strides: 2, padding: 'same' } },
    { inputs: [[9, 2]], params: { filters: 2, kernelSize: 4, strides: 3, padding: 'valid' } },
    { inputs: [[null, 5]], params: { kernelSize: 2, strides: 2 } },
    { inputs: [[3, 3]], params: { kernelSize: 3 } },
    { inputs: [[5, 2]], params: { kernelSize: 7, padding: 'same', useBias: false } },
  ],
  conv2d: [
    { inputs: [[28, 28, 1]] },
    { inputs: [[7, 5, 3]], params: { kernelSize: [3, 2], strides: [2, 3], padding: 'same' } },
    { inputs: [[7, 5, 3]], params: { kernelSize: [3, 2], strides: [2, 3], padding: 'valid' } },
    { inputs: [[null, null, 3]], params: { strides: [2, 2] } },
    { inputs: [[3, 3, 2]], params: { kernelSize: [3, 3], useBias: false } },
    { inputs: [[2, 2, 1]], params: { kernelSize: [5, 5], padding: 'same' } },
  ],
  conv2dTranspose: [
    { inputs: [[7, 7, 8]] },
    { inputs: [[7, 5, 2]], params: { kernelSize: [3, 2], strides: [2, 3], padding: 'same' } },
    { inputs: [[7, 5, 2]], params: { kernelSize: [3, 2], strides: [2, 3], padding: 'valid' } },
    { inputs: [[4, 4, 1]], params: { kernelSize: [1, 1], strides: [3, 3], padding: 'valid' } },
    { inputs: [[null, 6, 2]], params: { strides: [1, 1], padding: 'valid', useBias: false } },
  ],
  depthwiseConv2d: [
    { inputs: [[28, 28, 3]] },
    { inputs: [[7, 5, 3]], params: { kernelSize: [3, 2], strides: [2, 3], padding: 'same', depthMultiplier: 2 } },
    { inputs: [[7, 5, 3]], params: { kernelSize: [3, 2], strides: [2, 3], padding: 'valid', useBias: false } },
    { inputs: [[null, null, 4]], params: { strides: [2, 2], depthMultiplier: 3 } },
    { inputs: [[2, 2, 1]], params: { kernelSize: [5, 5], padding: 'same' } },
  ],
  separableConv2d: [
    { inputs: [[28, 28, 3]] },
    { inputs: [[7, 5, 3]], params: { filters: 5, kernelSize: [3, 2], strides: [2, 3], padding: 'same' } },
    { inputs: [[7, 5, 3]], params: { filters: 2, depthMultiplier: 2, padding: 'valid', useBias: false } },
    { inputs: [[null, null, 4]], params: { filters: 6, strides: [2, 2], depthMultiplier: 3 } },
  ],
  cappedRelu: [
    { inputs: [[10]] },
    { inputs: [[5, 5, 3]], params: { maxValue: 1.5 } },
    { inputs: [[null, 4]], params: { maxValue: 20 } },
    { inputs: [[6, 6, 2]], params: { maxValue: 6, threshold: 0.5, negativeSlope: 0.1 } },
    { inputs: [[7]], params: { capped: false, threshold: 1 } },
    { inputs: [[null, 3]], params: { capped: false, negativeSlope: 0.3 } },
  ],
  zeroPadding2d: [
    { inputs: [[4, 4, 3]] },
    { inputs: [[5, 3, 2]], params: { padding: [0, 0, 2, 2] } },
    { inputs: [[null, 3, 1]], params: { padding: [3, 3, 0, 0] } },
    { inputs: [[7, 7, 2]], params: { padding: [0, 1, 0, 1] } },
    { inputs: [[3, 5, 1]], params: { padding: [2, 0, 1, 3] } },
  ],
  cropping2d: [
    { inputs: [[4, 4, 3]] },
    { inputs: [[6, 5, 2]], params: { cropping: [0, 1, 0, 1] } },
    { inputs: [[9, 8, 1]], params: { cropping: [2, 3, 0, 4] } },
    { inputs: [[3, 6, 2]], params: { cropping: [1, 1, 2, 2] } },
  ],
  upSampling2d: [
    { inputs: [[7, 7, 3]] },
    { inputs: [[4, 5, 2]], params: { size: [2, 3], interpolation: 'bilinear' } },
    { inputs: [[null, 3, 1]], params: { size: [1, 4] } },
  ],
  maxPool2d: poolCases(),
  avgPool2d: poolCases(),
  globalAvgPool2d: [{ inputs: [[7, 7, 64]] }, { inputs: [[1, 1, 3]] }, { inputs: [[null, null, 5]] }],
  globalMaxPool2d: [{ inputs: [[7, 7, 64]] }, { inputs: [[1, 1, 3]] }, { inputs: [[null, null, 5]] }],
  globalAvgPool1d: [{ inputs: [[10, 16]] }, { inputs: [[1, 3]] }, { inputs: [[null, 5]] }],
  globalMaxPool1d: [{ inputs: [[10, 16]] }, { inputs: [[1, 3]] }, { inputs: [[null, 5]] }],
  batchNormalization: normCases(),
  layerNormalization: normCases(),
  simpleRnn: rnnCases(),
  lstm: rnnCases(),
  gru: rnnCases(),
  bidirectional: [
    { inputs: [[10, 3]] },
    ...(['lstm', 'gru', 'simpleRnn'] as const).flatMap((cell) =>
      (['concat', 'sum', 'mul', 'ave'] as const).map((mergeMode, i) => ({
        inputs: [[i % 2 ? null : 6, 3]],
        params: { cell, mergeMode, units: 4, returnSequences: i % 2 === 0 },
      })),
    ),
  ],
  multiHeadAttention: [
    { inputs: [[10, 16]] },
    { inputs: [[6, 8]], params: { numHeads: 2, keyDim: 4 } },
    {
      inputs: [
        [6, 8],
        [5, 12],
      ],
      params: { numHeads: 3, keyDim: 2 },
    },
    { inputs: [[null, 8]], params: { numHeads: 1, keyDim: 8, causal: true } },
    {
      inputs: [
        [4, 6],
        [null, 3],
      ],
      params: { numHeads: 2, keyDim: 3, useBias: false, dropout: 0.1 },
    },
  ],
  positionalEmbedding: [
    { inputs: [[10, 16]] },
    { inputs: [[null, 6]] },
    { inputs: [[1, 4]], params: { mode: 'learned', maxLength: 1 } },
    { inputs: [[32, 8]], params: { mode: 'learned', maxLength: 40 } },
    { inputs: [[null, 8]], params: { mode: 'learned', maxLength: 16 } },
  ],
  add: [
    { inputs: [[4], [4]] },
    {
      inputs: [
        [3, 4],
        [3, 4],
        [3, 4],
      ],
    },
    {
      inputs: [
        [2, 2, 3],
        [2, 2, 3],
      ],
    },
    {
      inputs: [
        [null, 4],
        [5, 4],
      ],
    },
  ],
  dot: [
    { inputs: [[6], [6]] },
    { inputs: [[6], [6]], params: { axes: [0, 0], normalize: true } },
    {
      inputs: [
        [5, 4],
        [7, 4],
      ],
    },
    {
      inputs: [
        [5, 5],
        [5, 4],
      ],
      params: { axes: [-1, 0] },
    },
    {
      inputs: [
        [3, 4],
        [3, 6],
      ],
      params: { axes: [0, 0], normalize: true },
    },
    {
      inputs: [
        [4, 3],
        [2, 4],
      ],
      params: { axes: [0, 1] },
    },
    {
      inputs: [
        [null, 4],
        [null, 4],
      ],
    },
  ],
  concatenate: [
    { inputs: [[4], [6]] },
    {
      inputs: [
        [3, 4],
        [3, 2],
        [3, 1],
      ],
    },
    {
      inputs: [
        [2, 2, 3],
        [2, 2, 5],
      ],
    },
    {
      inputs: [
        [3, 4],
        [2, 4],
      ],
      params: { axis: 0 },
    },
    {
      inputs: [
        [2, 3, 1],
        [2, 4, 1],
      ],
      params: { axis: 1 },
    },
    {
      inputs: [
        [null, 4],
        [null, 2],
      ],
    },
  ],
  groupNormalization: [
    { inputs: [[8, 8, 16]] },
    { inputs: [[4, 4, 6]], params: { groups: 3, center: false } },
    { inputs: [[5, 8]], params: { groups: 2, scale: false } },
    { inputs: [[12]], params: { groups: 4 } },
    { inputs: [[null, null, 4]], params: { groups: 1, center: false, scale: false } },
  ],
  noiseInput: [{ inputs: [] }, { inputs: [], params: { size: 2, distribution: 'uniform' } }],
  timestepInput: [{ inputs: [] }],
  timestepEmbedding: [
    { inputs: [[1]] },
    { inputs: [[1]], params: { dim: 2, maxPeriod: 100 } },
    { inputs: [[null]], params: { dim: 128 } },
  ],
  condition: [
    { inputs: [[8, 8, 16], [16]] },
    { inputs: [[4, 4, 3], [6]], params: { mode: 'film' } },
    { inputs: [[10, 5], [5]] },
    { inputs: [[7], [14]], params: { mode: 'film' } },
    { inputs: [[null, null, 4], [4]] },
  ],
}

function poolCases(): Case[] {
  return [
    { inputs: [[28, 28, 8]] },
    { inputs: [[7, 5, 3]], params: { poolSize: [3, 2], strides: [2, 3], padding: 'same' } },
    { inputs: [[7, 5, 3]], params: { poolSize: [3, 2], strides: [1, 1], padding: 'valid' } },
    { inputs: [[5, 5, 1]], params: { poolSize: [5, 5] } },
    { inputs: [[3, 3, 1]], params: { poolSize: [5, 5], padding: 'same' } },
    { inputs: [[null, null, 4]] },
  ]
}

function normCases(): Case[] {
  return [
    { inputs: [[10]] },
    { inputs: [[4, 4, 3]], params: { center: false } },
    { inputs: [[5, 6]], params: { scale: false } },
    { inputs: [[null, 4]], params: { center: false, scale: false } },
  ]
}

function rnnCases(): Case[] {
  return [
    { inputs: [[10, 3]] },
    { inputs: [[null, 4]], params: { units: 5, returnSequences: true } },
    { inputs: [[1, 1]], params: { units: 1 } },
    { inputs: [[6, 2]], params: { units: 3, activation: 'relu', dropout: 0.5 } },
  ]
}

/** Token ids feed an embedding table, so kinds that look ids up get int32 inputs. */
const TOKEN_KINDS = new Set(['embedding'])

let counter = 0
const uniqueName = (kind: AnyLayerKind) => `${kind.id}_conf${++counter}`

// Weight shapes are always fully known; `?? NaN` makes an unknown one fail loudly instead.
const weightsSize = (weights: { shape: readonly (number | null)[] }[]) =>
  weights.reduce((sum, w) => sum + w.shape.reduce<number>((n, d) => n * (d ?? NaN), 1), 0)

interface TfResult {
  shape: Dim[]
  count: ParamCount
  dtype: string
}

/** Builds the kind with tfjs on symbolic inputs (batch dim null) and reads back what tfjs computed. */
function runTf(kind: AnyLayerKind, inputs: Shape[], params: Params): TfResult {
  const built = kind.build(tfjs, params as never, { name: uniqueName(kind), inputShapes: inputs })
  if (kind.isInput) {
    const tensor = built as SymbolicTensor
    return { shape: tensor.shape, count: { trainable: 0, nonTrainable: 0 }, dtype: tensor.dtype }
  }
  const layer = built as TfLayer
  const dtype = TOKEN_KINDS.has(kind.id) ? 'int32' : 'float32'
  const xs = inputs.map((shape) => tfjs.input({ shape: [...shape], dtype }))
  const y = layer.apply(xs.length === 1 ? xs[0] : xs) as SymbolicTensor
  const result = {
    shape: y.shape,
    count: { trainable: weightsSize(layer.trainableWeights), nonTrainable: weightsSize(layer.nonTrainableWeights) },
    dtype: y.dtype,
  }
  expect(result.count.trainable + result.count.nonTrainable).toBe(layer.countParams())
  layer.dispose()
  return result
}

function withDefaults(kind: AnyLayerKind, params: Params = {}): Params {
  return { ...defaultParams(kind.params), ...params }
}

/** Asserts core and tfjs agree; returns the inference result for further checks. */
function expectConforms(kind: AnyLayerKind, inputs: Shape[], params: Params): ShapeResult {
  const inferred = kind.inferShape(inputs, params as never)
  if (!inferred.ok) return inferred
  const tf = runTf(kind, inputs, params)
  expect(tf.shape, 'output shape').toEqual([null, ...inferred.shape])
  expect(kind.paramCount(inputs, params as never), 'param count').toEqual(tf.count)
  return inferred
}

/** An issue must name a message that exists, and its fix must be something the editor can apply. */
function expectValidIssue(kind: AnyLayerKind, result: ShapeResult) {
  if (result.ok) return
  const { code, fix } = result.issue
  const message = kind.messages?.[code] ?? DIAGNOSTIC_MESSAGES[code]
  expect(message, `message for code ${code}`).toBeDefined()
  if (fix?.type === 'insertBefore') expect(getLayerKind(fix.layerKind)).toBeDefined()
  if (fix?.type === 'setParam') {
    const spec = kind.params[fix.param]
    expect(spec, `fix param ${fix.param}`).toBeDefined()
    expect(checkParam(spec, fix.value)).toBeNull()
  }
}

describe('every registry kind is documented and has valid defaults', () => {
  it.each(LAYER_KINDS.map((k) => [k.id, k] as const))('%s', (_id, kind) => {
    expect(CASES[kind.id], `add conformance CASES for "${kind.id}"`).toBeDefined()
    expect(CASES[kind.id].length).toBeGreaterThan(0)
    const defaults = defaultParams(kind.params)
    for (const lang of LANGS) {
      expect(kind.label[lang].trim()).not.toBe('')
      const doc = kind.docs[lang]
      expect(doc.summary.trim()).not.toBe('')
      expect(doc.formula.trim()).not.toBe('')
      expect(doc.whenToUse.trim()).not.toBe('')
      for (const text of Object.values(kind.messages ?? {})) expect(text[lang].trim()).not.toBe('')
    }
    for (const [name, spec] of Object.entries(kind.params)) {
      expect(checkParam(spec, defaults[name]), `default of ${name}`).toBeNull()
      for (const lang of LANGS) {
        expect(spec.label[lang].trim(), `label of ${name}`).not.toBe('')
        expect(spec.help[lang].trim(), `help of ${name}`).not.toBe('')
      }
      if (spec.type === 'enum') {
        for (const option of spec.options) {
          const text = spec.optionLabels?.[option]
          if (text) for (const lang of LANGS) expect(text[lang].trim()).not.toBe('')
        }
      }
    }
    expect(kind.inputs.min).toBeLessThanOrEqual(kind.inputs.max)
    expect(kind.isInput === true).toBe(kind.inputs.max === 0)
    expect(typeof kind.summary(defaults)).toBe('string')
  })
})

describe('hand-picked cases agree with tfjs', () => {
  const rows = LAYER_KINDS.flatMap((kind) =>
    (CASES[kind.id] ?? []).map((c, i) => [`${kind.id} #${i + 1} ${JSON.stringify(c.inputs)}`, kind, c] as const),
  )
  it.each(rows)('%s', (_title, kind, c) => {
    const params = withDefaults(kind, c.params)
    for (const [name, value] of Object.entries(c.params ?? {})) {
      expect(kind.params[name], `param ${name} exists`).toBeDefined()
      expect(checkParam(kind.params[name], value), `case value of ${name}`).toBeNull()
    }
    const result = expectConforms(kind, c.inputs, params)
    expect(result.ok ? null : result.issue, 'case must infer').toBeNull()
  })

  it('a token-id Input is int32, the other modes float32', () => {
    const input = getLayerKind('input')!
    for (const mode of ['image', 'vector', 'sequence', 'tokens']) {
      const tf = runTf(input, [], withDefaults(input, { mode }))
      expect(tf.dtype).toBe(mode === 'tokens' ? 'int32' : 'float32')
    }
  })
})

/** Small values for a param, so that generated networks stay tiny and fast. */
function arbitraryFor(spec: ParamSpec): fc.Arbitrary<unknown> {
  switch (spec.type) {
    case 'int': {
      const min = Math.max(spec.min ?? 0, -4)
      const max = Math.min(spec.max ?? min + 7, min + 7)
      return fc.integer({ min, max })
    }
    case 'float': {
      const lo = spec.min ?? 0
      const hi = spec.max ?? lo + 1
      const values = [spec.default, lo, hi, (lo + hi) / 2].filter((v) => checkParam(spec, v) === null)
      return fc.constantFrom(...values)
    }
    case 'enum':
      return fc.constantFrom(...spec.options)
    case 'bool':
      return fc.boolean()
    case 'ints': {
      const min = spec.min ?? 1
      const item = spec.allowInfer
        ? fc.integer({ min: -1, max: min + 4 }).map((d) => (d === 0 ? -1 : d))
        : fc.integer({ min, max: min + 4 })
      return fc
        .array(item, { minLength: spec.minLength, maxLength: spec.maxLength })
        .filter((list) => checkParam(spec, list) === null)
    }
  }
}

function arbitraryParams(kind: AnyLayerKind): fc.Arbitrary<Params> {
  const entries = Object.entries(kind.params).map(([name, spec]) => [name, arbitraryFor(spec)] as const)
  return fc.record(Object.fromEntries(entries)) as fc.Arbitrary<Params>
}

/**
 * Input shapes shaped like one of the kind's cases (same ranks, same unknown dims) with small
 * random sizes. Later inputs mostly reuse the first input's sizes so merges often line up.
 */
function arbitraryInputs(cases: Case[]): fc.Arbitrary<Shape[]> {
  return fc.constantFrom(...cases).chain(({ inputs }) => {
    if (inputs.length === 0) return fc.constant([] as Shape[])
    const rank = Math.max(...inputs.map((s) => s.length))
    return fc
      .tuple(
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: rank, maxLength: rank }),
        fc.array(
          fc.array(fc.option(fc.integer({ min: 1, max: 8 }), { freq: 2 }), { minLength: rank, maxLength: rank }),
          {
            minLength: inputs.length,
            maxLength: inputs.length,
          },
        ),
      )
      .map(([base, overrides]) =>
        inputs.map((shape, i) =>
          shape.map((d, j) => (d === null ? null : i === 0 ? base[j] : (overrides[i][j] ?? base[j]))),
        ),
      )
  })
}

describe('generated params and shapes agree with tfjs whenever inferShape accepts them', () => {
  const kinds = LAYER_KINDS.filter((kind) => CASES[kind.id]?.length)
  it.each(kinds.map((k) => [k.id, k] as const))('%s', (_id, kind) => {
    fc.assert(
      fc.property(arbitraryParams(kind), arbitraryInputs(CASES[kind.id]), (params, inputs) => {
        const result = expectConforms(kind, inputs, params)
        expectValidIssue(kind, result)
      }),
      { numRuns: 40 },
    )
  })
})

describe('wrong inputs give the right issue', () => {
  const infer = (id: string, inputs: Shape[], params: Params = {}) => {
    const kind = getLayerKind(id)!
    const result = kind.inferShape(inputs, withDefaults(kind, params) as never)
    expectValidIssue(kind, result)
    return result.ok ? null : result.issue
  }

  it('Dense on an image asks for a Flatten', () => {
    const issue = infer('dense', [[7, 7, 64]])
    expect(issue?.code).toBe('needsFlatten')
    expect(issue?.fix).toEqual({ type: 'insertBefore', layerKind: 'flatten' })
  })
  it('a 5×5 pooling window does not fit a 4×4 image', () => {
    expect(infer('maxPool2d', [[4, 4, 8]], { poolSize: [5, 5] })?.code).toBe('kernelTooLarge')
    expect(infer('avgPool2d', [[4, 4, 8]], { poolSize: [5, 5] })?.code).toBe('kernelTooLarge')
    expect(infer('maxPool2d', [[4, 4, 8]], { poolSize: [5, 5], padding: 'same' })).toBeNull()
  })
  it('Reshape must keep the number of values', () => {
    expect(infer('reshape', [[784]], { targetShape: [7, 7, 32] })?.code).toBe('reshapeMismatch')
    expect(infer('reshape', [[10]], { targetShape: [3, -1] })?.code).toBe('reshapeMismatch')
    expect(infer('reshape', [[null, 4]], { targetShape: [-1] })?.code).toBe('unknownDim')
  })
  it('image layers refuse vectors and sequences', () => {
    for (const id of [
      'conv2d',
      'conv2dTranspose',
      'depthwiseConv2d',
      'separableConv2d',
      'maxPool2d',
      'avgPool2d',
      'globalAvgPool2d',
      'globalMaxPool2d',
      'zeroPadding2d',
      'upSampling2d',
    ]) {
      expect(infer(id, [[784]])?.code, id).toBe('needsImage')
    }
  })
  it('Conv1D needs a sequence, and a kernel that fits it', () => {
    expect(infer('conv1d', [[28, 28, 1]])?.code).toBe('needsSequence')
    expect(infer('conv1d', [[3, 2]], { kernelSize: 5 })?.code).toBe('kernelTooLarge')
    expect(infer('conv1d', [[10, null]])?.code).toBe('unknownDim')
  })
  it('Flatten and the normalizations need known sizes', () => {
    expect(infer('flatten', [[null, 8]])?.code).toBe('unknownDim')
    expect(infer('batchNormalization', [[4, null]])?.code).toBe('unknownDim')
    expect(infer('layerNormalization', [[4, null]])?.code).toBe('unknownDim')
  })
})
