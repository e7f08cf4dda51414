import { convMacs } from '../macs'
import { defineLayerKind, fail, ok } from '../kind'
import { convOutputLength, formatShape } from '../../shapes/shape'
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
import { samePadding } from '../../codegen/python/padding'
import { unfusedWhileRecording } from '../unfused-while-recording'

export const conv2d = defineLayerKind({
  id: 'conv2d',
  category: 'conv',
  label: { en: 'Conv2D', 'zh-CN': '二维卷积' },
  inputs: { min: 1, max: 1 },
  params: {
    filters: filtersParam({
      en: 'How many feature maps (output channels) to learn.',
      'zh-CN': '要学习的特征图（输出通道）个数。',
    }),
    kernelSize: kernelSizeParam([3, 3]),
    strides: stridesParam,
    padding: paddingParam,
    activation: fusedActivationParam,
    useBias: filterBiasParam,
  },
  inferShape([input], p) {
    if (input.length !== 3) {
      return fail('needsImage', { got: formatShape(input) })
    }
    const [h, w, c] = input
    if (c === null) return fail('unknownDim', { got: formatShape(input) })
    const [kh, kw] = p.kernelSize
    if (p.padding === 'valid' && ((h !== null && kh > h) || (w !== null && kw > w))) {
      return fail(
        'kernelTooLarge',
        { kernel: `${kh}×${kw}`, input: formatShape(input) },
        { type: 'setParam', param: 'padding', value: 'same' },
      )
    }
    return ok([
      convOutputLength(h, kh, p.strides[0], p.padding),
      convOutputLength(w, kw, p.strides[1], p.padding),
      p.filters,
    ])
  },
  paramCount: ([input], p) => conv2dParamCount(input, p),
  macs: ([input], p, output) => convMacs(output.slice(0, 2), p.kernelSize, input[2], p.filters),
  build(tf, p, { name }) {
    return unfusedWhileRecording(
      tf,
      tf.layers.conv2d({
        filters: p.filters,
        kernelSize: p.kernelSize,
        strides: p.strides,
        padding: p.padding,
        activation: p.activation,
        useBias: p.useBias,
        name,
      }),
    )
  },
  summary: (p) =>
    `${p.filters}@${p.kernelSize.join('×')}${p.strides[0] > 1 || p.strides[1] > 1 ? ` /${p.strides.join('×')}` : ''} · ${p.activation}`,
  code: {
    keras: (p, { name }) => ({
      layer: pyCall('layers.Conv2D', [pyInt(p.filters), pyTuple(p.kernelSize)], {
        strides: pyTuple(p.strides),
        padding: pyStr(p.padding),
        activation: pyStr(kerasActivation(p.activation)),
        use_bias: pyBool(p.useBias),
        name: pyStr(name),
      }),
    }),
    // Runs on [N, C, H, W]. TF's 'same' pads the smaller half first: an even split goes into the
    // module's padding, an uneven one (e.g. stride 2 on an even size) is padded explicitly.
    pytorch: (p, { inputShapes: [input] }) => {
      const [kh, kw] = p.kernelSize
      const [sh, sw] = p.strides
      const [top, bottom] = p.padding === 'same' ? samePadding(input[0] ?? 0, kh, sh) : [0, 0]
      const [left, right] = p.padding === 'same' ? samePadding(input[1] ?? 0, kw, sw) : [0, 0]
      const even = top === bottom && left === right
      return {
        module: pyCall('nn.Conv2d', [pyInt(lastDim(input)), pyInt(p.filters), pyTuple(p.kernelSize)], {
          stride: pyTuple(p.strides),
          padding: even && top + left > 0 ? pyTuple([top, left]) : undefined,
          bias: pyBool(p.useBias),
        }),
        forward: ([x], m) =>
          torchActivation(p.activation, `${m}(${even ? x : `F.pad(${x}, (${left}, ${right}, ${top}, ${bottom}))`})`, {
            channelAxis: 1,
          }),
        layout: 'channelsFirst',
        // tfjs kernel [kh, kw, in, out] → torch [out, in, kh, kw].
        weights: [{ target: 'weight', permute: [3, 2, 0, 1] }, ...(p.useBias ? [{ target: 'bias' }] : [])],
      }
    },
  },
  docs: {
    en: {
      summary:
        'Slides small learned filters over the image; each filter produces one feature map that lights up where its pattern (an edge, a corner, a texture) appears.',
      formula: 'y[i,j,f] = f(Σ_{u,v,c} W[u,v,c,f] · x[i·s+u, j·s+v, c] + b[f])',
      whenToUse:
        'The first layers of any image network (CNN): they find local patterns with far fewer weights than Dense, and the same filter works anywhere in the image.',
    },
    'zh-CN': {
      summary:
        '用一组可学习的小卷积核在图像上滑动；每个卷积核产生一张特征图，在出现相应图案（边缘、角点、纹理）的位置响应强烈。',
      formula: 'y[i,j,f] = f(Σ_{u,v,c} W[u,v,c,f] · x[i·s+u, j·s+v, c] + b[f])',
      whenToUse: '图像网络（CNN）的前几层：用比全连接少得多的参数提取局部特征，同一个卷积核可在图像任意位置复用。',
    },
  },
})
