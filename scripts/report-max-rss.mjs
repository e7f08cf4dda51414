// Preloaded (node --import) by scripts/model-roundtrip.mjs where GNU time is missing: writes the
// process' peak resident set size in kilobytes to $LAYERCANVAS_MAX_RSS_FILE when it exits.
import { writeFileSync } from 'node:fs'

const file = process.env.LAYERCANVAS_MAX_RSS_FILE
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)))
