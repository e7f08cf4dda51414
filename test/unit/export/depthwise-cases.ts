import type { ProjectDocument } from '../../../src/core/document/types'
import { graph } from '../helpers'

/**
 * DepthwiseConv2D, SeparableConv2D and the capped ReLU in the settings that differ between the
 * exporters: TF's uneven 'same' padding (stride 2 on an even size), depth multipliers 1 and 2
 * (nn.Conv2d groups vs. the DepthwiseConv2d helper module), valid padding, with and without bias,
 * fused activations, ReLU6 on channels-first images and a capped ReLU on a vector.
 */
export function depthwiseGraph(): ProjectDocument {
  return graph(
    [
      ['image', 'input', { mode: 'image', height: 9, width: 8, channels: 3 }],
      [
        'dw',
        'depthwiseConv2d',
        { kernelSize: [3, 3], strides: [2, 2], padding: 'same', activation: 'linear', useBias: true },
      ],
      ['bn', 'batchNormalization', {}],
      ['relu6', 'cappedRelu', { maxValue: 6 }],
      [
        'dw2',
        'depthwiseConv2d',
        { kernelSize: [2, 3], padding: 'valid', depthMultiplier: 2, activation: 'relu', useBias: false },
      ],
      ['sep', 'separableConv2d', { filters: 5, kernelSize: [3, 3], padding: 'same', activation: 'tanh' }],
      [
        'sep2',
        'separableConv2d',
        { filters: 3, kernelSize: [3, 2], strides: [2, 1], padding: 'same', depthMultiplier: 2, activation: 'linear' },
      ],
      ['gap', 'globalAvgPool2d', {}],
      ['sep3', 'separableConv2d', { filters: 2, kernelSize: [3, 3], padding: 'valid', useBias: false }],
      ['flat', 'flatten', {}],
      ['cat', 'concatenate', { axis: -1 }],
      ['cap', 'cappedRelu', { maxValue: 0.5 }],
      ['out', 'dense', { units: 4, activation: 'linear' }],
    ],
    [
      ['image', 'dw'],
      ['dw', 'bn'],
      ['bn', 'relu6'],
      ['relu6', 'dw2'],
      ['dw2', 'sep'],
      ['sep', 'sep2'],
      ['sep2', 'gap'],
      ['image', 'sep3'],
      ['sep3', 'flat'],
      ['gap', 'cat', 0],
      ['flat', 'cat', 1],
      ['cat', 'cap'],
      ['cap', 'out'],
    ],
  )
}
