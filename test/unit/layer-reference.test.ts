import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { layerReferenceMarkdown } from '../../src/core/layers/reference'

it('docs/layers.md is up to date with the registry (run `npm run docs:layers`)', () => {
  const onDisk = readFileSync(new URL('../../docs/layers.md', import.meta.url), 'utf8')
  expect(onDisk).toBe(layerReferenceMarkdown())
})
