import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { uiCharacters } from '../../../scripts/ui-font/characters.mjs'
import { woff2CodePoints } from '../../../scripts/ui-font/woff2-cmap.mjs'

/**
 * The bundled Chinese fallback font (src/renderer/src/fonts) must have a glyph for every
 * Chinese character of the UI's texts, or that character shows as an empty box on machines
 * without a CJK font. When this fails after a text change: node scripts/build-ui-font.mjs.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url))
const font = readFileSync(new URL('../../../src/renderer/src/fonts/layercanvas-cjk.woff2', import.meta.url))

describe('the bundled Chinese font', () => {
  it('covers every Chinese character of the UI texts, templates and core catalogues', () => {
    const covered = woff2CodePoints(font)
    const characters = [...uiCharacters(root)]
    expect(characters.length).toBeGreaterThan(500)
    expect(characters).toContain('训') // from the training panel's strings
    expect(characters).toContain('假') // from a template's layer name (gan-mlp: 假数字)
    const missing = characters.filter((char) => !covered.has(char.codePointAt(0)!))
    expect(missing.join(''), 'characters missing from the font: run node scripts/build-ui-font.mjs').toBe('')
  })

  it('stays small (a subset, not a whole CJK font)', () => {
    expect(font.byteLength).toBeLessThan(400 * 1024)
    expect(woff2CodePoints(font).size).toBeLessThan(5000)
  })

  it('the cmap reader sees characters the font lacks as missing', () => {
    // Guards the test above against a reader that would accept anything.
    const covered = woff2CodePoints(font)
    expect(covered.has('龘'.codePointAt(0)!)).toBe(false)
    expect(covered.has('A'.codePointAt(0)!)).toBe(false)
  })
})
