import { describe, expect, it } from 'vitest'
import { checkDatasetFit } from '../../../src/core/data/fit'
import { irisDataset } from '../../../src/core/data/iris'
import { DATA_DIAGNOSTIC_MESSAGES } from '../../../src/core/data/messages'
import { namesDataset } from '../../../src/core/data/names'
import { sineDataset } from '../../../src/core/data/sine'
import type { ProjectDocument } from '../../../src/core/document/types'
import { analyzeGraph } from '../../../src/core/shapes/analyze'
import { graph, loadTemplate } from '../helpers'

const MNIST_INFO = {
  task: 'classification' as const,
  inputShape: [28, 28, 1],
  inputDtype: 'float32' as const,
  targetShape: [],
  classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
}

function check(dataset: Parameters<typeof checkDatasetFit>[0], doc: ProjectDocument) {
  return checkDatasetFit(dataset, doc, analyzeGraph(doc)).map((d) => ({
    code: d.code,
    nodeId: d.nodeId,
    severity: d.severity,
    fix: d.fix,
  }))
}

function mlp(
  input: Record<string, unknown>,
  out: Record<string, unknown>,
  training: Partial<ProjectDocument['training']> = {},
) {
  const doc = graph(
    [
      ['in', 'input', input],
      ['flat', 'flatten'],
      ['hidden', 'dense', { units: 16 }],
      ['out', 'dense', out],
    ],
    [
      ['in', 'flat'],
      ['flat', 'hidden'],
      ['hidden', 'out'],
    ],
  )
  return { ...doc, training: { ...doc.training, ...training } }
}

