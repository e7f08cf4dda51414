#!/usr/bin/env node
// Runs every benchmark in bench/ (*.ts, *.mts, *.js, *.mjs), one after another, each in its own
// Node process with the tsx loader, and prints their figures. Usage:
//   npm run bench                    all benches
//   npm run bench -- shape frame     only the files whose name contains one of the words
// Exits 1 if a bench fails (throws / exits non-zero); a bench reports its own target verdicts.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const benchDir = join(root, 'bench')
const filters = process.argv.slice(2)

const files = readdirSync(benchDir, { withFileTypes: true })
  .filter((entry) => entry.isFile() && /\.(m?ts|m?js)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
  .map((entry) => entry.name)
  .filter((name) => filters.length === 0 || filters.some((word) => name.includes(word)))
  .sort()

if (files.length === 0) {
  console.error(`bench: no benchmark in bench/${filters.length ? ` matching ${filters.join(', ')}` : ''}`)
  process.exit(1)
}

const failed = []
for (const name of files) {
  console.log(`\n▶ ${name}`)
  const started = performance.now()
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(benchDir, name)], { cwd: root, stdio: 'inherit' })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  if (result.status === 0) {
    console.log(`  (${name}: done in ${seconds} s)`)
  } else {
    failed.push(name)
    console.log(`  ✗ ${name} failed (${result.signal ?? `exit ${result.status}`}) after ${seconds} s`)
  }
}

console.log(
  `\n${files.length - failed.length}/${files.length} benchmark(s) ran${failed.length ? `; failed: ${failed.join(', ')}` : ''}.`,
)
process.exitCode = failed.length ? 1 : 0
