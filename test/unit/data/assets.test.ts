import { describe, expect, it } from 'vitest'
import { decodeMnistBinary } from '../../../src/core/data/mnist-binary'
import { datasetAssets } from '../../../scripts/vite-dataset-assets.mjs'

type Middleware = (
  req: { url: string },
  res: { setHeader(k: string, v: string): void; end(body: Buffer): void },
  next: () => void,
) => Promise<void>

describe('dataset assets for the browser build', () => {
  it('the Vite plugin serves them in dev and emits the same files into the build', async () => {
    // The two hooks this plugin has, called the way Vite calls them.
    const plugin = datasetAssets() as unknown as {
      configureServer(server: unknown): void
      generateBundle(this: { emitFile(file: { fileName: string; source: Buffer }): void }): Promise<void>
    }
    let middleware: Middleware | undefined
    plugin.configureServer({ middlewares: { use: (fn: Middleware) => (middleware = fn) } })
    const headers: Record<string, string> = {}
    let body: Buffer | undefined
    await middleware!(
      { url: '/datasets/mnist.bin?v=1' },
      { setHeader: (k, v) => (headers[k] = v), end: (b) => (body = b) },
      () => {
        throw new Error('not served')
      },
    )
    expect(headers['Content-Type']).toBe('application/octet-stream')
    const mnist = decodeMnistBinary(body!)
    expect(mnist.labels.length).toBe(10_000)
    let passed = false
    await middleware!({ url: '/src/main.tsx' }, { setHeader: () => {}, end: () => {} }, () => (passed = true))
    expect(passed).toBe(true)

    const emitted: Record<string, Buffer> = {}
    await plugin.generateBundle.call({
      emitFile: (f: { fileName: string; source: Buffer }) => (emitted[f.fileName] = f.source),
    })
    expect(Object.keys(emitted).sort()).toEqual(['datasets/mnist.bin', 'datasets/names.txt'])
    expect(emitted['datasets/mnist.bin'].length).toBe(16 + 10_000 * 785)
    const names = emitted['datasets/names.txt'].toString('utf8').trim().split('\n')
    expect(names).toHaveLength(4951)
    expect(names[0]).toBe('Aaren')
  })
})
