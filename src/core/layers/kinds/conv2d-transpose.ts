import { convMacs } from '../macs'
import { defineLayerKind, fail, ok } from '../kind'
import { deconvOutputLength, formatShape } from '../../shapes/shape'
import { fusedActivationParam } from './activations'
import {
  conv2dParamCount,
  filterBiasParam,
  filtersParam,
  kernelSizeParam,
  paddingParam,
  stridesParam,
} from './conv-params'
import { lastDim, pyBool, pyCall, pyInt, pyStr, pyTuple } from '../../codegen/python/literal'
import { kerasActivation, torchActivation } from '../../codegen/python/activations'
import { transposeAxis } from '../../codegen/python/padding'

export const conv2dTranspose = defineLayerKind({
  id: 'conv2dTranspose',
  category: 'generative',
  label: { en: 'Conv2DTranspose', 'zh-CN': '二维转置卷积' },
  inputs: { min: 1, max: 1 },
  params: {
    filters: filtersParam({
      en: 'How many feature maps (output channels) to produce.',
      'zh-CN': '要输出的特征图（通道）个数。',
    }),
    kernelSize: kernelSizeParam([3, 3]),
    // Usually used to upsample, so stride 2 with same padding (7×7 → 14×14) is the default.
    strides: { ...stridesParam, default: [2, 2] },
    padding: { ...paddingParam, default: 'same' as const },
    activation: fusedActivationParam,
    useBias: filterBiasParam,
  },
  inferShape([input], p) {
    if (input.length !== 3) return fail('needsImage', { got: formatShape(input) })
    const [h, w, c] = input
    if (c === null) return fail('unknownDim', { got: formatShape(input) })
    const [kh, kw] = p.kernelSize
    return ok([
      deconvOutputLength(h, kh, p.strides[0], p.padding),
      deconvOutputLength(w, kw, p.strides[1], p.padding),
      p.filters,
    ])
  },
  paramCount: ([input], p) => conv2dParamCount(input, p),
  macs: ([input], p) => convMacs(input.slice(0, 2), p.kernelSize, input[2], p.filters),
  build(tf, p, { name }) {
    return tf.layers.conv2dTranspose({
      filters: p.filters,
      kernelSize: p.kernelSize,
      strides: p.strides,
      padding: p.padding,
      activation: p.activation,
      useBias: p.useBias,
      name,
    })
  },
  summary: (p) =>
    `${p.filters}@${p.kernelSize.join('×')}${p.strides[0] > 1 || p.strides[1] > 1 ? ` ×${p.strides.join('×')}` : ''} · ${p.activation}`,
  code: {
    keras: (p, { name }) => ({
      layer: pyCall('layers.Conv2DTranspose', [pyInt(p.filters), pyTuple(p.kernelSize)], {
        strides: pyTuple(p.strides),
        padding: pyStr(p.padding),
        activation: pyStr(kerasActivation(p.activation)),
        use_bias: pyBool(p.useBias),
        name: pyStr(name),
      }),
    }),
    // TF crops the full transposed output ((in − 1)·s + k) to its size with the smaller half
    // first; torch's padding crops evenly, so an uneven crop is sliced in the forward.
    pytorch: (p, { inputShapes: [input] }) => {
      const rows = transposeAxis(input[0] ?? 0, p.kernelSize[0], p.strides[0], p.padding)
      const cols = transposeAxis(input[1] ?? 0, p.kernelSize[1], p.strides[1], p.padding)
      const crop = (axis: typeof rows) => (axis.crop ? `${axis.crop.start}:${axis.crop.start + axis.crop.length}` : ':')
      return {
        module: pyCall('nn.ConvTranspose2d', [pyInt(lastDim(input)), pyInt(p.filters), pyTuple(p.kernelSize)], {
          stride: pyTuple(p.strides),
          padding: rows.padding + cols.padding > 0 ? pyTuple([rows.padding, cols.padding]) : undefined,
          output_padding:
            rows.outputPadding + cols.outputPadding > 0 ? pyTuple([rows.outputPadding, cols.outputPadding]) : undefined,
          bias: pyBool(p.useBias),
        }),
        forward: ([x], m) => {
          const y = rows.crop || cols.crop ? `${m}(${x})[:, :, ${crop(rows)}, ${crop(cols)}]` : `${m}(${x})`
          return torchActivation(p.activation, y, { channelAxis: 1 })
        },
        layout: 'channelsFirst',
        // tfjs kernel [kh, kw, out, in] → torch [in, out, kh, kw].
        weights: [{ target: 'weight', permute: [3, 2, 0, 1] }, ...(p.useBias ? [{ target: 'bias' }] : [])],
      }
    },
  },
  docs: {
    en: {
      summary:
        'Runs a convolution backwards: each input pixel stamps a learned filter onto a larger output, so the image grows (by the stride) instead of shrinking.',
      formula: 'y[i·s+u, j·s+v, f] += W[u,v,f,c] · x[i,j,c], then y = f(y + b); same padding: H_out = H·s',
      whenToUse:
        'Decoders, autoencoders and GAN generators: to turn a small feature map back into a full-size image, learning how to fill in the detail.',
    },
    'zh-CN': {
      summary: '把卷积“反过来”做：每个输入像素把一个可学习的卷积核“印”到更大的输出上，于是图像按步幅放大，而不是缩小。',
      formula: 'y[i·s+u, j·s+v, f] += W[u,v,f,c] · x[i,j,c]，再 y = f(y + b)；same 填充时 H_out = H·s',
      whenToUse: '解码器、自编码器和 GAN 生成器：把小尺寸的特征图还原成完整大小的图像，并学习如何补全细节。',
    },
  },
})
