import { defineLayerKind, fail, noParams, ok } from '../kind'
import { p } from '../../params/schema'
import { formatShape, type Dim } from '../../shapes/shape'
import { pyCall, pyInt, pyStr, pyTuple } from '../../codegen/python/literal'
import { KERAS_BILINEAR } from '../../codegen/python/keras-lib'
import { TORCH_RESIZE_BILINEAR } from '../../codegen/python/torch-lib'

const scale = (d: Dim, by: number): Dim => (d === null ? null : d * by)

export const upSampling2d = defineLayerKind({
  id: 'upSampling2d',
  category: 'generative',
  label: { en: 'UpSampling2D', 'zh-CN': '二维上采样' },
  inputs: { min: 1, max: 1 },
  params: {
    size: p.ints({
      default: [2, 2],
      minLength: 2,
      maxLength: 2,
      min: 1,
      key: true,
      label: { en: 'Factor', 'zh-CN': '放大倍数' },
      help: {
        en: 'How many times larger the image gets, vertically × horizontally. [2, 2] turns 7×7 into 14×14.',
        'zh-CN': '图像在纵向 × 横向上放大几倍。[2, 2] 会把 7×7 变成 14×14。',
      },
    }),
    interpolation: p.enum(['nearest', 'bilinear'] as const, {
      default: 'nearest',
      optionLabels: {
        nearest: { en: 'nearest (repeat pixels)', 'zh-CN': '最近邻（复制像素）' },
        bilinear: { en: 'bilinear (smooth)', 'zh-CN': '双线性（平滑）' },
      },
      label: { en: 'Interpolation', 'zh-CN': '插值方式' },
      help: {
        en: 'nearest copies each pixel into a block; bilinear blends neighbours for a smoother result.',
        'zh-CN': '最近邻把每个像素复制成一个小方块；双线性把相邻像素混合，结果更平滑。',
      },
    }),
  },
  inferShape([input], p) {
    if (input.length !== 3) return fail('needsImage', { got: formatShape(input) })
    const [h, w, c] = input
    return ok([scale(h, p.size[0]), scale(w, p.size[1]), c])
  },
  paramCount: () => noParams,
  build: (tf, p, { name }) =>
    tf.layers.upSampling2d({ size: [p.size[0], p.size[1]], interpolation: p.interpolation, name }),
  summary: (p) => `×${p.size.join('×')} · ${p.interpolation}`,
  code: {
    keras: (p, { name }) =>
      p.interpolation === 'bilinear'
        ? {
            layer: pyCall('LegacyBilinearUpSampling2D', [], { size: pyTuple(p.size), name: pyStr(name) }),
            helpers: { LegacyBilinearUpSampling2D: KERAS_BILINEAR },
          }
        : {
            layer: pyCall('layers.UpSampling2D', [], {
              size: pyTuple(p.size),
              interpolation: '"nearest"',
              name: pyStr(name),
            }),
          },
    // nearest repeats each pixel; bilinear follows tfjs' (legacy TF) sampling, not torch's half-pixel one.
    pytorch: (p, { outputShape }) => {
      const [sh, sw] = p.size
      if (p.interpolation === 'bilinear') {
        return {
          forward: ([x]) => `tf_resize_bilinear(${x}, ${pyInt(outputShape[0] ?? 0)}, ${pyInt(outputShape[1] ?? 0)})`,
          layout: 'channelsFirst',
          helpers: { tf_resize_bilinear: TORCH_RESIZE_BILINEAR },
        }
      }
      return {
        forward: ([x]) => `${x}.repeat_interleave(${sh}, dim=2).repeat_interleave(${sw}, dim=3)`,
        layout: 'channelsFirst',
      }
    },
  },
  docs: {
    en: {
      summary: 'Makes the image larger by repeating (or blending) pixels. Nothing is learned, so it is cheap.',
      formula: 'y[i, j, c] = x[⌊i / s_h⌋, ⌊j / s_w⌋, c] (nearest); H×W×C → (H·s_h)×(W·s_w)×C',
      whenToUse:
        'Decoders and generators, usually followed by a Conv2D that learns the detail. A simpler alternative to Conv2DTranspose that avoids checkerboard artefacts.',
    },
    'zh-CN': {
      summary: '通过复制（或混合）像素把图像放大。不学习任何参数，计算量很小。',
      formula: 'y[i, j, c] = x[⌊i / s_h⌋, ⌊j / s_w⌋, c]（最近邻）；H×W×C → (H·s_h)×(W·s_w)×C',
      whenToUse: '用于解码器和生成器，后面通常接一个二维卷积来学习细节。比转置卷积更简单，也不容易出现棋盘格伪影。',
    },
  },
})
