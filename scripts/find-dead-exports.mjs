#!/usr/bin/env node
// Lists exported names of src/ that no other file mentions (a quick ts-prune), in two kinds:
//   dead      — not used in its own file either: code nobody runs, delete it;
//   local     — used only inside its own file: the `export` is not needed.
// Heuristic on purpose, without a dependency: a name counts as used when any other source,
// test, script or bench file mentions it as a word (so a name that is also a common word may
// hide). Read the list before deleting anything.
//   node scripts/find-dead-exports.mjs [--dead]
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const ROOT = new URL('..', import.meta.url).pathname
const SOURCE = /\.(ts|tsx|mts|mjs|js)$/

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'out' || name.startsWith('.')) continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) walk(path, out)
    else if (SOURCE.test(name)) out.push(path)
  }
  return out
}

const files = ['src', 'test', 'scripts', 'bench'].flatMap((dir) => walk(join(ROOT, dir)))
const texts = new Map(files.map((file) => [file, readFileSync(file, 'utf8')]))
const EXPORT =
  /^export\s+(?:declare\s+)?(?:async\s+)?(?:const|let|function\*?|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm

const deadOnly = process.argv.includes('--dead')
const counts = { dead: 0, local: 0 }
for (const [file, text] of texts) {
  if (!file.startsWith(join(ROOT, 'src'))) continue
  for (const match of text.matchAll(EXPORT)) {
    const name = match[1]
    const word = new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`, 'g')
    const usedElsewhere = [...texts].some(([other, otherText]) => other !== file && otherText.search(word) !== -1)
    if (usedElsewhere) continue
    const kind = (text.match(word) ?? []).length > 1 ? 'local' : 'dead'
    counts[kind]++
    if (!deadOnly || kind === 'dead') console.log(`${kind.padEnd(5)} ${relative(ROOT, file)}: ${name}`)
  }
}
console.error(`${counts.dead} dead export(s), ${counts.local} used only in their own file`)
