import { convMacs } from '../macs'
import { defineLayerKind } from '../kind'
import { fusedActivationParam } from './activations'
import { filterBiasParam, filtersParam, kernelSizeParam, paddingParam, stridesParam } from './conv-params'
import {
  depthMultiplierParam,
  depthwiseKernelCount,
  depthwiseShape,
  torchDepthwiseModule,
  torchSamePadding,
} from './depthwise-params'
import { lastDim, pyBool, pyCall, pyInt, pyStr, pyTuple } from '../../codegen/python/literal'
import { kerasActivation, torchActivation } from '../../codegen/python/activations'

export const separableConv2d = defineLayerKind({
  id: 'separableConv2d',
  category: 'conv',
  label: { en: 'SeparableConv2D', 'zh-CN': '深度可分离卷积' },
  inputs: { min: 1, max: 1 },
  params: {
    filters: filtersParam({
      en: 'How many feature maps the 1×1 (pointwise) step makes by mixing the channels.',
      'zh-CN': '1×1（逐点）卷积混合各通道后输出的特征图个数。',
    }),
    kernelSize: kernelSizeParam([3, 3]),
    strides: stridesParam,
    padding: paddingParam,
    depthMultiplier: depthMultiplierParam,
    activation: fusedActivationParam,
    useBias: filterBiasParam,
  },
  inferShape: ([input], p) => depthwiseShape(input, p, () => p.filters),
  // tfjs: the depthwise kernel, the pointwise kernel (C·M × filters) and one bias per filter.
  paramCount: ([input], p) => ({
    trainable:
      depthwiseKernelCount(input, p) + (input[2] ?? 0) * p.depthMultiplier * p.filters + (p.useBias ? p.filters : 0),
    nonTrainable: 0,
  }),
  macs: ([input], p, output) => {
    if (input[2] === null) return null
    const mid = input[2] * p.depthMultiplier
    const depthwise = convMacs(output.slice(0, 2), p.kernelSize, 1, mid)
    const pointwise = convMacs(output.slice(0, 2), [1, 1], mid, p.filters)
    return depthwise === null || pointwise === null ? null : depthwise + pointwise
  },
  build(tf, p, { name }) {
    return tf.layers.separableConv2d({
      filters: p.filters,
      kernelSize: p.kernelSize,
      strides: p.strides,
      padding: p.padding,
      depthMultiplier: p.depthMultiplier,
      activation: p.activation,
      useBias: p.useBias,
      name,
    })
  },
  summary: (p) =>
    `${p.filters}@${p.kernelSize.join('×')}${p.depthMultiplier > 1 ? ` ×${p.depthMultiplier}` : ''}` +
    `${p.strides[0] > 1 || p.strides[1] > 1 ? ` /${p.strides.join('×')}` : ''} · ${p.activation}`,
  code: {
    keras: (p, { name }) => ({
      layer: pyCall('layers.SeparableConv2D', [pyInt(p.filters), pyTuple(p.kernelSize)], {
        strides: pyTuple(p.strides),
        padding: pyStr(p.padding),
        depth_multiplier: pyInt(p.depthMultiplier),
        activation: pyStr(kerasActivation(p.activation)),
        use_bias: pyBool(p.useBias),
        name: pyStr(name),
      }),
    }),
    // Two convolutions in an nn.Sequential: the depthwise one (groups = channels, no bias), then
    // the 1×1 pointwise one that mixes the channels and carries the bias, as Keras computes it.
    pytorch: (p, { inputShapes: [input] }) => {
      const channels = lastDim(input)
      const mid = channels * p.depthMultiplier
      const pad = torchSamePadding(input, p)
      const depthwise = torchDepthwiseModule(channels, p, false, pad.modulePadding)
      const pointwise = pyCall('nn.Conv2d', [pyInt(mid), pyInt(p.filters), '1'], { bias: pyBool(p.useBias) })
      return {
        module: `nn.Sequential(${depthwise.module}, ${pointwise})`,
        helpers: depthwise.helpers,
        forward: ([x], m) => torchActivation(p.activation, `${m}(${pad.pad(x)})`, { channelAxis: 1 }),
        layout: 'channelsFirst',
        // depthwise [kh, kw, C, M] → [C, M, kh, kw] (see torchDepthwiseModule);
        // pointwise [1, 1, C·M, F] → [F, C·M, 1, 1].
        weights: [
          { target: '0.weight', permute: [2, 3, 0, 1] },
          { target: '1.weight', permute: [3, 2, 0, 1] },
          ...(p.useBias ? [{ target: '1.bias' }] : []),
        ],
      }
    },
  },
  docs: {
    en: {
      summary:
        'A depthwise convolution (each channel filtered on its own) followed by a 1×1 convolution that mixes the channels into the output feature maps: one layer, the two steps of a MobileNet block.',
      formula: 'z[i,j,c·M+m] = Σ_{u,v} D[u,v,c,m] · x[i·s+u, j·s+v, c];  y[i,j,f] = f(Σ_k P[k,f] · z[i,j,k] + b[f])',
      whenToUse:
        'In place of a Conv2D when weights and multiplications are scarce (phones, browsers): for a 3×3 kernel it needs about 8–9 times fewer of them, usually at a small cost in accuracy.',
    },
    'zh-CN': {
      summary:
        '先做逐通道卷积（每个通道单独滤波），再用 1×1 卷积混合各通道得到输出特征图：一层完成 MobileNet 模块的两个步骤。',
      formula: 'z[i,j,c·M+m] = Σ_{u,v} D[u,v,c,m] · x[i·s+u, j·s+v, c]；y[i,j,f] = f(Σ_k P[k,f] · z[i,j,k] + b[f])',
      whenToUse:
        '在权重和计算量有限（手机、浏览器）时代替普通卷积：3×3 卷积核时权重和乘法约少 8～9 倍，准确率通常只略有下降。',
    },
  },
})
