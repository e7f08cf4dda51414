// npm 11 may skip dependency install scripts, and Electron's own install script is what
// downloads the Electron binary. Run it ourselves so `npm install && npm start` works on a
// fresh machine. CI and offline machines set ELECTRON_SKIP_BINARY_DOWNLOAD=1 to skip it.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { spawnSync } from 'node:child_process'

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('layercanvas: ELECTRON_SKIP_BINARY_DOWNLOAD is set, not fetching the Electron binary.')
  process.exit(0)
}
let electronDir
try {
  electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
} catch {
  process.exit(0) // electron is a devDependency; a production install has none to fetch
}
if (existsSync(join(electronDir, 'path.txt'))) process.exit(0)
console.log('layercanvas: fetching the Electron binary (npm skipped its install script)…')
const run = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' })
if (run.status !== 0) {
  console.warn(
    'layercanvas: could not fetch the Electron binary. `npm start` needs it; `npm run web` and `npm test` do not.\n' +
      'Retry later with: node node_modules/electron/install.js',
  )
}
