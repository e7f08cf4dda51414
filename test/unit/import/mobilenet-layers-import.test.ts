import type * as tfjs from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import { mapLayer } from '../../../src/core/import/keras-layers'
import { importLayersModel } from '../../../src/core/import/tfjs-model'
import { analyzeGraph } from '../../../src/core/shapes/analyze'
import { tfjs as tf } from '../tf'

/** How Keras' / tfjs' ReLU and relu6 configs import, and SeparableConv2D saved by tfjs itself. */
const ctx = { consumers: [], inputs: 1 }

const capped = (maxValue: number) => ({
  kind: 'cappedRelu',
  params: { capped: true, maxValue, threshold: 0, negativeSlope: 0 },
})

describe('ReLU configs', () => {
  it('max_value → the capped ReLU; a slope alone → Leaky ReLU; plain → ReLU', () => {
    expect(mapLayer('ReLU', { max_value: 6 }, ctx)).toEqual(capped(6))
    expect(mapLayer('ReLU', { max_value: 2.5, negative_slope: 0, threshold: 0 }, ctx)).toEqual(capped(2.5))
    expect(mapLayer('ReLU', { negative_slope: 0.1 }, ctx)).toEqual({
      kind: 'activation',
      params: { activation: 'leakyRelu', alpha: 0.1 },
    })
    expect(mapLayer('ReLU', { max_value: null, negative_slope: 0.0, threshold: 0.0 }, ctx)).toEqual({
      kind: 'activation',
      params: { activation: 'relu' },
    })
    expect(mapLayer('Activation', { activation: 'relu6' }, ctx)).toEqual({
      kind: 'cappedRelu',
      params: { maxValue: 6 },
    })
  })

  it('a max value that is not above 0 is refused with the reason', () => {
    expect(mapLayer('ReLU', { max_value: -1 }, ctx)).toEqual({ reason: 'max_value -1 (above 0)' })
    expect(mapLayer('ReLU', { max_value: 0 }, ctx)).toEqual({ reason: 'max_value 0 (above 0)' })
  })

  it('DepthwiseConv2D / SeparableConv2D with dilation or channels_first are refused', () => {
    const base = { kernel_size: [3, 3], strides: [1, 1], padding: 'same' }
    expect(mapLayer('DepthwiseConv2D', { ...base, dilation_rate: [2, 2] }, ctx)).toHaveProperty('reason')
    expect(mapLayer('SeparableConv2D', { ...base, filters: 4, data_format: 'channels_first' }, ctx)).toHaveProperty(
      'reason',
    )
  })
})

describe('a SeparableConv2D saved by tfjs itself', () => {
  it("imports with its depth multiplier (tfjs leaves it out of the config) and tfjs' parameter count", async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.separableConv2d({
          inputShape: [6, 6, 3],
          filters: 4,
          kernelSize: 3,
          depthMultiplier: 2,
          name: 'sep',
        }),
      ],
    })
    let artifacts: tfjs.io.ModelArtifacts | undefined
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }
      }),
    )
    const saved = JSON.stringify(artifacts!.modelTopology)
    // The reason for the fix: if tfjs starts writing it, this test says so.
    expect(saved).not.toContain('depth_multiplier')
    const result = importLayersModel(
      { modelTopology: artifacts!.modelTopology, weightsManifest: [{ paths: [], weights: artifacts!.weightSpecs }] },
      { specs: artifacts!.weightSpecs, data: new Uint8Array(artifacts!.weightData as ArrayBuffer) },
    )
    if (!result.ok) throw new Error(result.error)
    const sep = result.document.nodes.find((n) => n.kind === 'separableConv2d')!
    expect(sep.params.depthMultiplier).toBe(2)
    expect(analyzeGraph(result.document).totals.total).toBe(model.countParams())
    model.dispose()
  })
})
