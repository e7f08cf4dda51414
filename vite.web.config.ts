import react from '@vitejs/plugin-react'
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import { datasetAssets } from './scripts/vite-dataset-assets.mjs'

/**
 * The browser build of the renderer (the same src/renderer the Electron build uses):
 * `npx vite build --config vite.web.config.ts` → dist-web/, served by scripts/serve-web.mjs.
 */
export default defineConfig({
  root: resolve(import.meta.dirname, 'src/renderer'),
  base: './',
  // The bundled datasets (MNIST as one compact binary, the names list) ship as static assets.
  plugins: [react(), datasetAssets()],
  // Module workers (the page starts them with type: 'module'), so the training worker can load
  // rarely used parts on demand (h5wasm for the .keras export) instead of carrying them inline.
  worker: { format: 'es' },
  build: {
    outDir: resolve(import.meta.dirname, 'dist-web'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
})
