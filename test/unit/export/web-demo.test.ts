import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { nodeDatasetSources } from '../../../src/cli/dataset-sources'
import type { Dataset } from '../../../src/core/data/dataset'
import { normalizeDataset, type NormalizationStats } from '../../../src/core/data/normalize'
import { loadDataset } from '../../../src/core/data/registry'
import { splitFor } from '../../../src/core/data/split'
import type { ProjectDocument } from '../../../src/core/document/types'
import { htmlText, scriptJson } from '../../../src/core/export/escape'
import { exportWebDemo } from '../../../src/core/export/web-demo/index'
import { decodeBase64 } from '../../../src/core/training/base64'
import type { TryItSpec } from '../../../src/core/tryit/spec'
import { loadTemplate } from '../helpers'
import { tfjs as tf } from '../tf'

/**
 * The web-demo generator (core/export/web-demo): hostile project names stay text in the page
 * and data in the script, the folder holds exactly its files, model.js carries the same model
 * and weights as model.json + weights.bin, and each template gets the input made for its data.
 * (The pages themselves run in Chromium in test/e2e/tryit.e2e.mjs.)
 */

const HOSTILE = '</script><script>alert("x")</script> <!-- & \'q\' \u2028\u2029 <img src=x onerror=alert(1)>'
const TF_MIN = '/* stand-in for tf.min.js */ window.tf = {}'

async function data(doc: ProjectDocument): Promise<{ dataset: Dataset; normalization: NormalizationStats | null }> {
  const loaded = await loadDataset(doc.training.dataset, nodeDatasetSources())
  if (!loaded.ok) throw new Error(loaded.error)
  const { stats } = normalizeDataset(
    loaded.dataset,
    splitFor(loaded.dataset, doc.training.split),
    doc.training.normalization,
  )
  return { dataset: loaded.dataset, normalization: stats }
}

/** Runs model.js as the page would and returns what it defines. */
function modelScript(text: string): {
  spec: TryItSpec
  weights: string
  model: { weightSpecs: unknown[] }
  strings: Record<string, unknown>
} {
  const window: Record<string, unknown> = {}
  runInNewContext(text, { window })
  return window.LAYERCANVAS_DEMO as never
}

