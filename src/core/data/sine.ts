import { p, type ParamValues } from '../params/schema'
import type { Dataset } from './dataset'
import { withDefaults } from './options'
import { createRng } from './random'
import { seedOption } from './toys'

/**
 * Forecasting: each sample is a window of a wave made of two sines with random frequencies,
 * phases and amplitudes; the target is the value `horizon` steps after the window. Because
 * every sample has its own wave, the network has to read the pattern from the window itself.
 */
export const SINE_OPTIONS = {
  samples: p.int({
    default: 2000,
    min: 10,
    max: 100_000,
    label: { en: 'Samples', 'zh-CN': '样本数' },
    help: { en: 'How many windows to generate.', 'zh-CN': '生成多少个序列窗口。' },
  }),
  window: p.int({
    default: 30,
    min: 2,
    max: 1000,
    label: { en: 'Window (timesteps)', 'zh-CN': '窗口长度（时间步）' },
    help: {
      en: 'How many past values the network sees. The Input must be a sequence of this many timesteps × 1 feature.',
      'zh-CN': '网络能看到多少个过去的数值。输入层应为“序列”，时间步数等于窗口长度，特征数为 1。',
    },
  }),
  horizon: p.int({
    default: 1,
    min: 1,
    max: 100,
    label: { en: 'Horizon', 'zh-CN': '预测步长' },
    help: {
      en: 'How far ahead to predict: 1 = the very next value.',
      'zh-CN': '预测多远之后的值：1 表示紧接着的下一个值。',
    },
  }),
  noise: p.float({
    default: 0.05,
    min: 0,
    max: 1,
    step: 0.05,
    label: { en: 'Noise', 'zh-CN': '噪声' },
    help: {
      en: 'Random jitter added to every value (standard deviation = noise × 0.5).',
      'zh-CN': '叠加在每个数值上的随机抖动（标准差 = 噪声 × 0.5）。',
    },
  }),
  seed: seedOption,
}
export type SineOptions = ParamValues<typeof SINE_OPTIONS>

export function sineDataset(options: Partial<SineOptions> = {}): Dataset {
  const o = withDefaults(SINE_OPTIONS, options)
  const rng = createRng(o.seed)
  const size = o.samples
  const features = new Float32Array(size * o.window)
  const labels = new Float32Array(size)
  const std = 0.5 * o.noise
  for (let i = 0; i < size; i++) {
    // A slow main wave (period 10–40 steps) plus a faster, weaker one (period 4–12 steps).
    const f1 = rng.uniform(1 / 40, 1 / 10)
    const f2 = rng.uniform(1 / 12, 1 / 4)
    const p1 = rng.uniform(0, 2 * Math.PI)
    const p2 = rng.uniform(0, 2 * Math.PI)
    const a1 = rng.uniform(0.5, 1)
    const a2 = rng.uniform(0, 0.35)
    const at = (t: number) =>
      a1 * Math.sin(2 * Math.PI * f1 * t + p1) + a2 * Math.sin(2 * Math.PI * f2 * t + p2) + std * rng.gaussian()
    for (let t = 0; t < o.window; t++) features[i * o.window + t] = at(t)
    labels[i] = at(o.window - 1 + o.horizon)
  }
  return {
    id: 'sine',
    name: { en: 'Waves (forecasting)', 'zh-CN': '波形预测' },
    description: {
      en: `${size} windows of ${o.window} values from waves mixing two frequencies; predict the value ${o.horizon === 1 ? 'that comes next' : `${o.horizon} steps later`}. A first time-series task for RNNs and 1-D convolutions.`,
      'zh-CN': `${size} 个长度为 ${o.window} 的序列窗口，取自两种频率叠加的波形；预测${o.horizon === 1 ? '紧接着的下一个值' : `${o.horizon} 步之后的值`}。适合循环神经网络和一维卷积入门的时间序列任务。`,
    },
    task: 'regression',
    inputShape: [o.window, 1],
    inputDtype: 'float32',
    features,
    labels,
    targetShape: [1],
    preview: 'series',
    size,
  }
}
