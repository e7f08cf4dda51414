import { defineLayerKind, fail, noParams, ok } from '../kind'
import { p } from '../../params/schema'
import { formatShape } from '../../shapes/shape'
import { pyCall, pyStr } from '../../codegen/python/literal'
import { customLayers } from '../custom'

const KERAS_CONDITION = `@keras.saving.register_keras_serializable(package="layercanvas")
class Condition(layers.Layer):
    """LayerCanvas' condition: [features (batch, ..., C), vector (batch, C or 2C)] -> features with
    the vector added at every position ("add") or used as FiLM scale and shift ("film": x * (1 + g) + b)."""

    def __init__(self, mode="add", **kwargs):
        super().__init__(**kwargs)
        self.mode = mode

    def call(self, inputs):
        x, v = inputs
        c = x.shape[-1]
        at = lambda t: ops.reshape(t, (-1,) + (1,) * (len(x.shape) - 2) + (t.shape[-1],))
        if self.mode == "add":
            return x + at(v)
        return x * (1.0 + at(v[:, :c])) + at(v[:, c:])

    def get_config(self):
        return {**super().get_config(), "mode": self.mode}
`

const TORCH_CONDITION = `def tf_condition(x, v, mode):
    """x [batch, ..., C] (tfjs order), v [batch, C] ("add") or [batch, 2C] ("film": x * (1 + g) + b)."""
    at = lambda t: t.reshape(t.shape[0], *([1] * (x.dim() - 2)), t.shape[-1])
    if mode == "add":
        return x + at(v)
    c = x.shape[-1]
    return x * (1 + at(v[:, :c])) + at(v[:, c:])
`

export const condition = defineLayerKind({
  id: 'condition',
  category: 'generative',
  label: { en: 'Condition', 'zh-CN': '条件注入' },
  inputs: {
    min: 2,
    max: 2,
    names: [
      { en: 'features', 'zh-CN': '特征' },
      { en: 'condition', 'zh-CN': '条件' },
    ],
  },
  params: {
    mode: p.enum(['add', 'film'] as const, {
      default: 'add',
      key: true,
      optionLabels: {
        add: { en: 'add (vector of C)', 'zh-CN': '相加（长度 C 的向量）' },
        film: { en: 'FiLM: scale and shift (vector of 2C)', 'zh-CN': 'FiLM：缩放并平移（长度 2C 的向量）' },
      },
      label: { en: 'How', 'zh-CN': '方式' },
      help: {
        en: 'add: the condition vector (C numbers, one per channel) is added at every position. FiLM: 2C numbers, the first C scale the channels (×(1 + γ)), the last C shift them (+β).',
        'zh-CN':
          '相加：条件向量（C 个数，每个通道一个）加到每个位置上。FiLM：2C 个数，前 C 个缩放各通道（×(1 + γ)），后 C 个平移（+β）。',
      },
    }),
  },
  // Port 0: features [..., C] (image, sequence or vector); port 1: a vector [C] or [2C].
  inferShape([features, vector], p) {
    if (features.length === 0) return fail('needsRank', { rank: '1+', got: formatShape(features) })
    const channels = features[features.length - 1]
    if (channels === null) return fail('unknownDim', { got: formatShape(features) })
    const want = p.mode === 'film' ? 2 * channels : channels
    if (vector.length !== 1 || (vector[0] !== null && vector[0] !== want)) {
      return fail('conditionSize', { want, channels, got: formatShape(vector) })
    }
    return ok(features)
  },
  paramCount: () => noParams,
  build(tf, p, { name }) {
    const { Condition } = customLayers(tf)
    return new Condition({ mode: p.mode, name })
  },
  summary: (p) => (p.mode === 'film' ? 'x·(1+γ)+β' : 'x + v'),
  messages: {
    conditionSize: {
      en: '{layer}: the condition (second input) must be a vector of {want} numbers for features with {channels} channels, but it is {got}. Put a Dense with {want} units before it.',
      'zh-CN':
        '{layer}：特征有 {channels} 个通道，条件（第二个输入）必须是长度为 {want} 的向量，但收到的是 {got}。请在它前面接一个 {want} 个单元的全连接层。',
    },
  },
  code: {
    keras: (p, { name }) => ({
      layer: pyCall('Condition', [], { mode: pyStr(p.mode), name: pyStr(name) }),
      call: (layer, inputs) => `${layer}([${inputs.join(', ')}])`,
      helpers: { Condition: KERAS_CONDITION },
    }),
    pytorch: (p) => ({
      forward: ([x, v]) => `tf_condition(${x}, ${v}, ${pyStr(p.mode)})`,
      helpers: { tf_condition: TORCH_CONDITION },
    }),
  },
  docs: {
    en: {
      summary:
        'Tells a feature map about something global — the diffusion timestep, a class — by adding the same vector at every pixel (or FiLM: scaling and shifting every channel). It learns nothing; the Dense before its second input does.',
      formula: 'add: y[…, c] = x[…, c] + v[c]; FiLM: y[…, c] = x[…, c] · (1 + v[c]) + v[C + c]',
      whenToUse:
        'In a diffusion U-Net: Timestep → Timestep Embedding → Dense(C) → Condition’s second input, with a Conv2D’s output (C filters) as its first.',
    },
    'zh-CN': {
      summary:
        '把一个全局信息（扩散的时间步、类别）告诉特征图：在每个像素上加上同一个向量（或 FiLM：对每个通道缩放并平移）。它本身没有参数；由接在第二个输入前的全连接层来学习。',
      formula: '相加：y[…, c] = x[…, c] + v[c]；FiLM：y[…, c] = x[…, c] · (1 + v[c]) + v[C + c]',
      whenToUse:
        '用于扩散模型的 U-Net：时间步 → 时间步嵌入 → 全连接(C) → 条件注入的第二个输入；第一个输入接一个有 C 个滤波器的二维卷积的输出。',
    },
  },
})
