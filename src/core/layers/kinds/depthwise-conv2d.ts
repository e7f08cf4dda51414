import { convMacs } from '../macs'
import { defineLayerKind } from '../kind'
import { fusedActivationParam } from './activations'
import { filterBiasParam, kernelSizeParam, paddingParam, stridesParam } from './conv-params'
import {
  depthMultiplierParam,
  depthwiseParamCount,
  depthwiseShape,
  torchDepthwiseModule,
  torchSamePadding,
} from './depthwise-params'
import { lastDim, pyBool, pyCall, pyInt, pyStr, pyTuple } from '../../codegen/python/literal'
import { kerasActivation, torchActivation } from '../../codegen/python/activations'

export const depthwiseConv2d = defineLayerKind({
  id: 'depthwiseConv2d',
  category: 'conv',
  label: { en: 'DepthwiseConv2D', 'zh-CN': '逐通道卷积' },
  inputs: { min: 1, max: 1 },
  params: {
    kernelSize: kernelSizeParam([3, 3]),
    strides: stridesParam,
    padding: paddingParam,
    depthMultiplier: depthMultiplierParam,
    activation: fusedActivationParam,
    useBias: filterBiasParam,
  },
  inferShape: ([input], p) => depthwiseShape(input, p, (c) => c * p.depthMultiplier),
  paramCount: ([input], p) => depthwiseParamCount(input, p),
  // Each output map is one kh × kw window over a single input channel.
  macs: ([input], p, output) =>
    input[2] === null ? null : convMacs(output.slice(0, 2), p.kernelSize, 1, input[2] * p.depthMultiplier),
  build(tf, p, { name }) {
    return tf.layers.depthwiseConv2d({
      kernelSize: p.kernelSize as [number, number],
      strides: p.strides as [number, number],
      padding: p.padding,
      depthMultiplier: p.depthMultiplier,
      activation: p.activation,
      useBias: p.useBias,
      name,
    })
  },
  summary: (p) =>
    `${p.kernelSize.join('×')}${p.depthMultiplier > 1 ? ` ×${p.depthMultiplier}` : ''}` +
    `${p.strides[0] > 1 || p.strides[1] > 1 ? ` /${p.strides.join('×')}` : ''} · ${p.activation}`,
  code: {
    keras: (p, { name }) => ({
      layer: pyCall('layers.DepthwiseConv2D', [pyTuple(p.kernelSize)], {
        strides: pyTuple(p.strides),
        padding: pyStr(p.padding),
        depth_multiplier: pyInt(p.depthMultiplier),
        activation: pyStr(kerasActivation(p.activation)),
        use_bias: pyBool(p.useBias),
        name: pyStr(name),
      }),
    }),
    // nn.Conv2d with groups = channels when the multiplier is 1 (MobileNet's case), else a small
    // module that keeps the kernel as [C, M, kh, kw] (see torchDepthwiseModule).
    pytorch: (p, { inputShapes: [input] }) => {
      const pad = torchSamePadding(input, p)
      return {
        ...torchDepthwiseModule(lastDim(input), p, p.useBias, pad.modulePadding),
        forward: ([x], m) => torchActivation(p.activation, `${m}(${pad.pad(x)})`, { channelAxis: 1 }),
        layout: 'channelsFirst',
        // tfjs kernel [kh, kw, C, M] → [C, M, kh, kw].
        weights: [{ target: 'weight', permute: [2, 3, 0, 1] }, ...(p.useBias ? [{ target: 'bias' }] : [])],
      }
    },
  },
  docs: {
    en: {
      summary:
        'A convolution that keeps the channels apart: each input channel is filtered by its own small kernel (or several, with a depth multiplier) and never mixed with the others.',
      formula: 'y[i,j,c·M+m] = f(Σ_{u,v} W[u,v,c,m] · x[i·s+u, j·s+v, c] + b[c·M+m])',
      whenToUse:
        'Light image networks (MobileNet): followed by a 1×1 Conv2D that mixes the channels, it finds the same patterns as a full convolution with far fewer weights and multiplications.',
    },
    'zh-CN': {
      summary: '各通道分开处理的卷积：每个输入通道只用自己的小卷积核（设置深度乘数时用多个）滤波，通道之间不混合。',
      formula: 'y[i,j,c·M+m] = f(Σ_{u,v} W[u,v,c,m] · x[i·s+u, j·s+v, c] + b[c·M+m])',
      whenToUse:
        '轻量级图像网络（MobileNet）：后接一个 1×1 卷积混合各通道，用少得多的权重和乘法得到与普通卷积相近的特征图。',
    },
  },
})
