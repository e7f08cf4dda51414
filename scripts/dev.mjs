#!/usr/bin/env node
// `npm run dev`: electron-vite's dev server and the app, with LAYERCANVAS_DEV=1 set. That flag is
// the only thing that turns on development behaviour in the app (Developer Tools, loading the
// dev server's URL; src/main/run-mode.ts), so `npm start` behaves like a release. It is set here
// rather than as `LAYERCANVAS_DEV=1 electron-vite dev` in package.json so that it works in
// Windows shells too. Arguments are passed on: `npm run dev -- --inspect`.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const cli = fileURLToPath(new URL('../node_modules/electron-vite/bin/electron-vite.js', import.meta.url))
const child = spawn(process.execPath, [cli, 'dev', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, LAYERCANVAS_DEV: '1' },
})
child.on('error', (error) => {
  console.error(`dev: could not start electron-vite: ${error.message}`)
  process.exit(1)
})
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
