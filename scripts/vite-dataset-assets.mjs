// Vite plugin: puts the dataset assets (scripts/dataset-assets.mjs) into the build output and
// serves them from memory in dev, at `<base>datasets/mnist.bin` and `<base>datasets/names.txt`.
// The renderer fetches them relative to the page, e.g. new URL('datasets/mnist.bin', document.baseURI).
import { buildDatasetAssets } from './dataset-assets.mjs'

const TYPES = { '.bin': 'application/octet-stream', '.txt': 'text/plain; charset=utf-8' }

export function datasetAssets() {
  let assets
  const load = () => (assets ??= buildDatasetAssets())
  return {
    name: 'layercanvas:dataset-assets',
    async generateBundle() {
      for (const [fileName, source] of Object.entries(await load())) {
        this.emitFile({ type: 'asset', fileName, source })
      }
    },
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const path = (req.url ?? '').split('?')[0]
        const match = path.match(/(?:^|\/)(datasets\/[\w.-]+)$/)
        const files = match ? await load() : undefined
        const body = files?.[match[1]]
        if (!body) return next()
        res.setHeader('Content-Type', TYPES[match[1].slice(match[1].lastIndexOf('.'))] ?? 'application/octet-stream')
        res.setHeader('Content-Length', String(body.length))
        res.end(body)
      })
    },
  }
}
