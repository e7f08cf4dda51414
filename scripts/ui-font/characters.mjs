// The Chinese characters LayerCanvas' own texts use, for the bundled fallback font
// (scripts/build-ui-font.mjs) and its staleness test (test/unit/i18n/ui-font.test.ts).
import { readdirSync, readFileSync } from 'node:fs'
import { extname, join } from 'node:path'

/**
 * CJK ideographs, CJK punctuation (、。「」（the ideographic space…) and full-width forms (，：（）).
 * Latin letters, digits and the curly quotes come from the UI's Latin font, so they stay out.
 */
export const CJK_RANGES = [
  [0x3000, 0x303f],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xff00, 0xffef],
]
const isCjk = (code) => CJK_RANGES.some(([from, to]) => code >= from && code <= to)

/** Where the UI's texts live: the sources (i18n files, the core catalogues, layer docs) and the templates. */
const SOURCES = [
  { dir: 'src', extensions: ['.ts', '.tsx', '.css', '.html'] },
  { dir: 'templates', extensions: ['.json'] },
]

function* files(dir, extensions) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* files(path, extensions)
    else if (extensions.includes(extname(entry.name))) yield path
  }
}

/** Every CJK character in the project's texts, sorted by code point, as one string. */
export function uiCharacters(root) {
  const found = new Set()
  for (const { dir, extensions } of SOURCES) {
    for (const file of files(join(root, dir), extensions)) {
      for (const char of readFileSync(file, 'utf8')) {
        if (isCjk(char.codePointAt(0))) found.add(char)
      }
    }
  }
  return [...found].sort((a, b) => a.codePointAt(0) - b.codePointAt(0)).join('')
}
