#!/usr/bin/env node
// Regenerates the README's Try-it pictures, docs/tryit.png and docs/web-demo.png, on a trained
// model: trains mlp-mnist briefly with the CLI (one epoch, capped batches, the project's seed),
// then runs the mlp-mnist e2e case (a digit drawn on the pad) on that trained project with
// screenshots on. Build the web app first: npm run build:web.
// Run: node scripts/screenshots-tryit.mjs
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
if (!existsSync(join(root, 'dist-web', 'index.html'))) {
  console.error('dist-web/index.html is missing: run `npm run build:web` first.')
  process.exit(1)
}
const work = mkdtempSync(join(tmpdir(), 'layercanvas-screenshots-'))
try {
  const out = join(work, 'run')
  const cli = join(root, 'bin', 'layercanvas.mjs')
  const template = join(root, 'templates', 'mlp-mnist.json')
  execFileSync(process.execPath, [cli, 'train', template, '--epochs', '1', '--max-batches', '400', '--out', out], {
    stdio: 'inherit',
  })
  execFileSync(process.execPath, [join(root, 'test', 'e2e', 'run.mjs'), 'mlp-mnist: a digit drawn on the pad'], {
    stdio: 'inherit',
    env: { ...process.env, E2E_SCREENSHOT: '1', E2E_TRYIT_PROJECT: join(out, 'project.layercanvas') },
  })
  console.log('wrote docs/tryit.png and docs/web-demo.png')
} finally {
  rmSync(work, { recursive: true, force: true })
}
