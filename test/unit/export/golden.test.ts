import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { GOLDEN_FILE, GOLDEN_FORMATS, goldenOf, templateNames, type GoldenRecord } from '../../golden/export-golden'
import { tfjs as tf } from '../tf'

// Byte-for-byte: every template in every deterministic format hashes as recorded. A change of
// the exported files that is intended is recorded with `npm run golden:update` (and reviewed).
const golden = JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as GoldenRecord
const HOW = 'exports differ from test/golden/exports.json; if the change is intended, run `npm run golden:update`'

describe('exports are byte-identical to the golden record', () => {
  it('records every template', () => {
    expect(Object.keys(golden), HOW).toEqual(templateNames())
  })
  for (const template of templateNames()) {
    it(
      template,
      async () => {
        for (const format of GOLDEN_FORMATS) {
          const got = await goldenOf(tf, template, format)
          expect(got, `${template} as ${format}: ${HOW}`).toEqual(golden[template]?.[format])
        }
        // alexnet.json writes 250 MB of weights per format, and the RNN templates' orthogonal
        // initialisers are slow on the CPU backend: minutes on a busy machine, not the default 60 s.
      },
      900_000,
    )
  }
})
