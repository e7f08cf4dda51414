import { p, type ParamValues } from '../params/schema'
import type { Dataset } from './dataset'
import { withDefaults } from './options'
import { createRng, permutation } from './random'
import { seedOption } from './toys'

/**
 * The real distribution of a 2-D GAN (GAN Lab's and the unrolled-GAN paper's classic): a ring
 * of small round Gaussian clouds ("modes"). A generator that learns only some of them is the
 * textbook picture of mode collapse. The GAN ignores the labels; they say which mode a point
 * was drawn from, so the Data panel colours the modes and the GAN view can count the modes the
 * generator covers.
 */
export const RING_OPTIONS = {
  samples: p.int({
    default: 2000,
    min: 10,
    max: 100_000,
    label: { en: 'Samples', 'zh-CN': '样本数' },
    help: { en: 'How many real points to draw.', 'zh-CN': '抽取多少个真实的点。' },
  }),
  modes: p.int({
    default: 8,
    min: 0,
    max: 8,
    label: { en: 'Modes (clouds)', 'zh-CN': '模式数（点团数）' },
    help: {
      en: 'How many clouds sit on the ring (0 = one continuous ring, counted in 8 arcs). A generator that makes points for only some of them has collapsed.',
      'zh-CN':
        '圆环上有多少团点（0 表示一个连续的圆环，按 8 段圆弧计数）。生成器只为其中几团生成点，就是发生了模式崩溃。',
    },
  }),
  noise: p.float({
    default: 0.1,
    min: 0,
    max: 1,
    step: 0.05,
    label: { en: 'Noise', 'zh-CN': '噪声' },
    help: {
      en: 'How wide each cloud is (standard deviation = 0.2 × noise): 0 = every point exactly on its mode.',
      'zh-CN': '每团点的宽度（标准差 = 0.2 × 噪声）：0 表示每个点都恰好落在模式中心。',
    },
  }),
  seed: seedOption,
}
export type RingOptions = ParamValues<typeof RING_OPTIONS>

/** The ring's radius: the clouds' centres sit at distance 0.8 from the origin. */
export const RING_RADIUS = 0.8

const LETTERS = 'ABCDEFGH'
/** A continuous ring is counted in this many arcs (its "modes" for the coverage). */
const CONTINUOUS_ARCS = 8

export function ringDataset(options: Partial<RingOptions> = {}): Dataset {
  const o = withDefaults(RING_OPTIONS, options)
  const rng = createRng(o.seed)
  const size = o.samples
  const std = 0.2 * o.noise
  const features = new Float32Array(size * 2)
  const labels = new Int32Array(size)
  const order = permutation(size, rng)
  const continuous = o.modes === 0
  const modes = continuous ? CONTINUOUS_ARCS : o.modes
  for (let i = 0; i < size; i++) {
    // A continuous ring: evenly spread angles, labelled by the arc they fall in.
    const angle = continuous ? (2 * Math.PI * (i + rng.next())) / size : (2 * Math.PI * (i % modes)) / modes
    const k = continuous ? Math.min(modes - 1, Math.floor((angle / (2 * Math.PI)) * modes)) : i % modes
    const at = order[i]
    features[at * 2] = RING_RADIUS * Math.cos(angle) + std * rng.gaussian()
    features[at * 2 + 1] = RING_RADIUS * Math.sin(angle) + std * rng.gaussian()
    labels[at] = k
  }
  return {
    id: 'ring',
    name: { en: 'Ring of Gaussians', 'zh-CN': '高斯环' },
    description: {
      en: continuous
        ? 'Points all around a ring: the real distribution for a 2-D GAN. A generator that covers only part of the ring shows mode collapse.'
        : `${o.modes} round clouds of points on a ring: the real distribution for a 2-D GAN. A generator that covers only some clouds shows mode collapse.`,
      'zh-CN': continuous
        ? '分布在整个圆环上的点：二维 GAN 要学习的真实分布。生成器只覆盖圆环的一部分，就是模式崩溃。'
        : `圆环上的 ${o.modes} 团圆形点云：二维 GAN 要学习的真实分布。生成器只覆盖其中几团，就是模式崩溃。`,
    },
    task: 'classification',
    inputShape: [2],
    inputDtype: 'float32',
    features,
    labels,
    targetShape: [],
    classNames: LETTERS.slice(0, modes).split(''),
    featureNames: ['x', 'y'],
    preview: 'points',
    size,
  }
}
