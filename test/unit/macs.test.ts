import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { LAYER_KINDS, getLayerKind } from '../../src/core/layers/registry'
import { defaultParams } from '../../src/core/params/schema'
import { analyzeGraph } from '../../src/core/shapes/analyze'
import { graph, loadTemplate } from './helpers'

/**
 * Multiply-accumulates per sample. The dense, convolutional and attention counts are checked
 * against PyTorch's profiler in export/macs-torch.test.ts; these are the figures the issue and
 * the literature quote, and the kinds the profiler does not count (recurrent cells, transposed
 * convolutions), computed by hand with ptflops' conventions.
 */
describe('MACs', () => {
  it('mlp-mnist = 101,632 and LeNet-5 = 416,520 (the published figures)', () => {
    expect(analyzeGraph(loadTemplate('mlp-mnist')).totals.macs).toBe(101_632)
    expect(analyzeGraph(loadTemplate('lenet5')).totals.macs).toBe(416_520)
  })

  it('every kind with weights either counts its products or has none to count', () => {
    // Lookups, learned offsets and normalisation scale/shift: weights, but no weighted products.
    const noProducts = new Set([
      'embedding',
      'positionalEmbedding',
      'batchNormalization',
      'layerNormalization',
      'groupNormalization',
    ])
    for (const kind of LAYER_KINDS) {
      if (noProducts.has(kind.id)) expect(kind.macs, kind.id).toBeUndefined()
      else if (
        [
          'dense',
          'conv1d',
          'conv2d',
          'conv2dTranspose',
          'simpleRnn',
          'lstm',
          'gru',
          'bidirectional',
          'multiHeadAttention',
        ].includes(kind.id)
      )
        expect(kind.macs, kind.id).toBeTypeOf('function')
    }
    // A kind that creates weights must be in one of the two lists above: a new weighted kind
    // has to decide.
    const weighted = LAYER_KINDS.filter((kind) => kind.macs || noProducts.has(kind.id)).map((kind) => kind.id)
    for (const doc of [
      'mlp-mnist',
      'lenet5',
      'lstm-names',
      'gru-classifier',
      'transformer-names',
      'ddpm-mnist',
      'dcgan-mnist',
    ].map(loadTemplate)) {
      const analysis = analyzeGraph(doc)
      for (const node of doc.nodes) {
        const params = analysis.nodes[node.id].params
        if (params && params.trainable + params.nonTrainable > 0) expect(weighted, node.kind).toContain(node.kind)
      }
    }
  })

  it('recurrent cells: steps × gates × (features × units + units × units)', () => {
    const seq = (kind: string, params: Record<string, unknown>) =>
      analyzeGraph(
        graph(
          [
            ['in', 'input', { mode: 'sequence', timesteps: 30, features: 8 }],
            ['r', kind, params],
          ],
          [['in', 'r']],
        ),
      ).nodes.r.macs
    expect(seq('simpleRnn', { units: 16 })).toBe(30 * (8 * 16 + 16 * 16))
    expect(seq('lstm', { units: 16 })).toBe(30 * 4 * (8 * 16 + 16 * 16))
    expect(seq('gru', { units: 16 })).toBe(30 * 3 * (8 * 16 + 16 * 16))
    expect(seq('bidirectional', { cell: 'lstm', units: 16 })).toBe(2 * 30 * 4 * (8 * 16 + 16 * 16))
  })

  it('transposed convolution: input positions × kernel × in channels × filters', () => {
    const doc = graph(
      [
        ['in', 'input', { mode: 'image', height: 7, width: 7, channels: 8 }],
        ['up', 'conv2dTranspose', { filters: 4, kernelSize: [3, 3], strides: [2, 2], padding: 'same' }],
      ],
      [['in', 'up']],
    )
    expect(analyzeGraph(doc).nodes.up.macs).toBe(7 * 7 * 3 * 3 * 8 * 4)
  })

  it('a dimension unknown until run time gives unknown MACs, not a wrong number', () => {
    const lstm = getLayerKind('lstm')!
    const params = { ...defaultParams(lstm.params), units: 4 }
    expect(lstm.macs!([[null, 8]], params as never, [4])).toBeNull()
    expect(lstm.macs!([[5, 8]], params as never, [4])).toBe(5 * 4 * (8 * 4 + 4 * 4))
  })

  it('check --json reports macs on each layer and totalMacs', () => {
    const out = execFileSync(process.execPath, ['bin/layercanvas.mjs', 'check', 'templates/lenet5.json', '--json'], {
      encoding: 'utf8',
    })
    const json = JSON.parse(out) as { totalMacs: number; layers: { id: string; macs: number | null }[] }
    expect(json.totalMacs).toBe(416_520)
    expect(json.layers.find((layer) => layer.id === 'c1')?.macs).toBe(28 * 28 * 6 * 25)
    expect(json.layers.find((layer) => layer.id === 's2')?.macs).toBe(0)
  })
})
