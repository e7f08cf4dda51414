#!/usr/bin/env node
// The `layercanvas` command. Paths given by the user are resolved against the cwd.
//
// It runs the pre-built CLI (out/cli/, made by scripts/build-cli.mjs at `npm install`, `npm test`
// and `npm run build:cli`) when that build is exactly up to date: its stamp lists every source
// file, folder and build setting with its size, mtime and ctime, and any difference means stale
// (bin/bundle-stamp.mjs). Otherwise it runs src/cli/main.ts through the tsx loader, as in
// development, so an edited source always runs as edited, without a rebuild.
// LAYERCANVAS_CLI_BUNDLE=0 always uses tsx; =1 requires the pre-built CLI (exit 3 when stale);
// LAYERCANVAS_DEBUG=1 says why the pre-built CLI was not used.
import { fileURLToPath, pathToFileURL } from 'node:url'
import { freshBundle } from './bundle-stamp.mjs'

// Never let a closed pipe (`layercanvas check x.json | head -1`) turn into a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE' && stream === process.stdout) {
      process.stderr.write(`layercanvas: cannot write output: ${error.code ?? error.message}\n`)
      process.exit(3)
    }
    process.exit(process.exitCode ?? 0)
  })
}

/** main() of the pre-built CLI when it may run, else of the TypeScript sources through tsx. */
async function loadMain() {
  const mode = process.env.LAYERCANVAS_CLI_BUNDLE
  if (mode !== '0') {
    const bundle = freshBundle(fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, ''))
    if (bundle.entry) return (await import(pathToFileURL(bundle.entry).href)).main
    if (mode === '1')
      throw new Error(
        `LAYERCANVAS_CLI_BUNDLE=1, but the pre-built CLI cannot run: ${bundle.problem} (npm run build:cli)`,
      )
    if (process.env.LAYERCANVAS_DEBUG)
      process.stderr.write(`layercanvas: running the sources through tsx: ${bundle.problem}\n`)
  }
  const { register } = await import('tsx/esm/api')
  // The package's own tsconfig, wherever the command is run from.
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.node.json', import.meta.url)) })
  return (await import('../src/cli/main.ts')).main
}

try {
  const main = await loadMain()
  process.exitCode = await main(process.argv.slice(2))
} catch (error) {
  if (process.env.LAYERCANVAS_DEBUG) console.error(error)
  const message = String(error?.message ?? error).replace(/\s*[\r\n]+\s*/g, ' ')
  process.stderr.write(`layercanvas: internal error: ${message}\n`)
  process.exitCode = 3
}
