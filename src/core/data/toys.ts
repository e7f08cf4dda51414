import type { LocalText } from '../i18n/text'
import { p, type ParamValues } from '../params/schema'
import type { Dataset } from './dataset'
import { withDefaults } from './options'
import { createRng, permutation, type Rng } from './random'

/**
 * Small 2-D classification sets (the TensorFlow Playground family): every sample is a point
 * (x, y) in about −1…1, so the Data panel can draw it and the decision boundary over it.
 */
const samples = p.int({
  default: 400,
  min: 10,
  max: 100_000,
  label: { en: 'Samples', 'zh-CN': '样本数' },
  help: { en: 'How many points to generate.', 'zh-CN': '生成多少个点。' },
})
const noise = p.float({
  default: 0.1,
  min: 0,
  max: 1,
  step: 0.05,
  label: { en: 'Noise', 'zh-CN': '噪声' },
  help: {
    en: 'How much the points are scattered: 0 = clean shapes, 1 = heavily overlapping classes.',
    'zh-CN': '点的散乱程度：0 表示形状清晰，1 表示各类别严重重叠。',
  },
})
export const seedOption = p.int({
  default: 42,
  min: 0,
  max: 2_147_483_647,
  label: { en: 'Random seed', 'zh-CN': '随机种子' },
  help: {
    en: 'The same seed always gives the same data; change it for a different draw.',
    'zh-CN': '相同的种子总会生成相同的数据；换一个种子就得到另一批数据。',
  },
})

export const TOY_OPTIONS = { samples, noise, seed: seedOption }
export const SPIRAL_OPTIONS = {
  ...TOY_OPTIONS,
  classes: p.int({
    default: 3,
    min: 2,
    max: 8,
    label: { en: 'Arms (classes)', 'zh-CN': '旋臂数（类别数）' },
    help: {
      en: 'How many intertwined spiral arms, one class each.',
      'zh-CN': '互相缠绕的旋臂条数，每条旋臂是一个类别。',
    },
  }),
}
export type ToyOptions = ParamValues<typeof TOY_OPTIONS>
export type SpiralOptions = ParamValues<typeof SPIRAL_OPTIONS>

const LETTERS = 'ABCDEFGH'

/** Draws `count` points; `point(k, t, rng)` returns the (x, y) of a point of class k, t in [0, 1). */
function pointsDataset(
  id: string,
  name: LocalText,
  description: LocalText,
  classes: number,
  o: ToyOptions,
  point: (k: number, t: number, rng: Rng) => [number, number],
): Dataset {
  const rng = createRng(o.seed)
  const size = o.samples
  const features = new Float32Array(size * 2)
  const labels = new Int32Array(size)
  // Balanced classes, then a seeded shuffle so any prefix of the data mixes all classes.
  const order = permutation(size, rng)
  for (let i = 0; i < size; i++) {
    const k = i % classes
    const perClass = Math.ceil((size - k) / classes)
    const t = Math.floor(i / classes) / perClass
    const [x, y] = point(k, t, rng)
    const at = order[i]
    features[at * 2] = x
    features[at * 2 + 1] = y
    labels[at] = k
  }
  return {
    id,
    name,
    description,
    task: 'classification',
    inputShape: [2],
    inputDtype: 'float32',
    features,
    labels,
    targetShape: [],
    classNames: LETTERS.slice(0, classes).split(''),
    featureNames: ['x', 'y'],
    preview: 'points',
    size,
  }
}

export function spiralDataset(options: Partial<SpiralOptions> = {}): Dataset {
  const o = withDefaults(SPIRAL_OPTIONS, options)
  const spread = 0.25 * o.noise
  return pointsDataset(
    'spiral',
    { en: 'Spiral', 'zh-CN': '螺旋' },
    {
      en: `${o.classes} intertwined spiral arms. No straight line separates them: a network needs hidden layers to bend its boundary.`,
      'zh-CN': `${o.classes} 条互相缠绕的螺旋臂。任何直线都无法把它们分开：网络需要隐藏层才能弯曲决策边界。`,
    },
    o.classes,
    o,
    (k, t, rng) => {
      const r = 0.05 + 0.95 * t
      const angle = (2 * Math.PI * k) / o.classes + t * 3 * Math.PI
      return [r * Math.cos(angle) + spread * rng.gaussian(), r * Math.sin(angle) + spread * rng.gaussian()]
    },
  )
}

export function xorDataset(options: Partial<ToyOptions> = {}): Dataset {
  const o = withDefaults(TOY_OPTIONS, options)
  const spread = 0.3 * o.noise
  return pointsDataset(
    'xor',
    { en: 'XOR', 'zh-CN': '异或（XOR）' },
    {
      en: 'Points in four quarters: class A where x and y have the same sign, B where they differ. The classic problem a single neuron cannot solve.',
      'zh-CN': '分布在四个象限的点：x 与 y 同号为 A 类，异号为 B 类。这是单个神经元无法解决的经典问题。',
    },
    2,
    o,
    (k, _t, rng) => {
      // Keep a small gap around the axes so the clean version is exactly separable.
      const side = () => (rng.next() < 0.5 ? -1 : 1) * rng.uniform(0.05, 1)
      const x = side()
      let y = side()
      if ((x * y > 0 ? 0 : 1) !== k) y = -y
      return [x + spread * rng.gaussian(), y + spread * rng.gaussian()]
    },
  )
}

export function circlesDataset(options: Partial<ToyOptions> = {}): Dataset {
  const o = withDefaults(TOY_OPTIONS, options)
  const spread = 0.25 * o.noise
  return pointsDataset(
    'circles',
    { en: 'Circles', 'zh-CN': '同心圆' },
    {
      en: 'A disc of class A inside a ring of class B. The boundary is a circle, so the network must learn a curved shape.',
      'zh-CN': 'A 类的圆盘被 B 类的圆环包围。分界线是一个圆，网络必须学会弯曲的边界。',
    },
    2,
    o,
    (k, _t, rng) => {
      const r = k === 0 ? 0.5 * Math.sqrt(rng.next()) : rng.uniform(0.7, 1)
      const angle = rng.uniform(0, 2 * Math.PI)
      return [r * Math.cos(angle) + spread * rng.gaussian(), r * Math.sin(angle) + spread * rng.gaussian()]
    },
  )
}

export function gaussiansDataset(options: Partial<ToyOptions> = {}): Dataset {
  const o = withDefaults(TOY_OPTIONS, options)
  const std = 0.15 + 0.45 * o.noise
  return pointsDataset(
    'gaussians',
    { en: 'Two clusters', 'zh-CN': '两团高斯点' },
    {
      en: 'Two round clouds of points. A straight line separates them: even a single neuron (logistic regression) can learn it.',
      'zh-CN': '两团圆形的点云。一条直线就能把它们分开：哪怕只有一个神经元（逻辑回归）也能学会。',
    },
    2,
    o,
    (k, _t, rng) => {
      const centre = k === 0 ? -0.5 : 0.5
      return [centre + std * rng.gaussian(), centre + std * rng.gaussian()]
    },
  )
}
