import { defineLayerKind, noParams } from '../kind'
import { pool2dParams, pool2dShape, poolSummary } from './max-pool2d'
import { pyCall, pyStr, pyTuple } from '../../codegen/python/literal'
import { poolPads } from '../../codegen/python/padding'
import { TORCH_AVG_POOL_SAME } from '../../codegen/python/torch-lib'

export const avgPool2d = defineLayerKind({
  id: 'avgPool2d',
  category: 'pool',
  label: { en: 'AvgPool2D', 'zh-CN': '二维平均池化' },
  inputs: { min: 1, max: 1 },
  params: pool2dParams,
  inferShape: ([input], p) => pool2dShape(input, p),
  paramCount: () => noParams,
  build: (tf, p, { name }) =>
    tf.layers.averagePooling2d({
      poolSize: [p.poolSize[0], p.poolSize[1]],
      strides: [p.strides[0], p.strides[1]],
      padding: p.padding,
      name,
    }),
  summary: poolSummary,
  code: {
    keras: (p, { name }) => ({
      layer: pyCall('layers.AveragePooling2D', [], {
        pool_size: pyTuple(p.poolSize),
        strides: pyTuple(p.strides),
        padding: pyStr(p.padding),
        name: pyStr(name),
      }),
    }),
    // TF's 'same' leaves padded cells out of each average: done by tf_avg_pool2d_same.
    pytorch: (p, { inputShapes: [input] }) => {
      const pads = poolPads(input, p)
      const args = [pyTuple(p.poolSize), pyTuple(p.strides)]
      if (pads === null)
        return { module: pyCall('nn.AvgPool2d', args), forward: ([x], m) => `${m}(${x})`, layout: 'channelsFirst' }
      return {
        forward: ([x]) => `tf_avg_pool2d_same(${x}, ${args.join(', ')}, ${pyTuple(pads)})`,
        layout: 'channelsFirst',
        helpers: { tf_avg_pool2d_same: TORCH_AVG_POOL_SAME },
      }
    },
  },
  docs: {
    en: {
      summary:
        'Replaces each small window of every feature map by its average, shrinking the image (2×2 windows halve height and width). Nothing is learned.',
      formula: 'y[i, j, c] = (1 / (p_h·p_w)) · Σ_{u<p_h, v<p_w} x[i·s_h + u, j·s_w + v, c]',
      whenToUse:
        'Like MaxPool2D, but smoother: it keeps the overall strength of a feature instead of its peak. Classic in LeNet-style networks.',
    },
    'zh-CN': {
      summary: '用每张特征图中每个小窗口的平均值代替整个窗口，从而缩小图像（2×2 窗口让高和宽各减半）。不学习任何参数。',
      formula: 'y[i, j, c] = (1 / (p_h·p_w)) · Σ_{u<p_h, v<p_w} x[i·s_h + u, j·s_w + v, c]',
      whenToUse: '作用与最大池化类似，但更平滑：保留的是特征的整体强度而不是峰值。LeNet 一类的经典网络常用它。',
    },
  },
})
