#!/usr/bin/env node
// The `layercanvas` command. The CLI ships as TypeScript sources, so register the tsx loader
// first, then run src/cli/main.ts. Paths given by the user are resolved against the cwd.
import { fileURLToPath } from 'node:url'
import { register } from 'tsx/esm/api'

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

try {
  // The package's own tsconfig, wherever the command is run from.
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.node.json', import.meta.url)) })
  const { main } = await import('../src/cli/main.ts')
  process.exitCode = await main(process.argv.slice(2))
} catch (error) {
  if (process.env.LAYERCANVAS_DEBUG) console.error(error)
  const message = String(error?.message ?? error).replace(/\s*[\r\n]+\s*/g, ' ')
  process.stderr.write(`layercanvas: internal error: ${message}\n`)
  process.exitCode = 3
}