describe('escaping for pages', () => {
  it('htmlText leaves no markup', () => {
    const text = htmlText(HOSTILE)
    expect(text).not.toMatch(/[<>"']/)
    expect(text).toContain('&lt;/script&gt;')
    expect(htmlText('a\nb\u0000c')).toBe('a b c')
  })

  it('scriptJson cannot end a script or start a comment, and reads back as the same value', () => {
    const value = { name: HOSTILE, list: [HOSTILE, 1, null], nested: { '</script>': 'ok' } }
    const text = scriptJson(value)
    expect(text).not.toMatch(/<\/script|<!--|\u2028|\u2029/i)
    expect(runInNewContext(`(${text})`)).toEqual(value)
  })
})

describe('exportWebDemo', { timeout: 120_000 }, () => {
  it('mlp-mnist with a hostile name: the files, the escaped page, model.js = model.json + weights.bin', async () => {
    const doc = { ...loadTemplate('mlp-mnist'), name: HOSTILE }
    const result = await exportWebDemo(tf, doc, { version: '9.9.9', ...(await data(doc)) }, { tfMinJs: TF_MIN })
    if (!result.ok) throw new Error(JSON.stringify(result.problems))
    const files = result.files
    expect(Object.keys(files).sort()).toEqual([
      'LICENSE-tfjs.txt',
      'README.md',
      'demo.css',
      'demo.js',
      'index.html',
      'metadata.json',
      'model.js',
      'model.json',
      'tf-setup.js',
      'tf.min.js',
      'tryit.json',
      'weights.bin',
    ])
    const html = files['index.html'] as string
    expect(html).toContain(`<title>${htmlText(HOSTILE)}</title>`)
    expect(html).not.toContain('<script>alert')
    expect(html).not.toContain('<img')
    // A Content-Security-Policy: scripts from the folder only (no blob: without custom layers), no network.
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("script-src 'self';")
    expect(csp).not.toMatch(/unsafe|connect-src/)
    // Only the scripts of the folder, in order: tfjs (after its setup for the policy), the data, the page script.
    expect([...html.matchAll(/<script src="([^"]+)"><\/script>/g)].map((m) => m[1])).toEqual([
      'tf-setup.js',
      'tf.min.js',
      'model.js',
      'demo.js',
    ])
    expect((html.match(/<script/g) ?? []).length).toBe(4)

    const modelJs = files['model.js'] as string
    expect(modelJs).not.toMatch(/<\/script|\u2028/i)
    const demo = modelScript(modelJs)
    expect(demo.spec.name).toBe(HOSTILE)
    expect(demo.spec.input).toEqual({ kind: 'image', height: 28, width: 28, channels: 1, draw: true })
    expect(demo.spec.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
    expect(Array.from(decodeBase64(demo.weights))).toEqual(Array.from(files['weights.bin'] as Uint8Array))
    const modelJson = JSON.parse(files['model.json'] as string)
    expect(demo.model.weightSpecs).toEqual(modelJson.weightsManifest[0].weights)
    expect(Object.keys(demo.strings).sort()).toEqual(['en', 'zh-CN'])
    expect(JSON.parse(files['tryit.json'] as string)).toEqual(demo.spec)

    expect(files['tf.min.js']).toBe(TF_MIN)
    expect(files['LICENSE-tfjs.txt']).toMatch(/Apache License\s+Version 2\.0/)
    expect(files['README.md']).toMatch(/static host/)
    expect(files['README.md']).not.toContain('<script>')
    // The page itself stays small: the weights and tfjs are the bulk.
    const own = ['index.html', 'demo.js', 'demo.css', 'tryit.json', 'README.md'].reduce(
      (n, f) => n + (files[f] as string).length,
      0,
    )
    expect(own).toBeLessThan(60_000)
  })

  it('gives each template the input made for its data', async () => {
    const specFiles = async (id: string) => {
      const doc = loadTemplate(id)
      const result = await exportWebDemo(tf, doc, { ...(await data(doc)) }, { tfMinJs: TF_MIN })
      if (!result.ok) throw new Error(JSON.stringify(result.problems))
      return result.files
    }
    const specOf = async (id: string) => {
      const doc = loadTemplate(id)
      const result = await exportWebDemo(tf, doc, { ...(await data(doc)) }, { tfMinJs: TF_MIN })
      if (!result.ok) throw new Error(JSON.stringify(result.problems))
      return result.spec
    }
    const lenet = await specOf('lenet5')
    expect(lenet.input.kind).toBe('image')
    expect(lenet.normalization?.method).toBe('standard')

    const names = await specOf('lstm-names')
    expect(names.result).toBe('text')
    expect(names.input).toMatchObject({ kind: 'text', context: 10, start: true })
    expect(names.input.kind === 'text' && names.input.vocab.slice(0, 3)).toEqual(['<pad>', '<start>', '<end>'])

    const gan = await specOf('gan-mlp')
    expect(gan.input).toMatchObject({ kind: 'noise', distribution: 'normal' })
    expect(gan.inputs.length).toBe(2)
    expect(gan.result).toBe('image')
    expect(gan.imageShape).toEqual([28, 28, 1])
    const doc = loadTemplate('gan-mlp')
    const noise = doc.nodes.find((n) => n.kind === 'noiseInput')!
    expect(gan.input.kind === 'noise' && gan.input.size).toBe(noise.params.size)

    // Diffusion: Generate with the training schedule; the page loads the compiled core sampler.
    const ddpmDoc = loadTemplate('ddpm-mnist')
    const ddpm = await exportWebDemo(tf, ddpmDoc, { ...(await data(ddpmDoc)) }, { tfMinJs: TF_MIN })
    if (!ddpm.ok) throw new Error(JSON.stringify(ddpm.problems))
    expect(ddpm.spec.input).toMatchObject({ kind: 'diffusion', range: { lo: 0, hi: 1, image: true } })
    expect(ddpm.spec.input.kind === 'diffusion' && ddpm.spec.input.schedule.timesteps).toBe(
      ddpmDoc.training.diffusion.timesteps,
    )
    expect(ddpm.spec.result).toBe('image')
    expect(ddpm.spec.imageShape).toEqual([28, 28, 1])
    expect(ddpm.files['diffusion-sampler.js']).toContain('LayerCanvasDiffusion')
    // Its custom layers load as a module from a blob: URL, which the policy then allows.
    expect(ddpm.files['index.html']).toContain("script-src 'self' blob:;")
    expect(ddpm.files['index.html']).toMatch(/model\.js"><\/script>\n<script src="diffusion-sampler\.js"><\/script>/)
    expect(lenet.input.kind === 'image' && !('diffusion-sampler.js' in (await specFiles('lenet5')))).toBe(true)
  })

  it('fails with a message, not a broken folder, without tf.min.js', async () => {
    const result = await exportWebDemo(
      tf,
      loadTemplate('mlp-mnist'),
      { dataset: null, normalization: null },
      { tfMinJs: '' },
    )
    expect(result.ok).toBe(false)
  })
})
