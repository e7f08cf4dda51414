import { p, type ParamValues } from '../params/schema'
import type { Dataset } from './dataset'
import { withDefaults } from './options'
import { createRng, permutation, type Rng } from './random'
import { seedOption } from './toys'

/**
 * Synthetic colour pictures of circles, squares and triangles: random position, size,
 * rotation and colours on a random background. Small enough to train a CNN in a minute, and
 * a first taste of 3-channel images (the colours carry no information: only the shape does).
 */
export const SHAPES_SIDE = 32
export const SHAPE_CLASSES = ['circle', 'square', 'triangle']

export const SHAPES_OPTIONS = {
  samples: p.int({
    default: 1500,
    min: 30,
    max: 50_000,
    label: { en: 'Samples', 'zh-CN': '样本数' },
    help: {
      en: 'How many pictures to draw (a third of each shape).',
      'zh-CN': '生成多少张图片（三种形状各占三分之一）。',
    },
  }),
  noise: p.float({
    default: 0.1,
    min: 0,
    max: 1,
    step: 0.05,
    label: { en: 'Noise', 'zh-CN': '噪声' },
    help: {
      en: 'Random speckle on every pixel (standard deviation = noise × 0.25).',
      'zh-CN': '每个像素上的随机噪点（标准差 = 噪声 × 0.25）。',
    },
  }),
  antialias: p.bool({
    default: true,
    label: { en: 'Smooth edges', 'zh-CN': '平滑边缘' },
    help: {
      en: 'Blend edge pixels (anti-aliasing) instead of hard, jagged edges.',
      'zh-CN': '对边缘像素做混合（抗锯齿），而不是生硬的锯齿边缘。',
    },
  }),
  seed: seedOption,
}
export type ShapesOptions = ParamValues<typeof SHAPES_OPTIONS>

type Inside = (x: number, y: number) => boolean

function shapeTest(kind: number, cx: number, cy: number, r: number, angle: number): Inside {
  const cos = Math.cos(angle)
  const sin = Math.sin(angle)
  if (kind === 0) return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r
  if (kind === 1) {
    const half = r * 0.8 // about the area of the circle
    return (x, y) => {
      const u = (x - cx) * cos + (y - cy) * sin
      const v = -(x - cx) * sin + (y - cy) * cos
      return Math.abs(u) <= half && Math.abs(v) <= half
    }
  }
  const R = r * 1.15
  const vx = [0, 1, 2].map((j) => cx + R * Math.cos(angle + (2 * Math.PI * j) / 3))
  const vy = [0, 1, 2].map((j) => cy + R * Math.sin(angle + (2 * Math.PI * j) / 3))
  const edge = (a: number, b: number, x: number, y: number) =>
    (vx[b] - vx[a]) * (y - vy[a]) - (vy[b] - vy[a]) * (x - vx[a])
  return (x, y) => {
    const e0 = edge(0, 1, x, y)
    const e1 = edge(1, 2, x, y)
    const e2 = edge(2, 0, x, y)
    return (e0 >= 0 && e1 >= 0 && e2 >= 0) || (e0 <= 0 && e1 <= 0 && e2 <= 0)
  }
}

function colourPair(rng: Rng): [number[], number[]] {
  const background = [rng.next(), rng.next(), rng.next()]
  for (;;) {
    const fill = [rng.next(), rng.next(), rng.next()]
    const distance = Math.hypot(fill[0] - background[0], fill[1] - background[1], fill[2] - background[2])
    if (distance >= 0.4) return [background, fill]
  }
}

export function shapesDataset(options: Partial<ShapesOptions> = {}): Dataset {
  const o = withDefaults(SHAPES_OPTIONS, options)
  const rng = createRng(o.seed)
  const side = SHAPES_SIDE
  const pixels = side * side
  const size = o.samples
  const features = new Float32Array(size * pixels * 3)
  const labels = new Int32Array(size)
  const order = permutation(size, rng)
  const sub = o.antialias ? 3 : 1
  const offsets = Array.from({ length: sub }, (_, s) => (s + 0.5) / sub)
  const std = 0.25 * o.noise
  for (let i = 0; i < size; i++) {
    const kind = i % 3
    const r = rng.uniform(5, 11)
    const margin = r * 1.2 + 1
    const inside = shapeTest(
      kind,
      rng.uniform(margin, side - margin),
      rng.uniform(margin, side - margin),
      r,
      rng.uniform(0, 2 * Math.PI),
    )
    const [background, fill] = colourPair(rng)
    const at = order[i]
    labels[at] = kind
    const base = at * pixels * 3
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        let hits = 0
        for (const dy of offsets) for (const dx of offsets) if (inside(x + dx, y + dy)) hits++
        const alpha = hits / (sub * sub)
        const px = base + (y * side + x) * 3
        for (let c = 0; c < 3; c++) {
          const value = background[c] * (1 - alpha) + fill[c] * alpha + (std > 0 ? std * rng.gaussian() : 0)
          features[px + c] = value < 0 ? 0 : value > 1 ? 1 : value
        }
      }
    }
  }
  return {
    id: 'shapes',
    name: { en: 'Shapes (colour images)', 'zh-CN': '几何图形（彩色图片）' },
    description: {
      en: `${size} colour pictures (32×32 RGB) of a circle, a square or a triangle in random places, sizes, angles and colours. Only the shape tells the class apart — a first CNN task on colour images.`,
      'zh-CN': `${size} 张 32×32 的彩色图片，画着圆形、正方形或三角形，位置、大小、角度和颜色都是随机的。只有形状能区分类别——适合在彩色图片上练习第一个卷积神经网络。`,
    },
    task: 'classification',
    inputShape: [side, side, 3],
    inputDtype: 'float32',
    features,
    labels,
    targetShape: [],
    classNames: [...SHAPE_CLASSES],
    preview: 'image',
    size,
  }
}