describe('checkDatasetFit', () => {
  it('the MNIST template fits MNIST', () => {
    expect(check(MNIST_INFO, loadTemplate('mlp-mnist'))).toEqual([])
  })

  it('accepts a vector Input holding the flattened image, and an image read row by row as a sequence', () => {
    expect(check(MNIST_INFO, mlp({ mode: 'vector', size: 784 }, { units: 10, activation: 'softmax' }))).toEqual([])
    expect(
      check(MNIST_INFO, mlp({ mode: 'sequence', timesteps: 28, features: 28 }, { units: 10, activation: 'softmax' })),
    ).toEqual([])
  })

  it('one fix per wrong Input size', () => {
    const doc = mlp({ mode: 'image', height: 32, width: 32, channels: 1 }, { units: 10, activation: 'softmax' })
    expect(check(MNIST_INFO, doc)).toEqual([
      {
        code: 'data.inputSize',
        nodeId: 'in',
        severity: 'error',
        fix: { type: 'setParam', param: 'height', value: 28 },
      },
      { code: 'data.inputSize', nodeId: 'in', severity: 'error', fix: { type: 'setParam', param: 'width', value: 28 } },
    ])
    expect(check(MNIST_INFO, mlp({ mode: 'vector', size: 100 }, { units: 10, activation: 'softmax' }))[0].fix).toEqual({
      type: 'setParam',
      param: 'size',
      value: 784,
    })
  })

  it('asks for token ids on text datasets, and for the natural mode when the mode cannot hold the data', () => {
    const names = namesDataset(['ada', 'bob'], { context: 6 })
    const doc = mlp({ mode: 'vector', size: 6 }, { units: names.vocab!.length, activation: 'softmax' })
    expect(check(names, doc)[0]).toMatchObject({
      code: 'data.inputTokens',
      fix: { type: 'setParam', param: 'mode', value: 'tokens' },
    })
    const tokens = mlp({ mode: 'tokens', length: 4 }, { units: 10, activation: 'softmax' })
    expect(check(MNIST_INFO, tokens)[0]).toMatchObject({
      code: 'data.inputNotTokens',
      fix: { param: 'mode', value: 'image' },
    })
    const iris = irisDataset()
    const image = mlp({ mode: 'image', height: 2, width: 2, channels: 1 }, { units: 3, activation: 'softmax' })
    expect(check(iris, image)[0]).toMatchObject({ code: 'data.inputMode', fix: { param: 'mode', value: 'vector' } })
  })

  it('output units must equal the number of classes, with softmax for cross-entropy', () => {
    const doc = mlp({ mode: 'vector', size: 4 }, { units: 10, activation: 'linear' })
    expect(check(irisDataset(), doc)).toEqual([
      {
        code: 'data.outputUnits',
        nodeId: 'out',
        severity: 'error',
        fix: { type: 'setParam', param: 'units', value: 3 },
      },
      {
        code: 'data.softmax',
        nodeId: 'out',
        severity: 'warning',
        fix: { type: 'setParam', param: 'activation', value: 'softmax' },
      },
    ])
  })

  it('the loss must suit the task', () => {
    const iris = irisDataset()
    const mse = mlp({ mode: 'vector', size: 4 }, { units: 3, activation: 'softmax' }, { loss: 'meanSquaredError' })
    expect(check(iris, mse).map((d) => d.code)).toEqual(['data.lossForClassification'])
    const binary = mlp({ mode: 'vector', size: 4 }, { units: 3, activation: 'softmax' }, { loss: 'binaryCrossentropy' })
    expect(check(iris, binary).map((d) => d.code)).toEqual(['data.binaryLoss'])
    const twoClasses = { ...iris, classNames: ['a', 'b'] }
    expect(check(twoClasses, binary)).toEqual([
      {
        code: 'data.binaryUnits',
        nodeId: 'out',
        severity: 'error',
        fix: { type: 'setParam', param: 'units', value: 1 },
      },
      {
        code: 'data.sigmoid',
        nodeId: 'out',
        severity: 'warning',
        fix: { type: 'setParam', param: 'activation', value: 'sigmoid' },
      },
    ])
  })

  it('regression: output size = target size, no cross-entropy, no squashing activation', () => {
    const sine = sineDataset({ samples: 50, window: 12 })
    const good = mlp(
      { mode: 'sequence', timesteps: 12, features: 1 },
      { units: 1, activation: 'linear' },
      { task: 'regression', loss: 'meanSquaredError' },
    )
    expect(check(sine, good)).toEqual([])
    const bad = mlp(
      { mode: 'sequence', timesteps: 12, features: 1 },
      { units: 3, activation: 'sigmoid' },
      { task: 'classification' },
    )
    expect(check(sine, bad).map((d) => [d.code, d.fix])).toEqual([
      ['data.taskIsRegression', undefined],
      ['data.lossForRegression', undefined],
      ['data.outputTarget', { type: 'setParam', param: 'units', value: 1 }],
      ['data.regressionActivation', { type: 'setParam', param: 'activation', value: 'linear' }],
    ])
  })

  it('warns about extra inputs and outputs', () => {
    const doc = graph(
      [
        ['a', 'input', { mode: 'vector', size: 4 }],
        ['b', 'input', { mode: 'vector', size: 4 }],
        ['x', 'dense', { units: 3, activation: 'softmax' }],
        ['y', 'dense', { units: 3, activation: 'softmax' }],
      ],
      [
        ['a', 'x'],
        ['b', 'y'],
      ],
    )
    expect(check(irisDataset(), doc).map((d) => d.code)).toEqual(['data.multipleInputs', 'data.multipleOutputs'])
  })

  it('generative tasks: only the data Input is checked (not the noise or the timestep), and a single output by its number of values', () => {
    // The templates fit MNIST as they are (the GAN has two Inputs and two outputs, the denoiser two Inputs).
    for (const id of ['gan-mlp', 'dcgan-mnist', 'ddpm-mnist', 'autoencoder-dense', 'autoencoder-conv-denoising']) {
      expect(check(MNIST_INFO, loadTemplate(id)), id).toEqual([])
    }
    const gan = loadTemplate('gan-mlp')
    const smallGan = {
      ...gan,
      nodes: gan.nodes.map((n) => (n.id === 'x' ? { ...n, params: { ...n.params, height: 32 } } : n)),
    }
    expect(check(MNIST_INFO, smallGan).map((d) => [d.code, d.nodeId])).toEqual([['data.inputSize', 'x']])
    const ae = loadTemplate('autoencoder-dense')
    const shortAe = {
      ...ae,
      nodes: ae.nodes
        .filter((n) => n.id !== 'reshape')
        .map((n) => (n.id === 'pixels' ? { ...n, params: { ...n.params, units: 700 } } : n)),
    }
    expect(
      check(MNIST_INFO, { ...shortAe, edges: ae.edges.filter((e) => e.target !== 'reshape') }).map((d) => [
        d.code,
        d.nodeId,
      ]),
    ).toEqual([['data.outputTarget', 'pixels']])
  })

  it('a language model is checked like a classifier of the next character, without a task warning', () => {
    const names = namesDataset(['abcdefghijklm', 'nopqrstuvwxyz', 'jo-ann'], { context: 10 }) // 27 characters + 3 special tokens
    const doc = loadTemplate('lstm-names')
    expect(names.classNames).toHaveLength(30)
    expect(check(names, doc)).toEqual([])
    const wrong = {
      ...doc,
      nodes: doc.nodes.map((n) => (n.id === 'next' ? { ...n, params: { ...n.params, units: 31 } } : n)),
    }
    expect(check(names, wrong).map((d) => d.code)).toEqual(['data.outputUnits'])
  })

  it('every diagnostic code has a message in both languages', () => {
    for (const [code, text] of Object.entries(DATA_DIAGNOSTIC_MESSAGES)) {
      expect(code.startsWith('data.')).toBe(true)
      expect(text.en.length).toBeGreaterThan(0)
      expect(text['zh-CN']).toMatch(/[\u4e00-\u9fff]/)
    }
  })
})
