import { defineLayerKind, fail, noParams, ok } from '../kind'
import { p } from '../../params/schema'
import { formatShape } from '../../shapes/shape'
import { pyCall, pyFloat, pyInt, pyStr } from '../../codegen/python/literal'
import { customLayers } from '../custom'

const KERAS_TIMESTEP_EMBEDDING = `@keras.saving.register_keras_serializable(package="layercanvas")
class TimestepEmbedding(layers.Layer):
    """LayerCanvas' sinusoidal timestep embedding: t [batch, 1] -> [sin(t*f), cos(t*f)] [batch, dim],
    f_i = max_period ** (-i / (dim // 2))."""

    def __init__(self, dim=32, max_period=10000.0, **kwargs):
        super().__init__(**kwargs)
        self.dim = dim
        self.max_period = max_period
        half = dim // 2
        self.freqs = np.exp(-np.log(max_period) * np.arange(half) / half).astype("float32")[None, :]

    def call(self, t):
        angles = ops.reshape(ops.cast(t, "float32"), (-1, 1)) * self.freqs
        return ops.concatenate([ops.sin(angles), ops.cos(angles)], axis=-1)

    def get_config(self):
        return {**super().get_config(), "dim": self.dim, "max_period": self.max_period}
`

const TORCH_TIMESTEP_EMBEDDING = `class TfTimestepEmbedding(nn.Module):
    """t [batch, 1] -> [sin(t*f), cos(t*f)] [batch, dim], f_i = max_period ** (-i / (dim // 2))."""

    def __init__(self, dim, max_period=10000.0):
        super().__init__()
        half = dim // 2
        freqs = torch.exp(-torch.log(torch.tensor(float(max_period), dtype=torch.float64)) * torch.arange(half, dtype=torch.float64) / half)
        self.register_buffer("freqs", freqs.float()[None, :], persistent=False)

    def forward(self, t):
        angles = t.float().reshape(-1, 1) * self.freqs
        return torch.cat([torch.sin(angles), torch.cos(angles)], dim=-1)
`

export const timestepEmbedding = defineLayerKind({
  id: 'timestepEmbedding',
  category: 'generative',
  label: { en: 'Timestep Embedding', 'zh-CN': '时间步嵌入' },
  inputs: { min: 1, max: 1 },
  params: {
    dim: p.int({
      default: 32,
      min: 2,
      max: 4096,
      key: true,
      label: { en: 'Size', 'zh-CN': '维度' },
      help: {
        en: 'How many numbers describe t (even: half sines, half cosines). 32–128 is usual.',
        'zh-CN': '用多少个数来描述 t（须为偶数：一半正弦、一半余弦）。常用 32–128。',
      },
    }),
    maxPeriod: p.float({
      default: 10_000,
      min: 2,
      max: 1_000_000,
      label: { en: 'Longest period', 'zh-CN': '最长周期' },
      help: {
        en: 'The period of the slowest wave, in timesteps. 10000 as in DDPM; it should exceed the number of timesteps T.',
        'zh-CN': '最慢的那条波的周期（以时间步计）。DDPM 用 10000；它应大于总步数 T。',
      },
    }),
  },
  inferShape([input], p) {
    if (input.length !== 1 || (input[0] !== null && input[0] !== 1))
      return fail('needsTimestep', { got: formatShape(input) })
    if (p.dim % 2 !== 0)
      return fail(
        'divisible',
        { what: 'Size', value: p.dim, by: 2 },
        { type: 'setParam', param: 'dim', value: p.dim + 1 },
      )
    return ok([p.dim])
  },
  paramCount: () => noParams,
  build(tf, p, { name }) {
    const { TimestepEmbedding } = customLayers(tf)
    return new TimestepEmbedding({ dim: p.dim, maxPeriod: p.maxPeriod, name })
  },
  summary: (p) => `sin/cos · ${p.dim}`,
  messages: {
    needsTimestep: {
      en: '{layer} needs one number per sample (a Timestep input, shape [1]) but gets {got}.',
      'zh-CN': '{layer} 需要每个样本一个数（时间步输入，形状 [1]），但收到的是 {got}。',
    },
  },
  code: {
    keras: (p, { name }) => ({
      layer: pyCall('TimestepEmbedding', [], {
        dim: pyInt(p.dim),
        max_period: pyFloat(p.maxPeriod),
        name: pyStr(name),
      }),
      helpers: { TimestepEmbedding: KERAS_TIMESTEP_EMBEDDING },
    }),
    pytorch: (p) => ({
      module: pyCall('TfTimestepEmbedding', [pyInt(p.dim)], { max_period: pyFloat(p.maxPeriod) }),
      forward: ([t], m) => `${m}(${t})`,
      weights: [],
      helpers: { TfTimestepEmbedding: TORCH_TIMESTEP_EMBEDDING },
    }),
  },
  docs: {
    en: {
      summary:
        'Turns the timestep t into a vector of sine and cosine waves of different speeds, so the network can tell t = 3 from t = 80 smoothly. It learns nothing; put a Dense after it.',
      formula: 'h = dim / 2, fᵢ = P^(−i/h); y = [sin(t·f₀) … sin(t·f_{h−1}), cos(t·f₀) … cos(t·f_{h−1})]',
      whenToUse:
        'In a diffusion denoiser: Timestep → Timestep Embedding → Dense → Condition, which adds the result to the image features.',
    },
    'zh-CN': {
      summary:
        '把时间步 t 变成一组快慢不同的正弦、余弦波，让网络能平滑地区分 t = 3 和 t = 80。它没有参数；后面接一个全连接层。',
      formula: 'h = dim / 2，fᵢ = P^(−i/h)；y = [sin(t·f₀) … sin(t·f_{h−1}), cos(t·f₀) … cos(t·f_{h−1})]',
      whenToUse: '用于扩散模型的去噪网络：时间步 → 时间步嵌入 → 全连接 → 条件注入（加到图像特征上）。',
    },
  },
})
