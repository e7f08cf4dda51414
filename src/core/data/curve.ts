import { p, type ParamValues } from '../params/schema'
import type { Dataset } from './dataset'
import { withDefaults } from './options'
import { createRng } from './random'
import { seedOption } from './toys'

/**
 * 1-D regression, TensorFlow Playground's regression view: x is drawn uniformly in [−1, 1] and
 * y = 0.8·sin(3x) + 0.3x plus Gaussian noise. Small enough for the CPU backend, curved enough
 * that one neuron cannot fit it: the hidden neurons' curves add up to the fitted curve.
 */
export const CURVE_OPTIONS = {
  samples: p.int({
    default: 200,
    min: 10,
    max: 100_000,
    label: { en: 'Samples', 'zh-CN': '样本数' },
    help: { en: 'How many (x, y) points to generate.', 'zh-CN': '生成多少个 (x, y) 点。' },
  }),
  noise: p.float({
    default: 0.1,
    min: 0,
    max: 1,
    step: 0.05,
    label: { en: 'Noise', 'zh-CN': '噪声' },
    help: {
      en: 'Standard deviation of the random jitter added to every y.',
      'zh-CN': '叠加在每个 y 上的随机抖动的标准差。',
    },
  }),
  seed: seedOption,
}
export type CurveOptions = ParamValues<typeof CURVE_OPTIONS>

/** The noiseless curve the points scatter around. */
export const curveFunction = (x: number): number => 0.8 * Math.sin(3 * x) + 0.3 * x

export function curveDataset(options: Partial<CurveOptions> = {}): Dataset {
  const o = withDefaults(CURVE_OPTIONS, options)
  const rng = createRng(o.seed)
  const features = new Float32Array(o.samples)
  const labels = new Float32Array(o.samples)
  for (let i = 0; i < o.samples; i++) {
    const x = rng.uniform(-1, 1)
    features[i] = x
    labels[i] = curveFunction(x) + o.noise * rng.gaussian()
  }
  return {
    id: 'curve',
    name: { en: 'Curve (1-D regression)', 'zh-CN': '曲线（一维回归）' },
    description: {
      en: `${o.samples} points (x, y) around a wavy curve; predict y from x. The network's fitted curve is drawn over the data.`,
      'zh-CN': `${o.samples} 个散布在一条波浪形曲线周围的点 (x, y)；由 x 预测 y。网络拟合出的曲线会画在数据上。`,
    },
    task: 'regression',
    inputShape: [1],
    inputDtype: 'float32',
    features,
    labels,
    targetShape: [1],
    preview: 'table',
    featureNames: ['x'],
    size: o.samples,
  }
}
