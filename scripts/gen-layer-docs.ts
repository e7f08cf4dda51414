// Writes docs/layers.md from the layer registry (run: npm run docs:layers).
import { writeFileSync } from 'node:fs'
import { layerReferenceMarkdown } from '../src/core/layers/reference'

writeFileSync(new URL('../docs/layers.md', import.meta.url), layerReferenceMarkdown())
console.log('wrote docs/layers.md')
