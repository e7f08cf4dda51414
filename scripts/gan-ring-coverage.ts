/**
 * How much of the ring does gan-2d learn? Trains the template (and variants of its settings)
 * with the CLI's own training (`layercanvas train`, CPU), then counts the arcs of the ring its
 * generator covers, with the GAN view's own measure (core/inspect/gan-plane.ts modeCoverage)
 * on 256 generated points. Prints one line per variant: arcs covered, wall time.
 *
 *   node --import tsx scripts/gan-ring-coverage.ts [--epochs 20] [--seed 42] [variant …]
 *
 * Variants: template, lr1e3, batch64, batch64seed7, batch32, wide128.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ringDataset } from '../src/core/data/ring'
import { modeCoverage } from '../src/core/inspect/gan-plane'

type Project = {
  nodes: { kind: string; params: Record<string, unknown> }[]
  training: {
    seed: number
    split: { seed: number }
    batchSize: number
    optimizer: { learningRate: number }
    gan: { samples: number }
    dataset: { options: Record<string, number> }
  }
}

const VARIANTS: Record<string, (p: Project) => void> = {
  template: () => {},
  lr1e3: (p) => {
    p.training.optimizer.learningRate = 0.001
  },
  batch64: (p) => {
    p.training.batchSize = 64
  },
  // The same with other weights and data order (the project's seeds, not only the CLI's --seed).
  batch64seed7: (p) => {
    p.training.batchSize = 64
    p.training.seed = 7
    p.training.split.seed = 7
  },
  batch32: (p) => {
    p.training.batchSize = 32
  },
  wide128: (p) => {
    for (const node of p.nodes) if (node.kind === 'dense' && node.params.units === 64) node.params.units = 128
  },
}

const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`)
  return at > 0 ? Number(process.argv[at + 1]) : fallback
}
const epochs = option('epochs', 20)
/** The seed of the initial weights and the data order (the template's own: 42). */
const seed = option('seed', 42)
const names = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'))
const root = new URL('..', import.meta.url).pathname
const template = readFileSync(join(root, 'templates/gan-2d.json'), 'utf8')

for (const name of names.length > 0 ? names : Object.keys(VARIANTS)) {
  const project = JSON.parse(template) as Project
  VARIANTS[name](project)
  project.training.gan.samples = 256
  const dir = mkdtempSync(join(tmpdir(), `gan-ring-${name}-`))
  writeFileSync(join(dir, 'project.json'), JSON.stringify(project))
  const started = Date.now()
  execFileSync(
    'node',
    [
      join(root, 'bin/layercanvas.mjs'),
      'train',
      join(dir, 'project.json'),
      '--epochs',
      String(epochs),
      '--out',
      join(dir, 'run'),
    ],
    { stdio: 'ignore' },
  )
  const seconds = (Date.now() - started) / 1000
  const samples = JSON.parse(readFileSync(join(dir, 'run', 'samples.json'), 'utf8'))
  const last = (Array.isArray(samples) ? samples : [samples])
    .flat(4)
    .filter((s) => s?.kind === 'points')
    .pop()
  const ring = ringDataset(project.training.dataset.options)
  const coverage = modeCoverage(ring.features, ring.labels, Float32Array.from(last.points as number[]))
  console.log(`${name} (seed ${seed}): ${JSON.stringify(coverage)} after ${epochs} epochs, ${seconds.toFixed(0)} s`)
}
