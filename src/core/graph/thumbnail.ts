import type { GroupRole, ProjectDocument } from '../document/types'
import type { LayerCategory } from '../layers/kind'
import { getLayerKind } from '../layers/registry'
import { analyzeGraph } from '../shapes/analyze'

/**
 * A small picture of a network for the template gallery: every layer a bar where it sits on the
 * canvas (so branches, skip connections and a GAN's two chains show), as wide as the (squared) log of
 * its output size (a CNN narrows, an autoencoder is an hourglass), coloured by category as on the
 * canvas; groups are dashed frames in their role's colour. No text, so nothing to translate or
 * escape. Pure: the same document always gives the same SVG string.
 */
export interface ThumbnailOptions {
  width?: number
  height?: number
}

/** The canvas' category colours (renderer styles/theme.css), readable on light and dark cards. */
export const CATEGORY_COLORS: Record<LayerCategory, string> = {
  io: '#0ea5a4',
  core: '#4f7cff',
  conv: '#8b5cf6',
  pool: '#d946ef',
  norm: '#f59e0b',
  recurrent: '#10b981',
  attention: '#f97316',
  merge: '#64748b',
  generative: '#ec4899',
}

const ROLE_COLORS: Record<GroupRole, string> = {
  block: '#64748b',
  generator: '#db2777',
  discriminator: '#d97706',
  encoder: '#0d9488',
  decoder: '#7c3aed',
}

/** The layout's card (core/graph/layout.ts): positions are top-left corners. */
const CARD = { width: 200, height: 86 }
/** Horizontal distance between neighbouring columns in a laid-out document (card + nodesep). */
const COLUMN = 240
const PAD = 6

const r1 = (v: number) => Math.round(v * 10) / 10

export function templateThumbnail(doc: ProjectDocument, options: ThumbnailOptions = {}): string {
  const W = options.width ?? 160
  const H = options.height ?? 100
  const open = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-hidden="true">`
  if (doc.nodes.length === 0) return `${open}</svg>`

  const analysis = analyzeGraph(doc)
  const centres = doc.nodes.map((n) => ({ x: n.position.x + CARD.width / 2, y: n.position.y + CARD.height / 2 }))
  const xs = centres.map((c) => c.x)
  const ys = centres.map((c) => c.y)
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]
  const rows = new Set(ys).size

  // Bars of neighbouring columns never overlap; a single column gets most of the width.
  const maxWidth = ((W - 2 * PAD) / ((maxX - minX) / COLUMN + 1)) * 0.9
  const barHeight = Math.max(1.5, Math.min(7, ((H - 2 * PAD) / rows) * 0.6))
  const left = PAD + maxWidth / 2
  const spanX = W - 2 * PAD - maxWidth
  const top = PAD + barHeight / 2
  const spanY = H - 2 * PAD - barHeight
  const px = (x: number) => (maxX > minX ? left + ((x - minX) / (maxX - minX)) * spanX : W / 2)
  const py = (y: number) => (maxY > minY ? top + ((y - minY) / (maxY - minY)) * spanY : H / 2)

  const sizes = doc.nodes.map((n) => {
    const shape = analysis.nodes[n.id]?.outputShape
    return shape ? shape.reduce<number>((a, d) => a * (d ?? 1), 1) : 1
  })
  const logMax = Math.log1p(Math.max(...sizes))
  const bars = new Map(
    doc.nodes.map((n, i) => {
      const width = maxWidth * (0.2 + 0.8 * (Math.log1p(sizes[i]) / (logMax || 1)) ** 2)
      const cx = px(centres[i].x)
      const cy = py(centres[i].y)
      return [n.id, { x: cx - width / 2, y: cy - barHeight / 2, width, cx, cy }]
    }),
  )

  const parts: string[] = [open]
  for (const group of doc.groups) {
    const members = group.nodeIds.map((id) => bars.get(id)).filter((b) => b !== undefined)
    if (members.length === 0) continue
    const x0 = Math.min(...members.map((b) => b.x)) - 2
    const y0 = Math.min(...members.map((b) => b.y)) - 2
    const x1 = Math.max(...members.map((b) => b.x + b.width)) + 2
    const y1 = Math.max(...members.map((b) => b.y + barHeight)) + 2
    const color = ROLE_COLORS[group.role] ?? ROLE_COLORS.block
    parts.push(
      `<rect class="group" x="${r1(x0)}" y="${r1(y0)}" width="${r1(x1 - x0)}" height="${r1(y1 - y0)}" rx="3" fill="${color}" fill-opacity="0.08" stroke="${color}" stroke-width="0.8" stroke-dasharray="2 1.5"/>`,
    )
  }
  for (const edge of doc.edges) {
    const a = bars.get(edge.source)
    const b = bars.get(edge.target)
    if (!a || !b) continue
    parts.push(
      `<line class="edge" x1="${r1(a.cx)}" y1="${r1(a.cy + barHeight / 2)}" x2="${r1(b.cx)}" y2="${r1(b.cy - barHeight / 2)}" stroke="#94a3b8" stroke-width="0.7"/>`,
    )
  }
  doc.nodes.forEach((n) => {
    const bar = bars.get(n.id)!
    const category = getLayerKind(n.kind)?.category
    const color = category ? CATEGORY_COLORS[category] : CATEGORY_COLORS.merge
    parts.push(
      `<rect class="layer" x="${r1(bar.x)}" y="${r1(bar.y)}" width="${r1(bar.width)}" height="${r1(barHeight)}" rx="${r1(Math.min(2, barHeight / 2))}" fill="${color}"/>`,
    )
  })
  parts.push('</svg>')
  return parts.join('')
}
