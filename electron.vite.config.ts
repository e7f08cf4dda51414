import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { CONTENT_SECURITY_POLICY } from './src/main/csp'
import { datasetAssets } from './scripts/vite-dataset-assets.mjs'

/**
 * Desktop build: out/main (ESM, the package is "type": "module"), out/preload/index.cjs and
 * out/renderer. `electron-vite build` does not need the Electron binary; dev and preview do.
 */

// electron-vite bundles this file and rewrites import.meta.url (not import.meta.dirname).
const root = dirname(fileURLToPath(import.meta.url))

/**
 * Puts the CSP into the built index.html as a <meta> tag (for file:// pages it is the only
 * policy Chromium applies). Build only: the dev server needs inline scripts for React refresh.
 * Skipped when the page already carries one, so the renderer's own html can own it instead.
 */
function cspMetaTag(policy: string): Plugin {
  return {
    name: 'layercanvas:csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        if (/http-equiv=["']Content-Security-Policy["']/i.test(html)) return html
        return [
          {
            tag: 'meta',
            attrs: { 'http-equiv': 'Content-Security-Policy', content: policy },
            injectTo: 'head-prepend',
          },
        ]
      },
    },
  }
}

/**
 * Development only: the dev server's React refresh preamble is an inline module script, which
 * `script-src 'self'` in the page's <meta> policy would block. Built files keep the strict policy.
 */
function allowInlineScriptsInDev(): Plugin {
  return {
    name: 'layercanvas:dev-csp',
    apply: 'serve',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => html.replace(/script-src 'self'(?! 'unsafe-inline')/, "script-src 'self' 'unsafe-inline'"),
    },
  }
}

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: { index: resolve(root, 'src/main/index.ts') },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        // A sandboxed preload is run as a classic script: one CommonJS file, no chunks. The
        // .cjs name keeps Node/Electron from treating it as ESM under "type": "module";
        // main loads exactly this name (src/main/index.ts, PRELOAD_FILE).
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    plugins: [react(), datasetAssets(), cspMetaTag(CONTENT_SECURITY_POLICY), allowInlineScriptsInDev()],
    // Module workers: the training worker loads h5wasm (.keras export) as a separate chunk on demand.
    worker: { format: 'es' },
    build: {
      rolldownOptions: {
        input: { index: resolve(root, 'src/renderer/index.html') },
      },
    },
  },
})
