#!/usr/bin/env node
/**
 * Maintainers: rebuilds the bundled Chinese fallback font after texts changed (the unit test
 * test/unit/i18n/ui-font.test.ts fails when a character is missing). Users and CI never run
 * this: the generated font is committed.
 *
 *   node scripts/build-ui-font.mjs [source.ttc]
 *
 * Subsets WenQuanYi Micro Hei (Debian: apt-get install fonts-wqy-microhei; Apache-2.0) to the
 * CJK characters of the UI's own texts, as WOFF2, with fontTools' pyftsubset (Debian:
 * apt-get install python3-fonttools python3-brotli). PYTHON selects the Python that has them.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { uiCharacters } from './ui-font/characters.mjs'
import { woff2CodePoints } from './ui-font/woff2-cmap.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const source = process.argv[2] ?? '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'
const output = join(root, 'src/renderer/src/fonts/layercanvas-cjk.woff2')
const python = process.env.PYTHON ?? '/usr/bin/python3'

const characters = uiCharacters(root)
mkdirSync(dirname(output), { recursive: true })
const work = mkdtempSync(join(tmpdir(), 'layercanvas-font-'))
try {
  const textFile = join(work, 'characters.txt')
  writeFileSync(textFile, characters)
  const run = spawnSync(
    python,
    [
      '-m',
      'fontTools.subset',
      source,
      '--font-number=0',
      `--text-file=${textFile}`,
      '--flavor=woff2',
      // Hinting and layout features add size and do nothing for Chinese text at UI sizes.
      '--no-hinting',
      '--layout-features=',
      '--name-IDs=0,1,2,3,4,5,6,13,14',
      `--output-file=${output}`,
    ],
    { stdio: 'inherit' },
  )
  if (run.status !== 0) {
    console.error(
      `pyftsubset failed (${python} -m fontTools.subset); install python3-fonttools and python3-brotli, or set PYTHON.`,
    )
    process.exit(1)
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}

const covered = woff2CodePoints(readFileSync(output))
const missing = [...characters].filter((char) => !covered.has(char.codePointAt(0)))
console.log(`${output}: ${characters.length} characters, ${Math.round(statSync(output).size / 1024)} KB`)
if (missing.length > 0) {
  console.warn(`The source font has no glyph for: ${missing.join('')}`)
  process.exit(1)
}
