import { describe, expect, it } from 'vitest'
import { nodeDatasetSources } from '../../src/cli/dataset-sources'
import { loadDataset } from '../../src/core/data/registry'
import { splitFor } from '../../src/core/data/split'
import { parseWindow, TRYIT_WINDOWS, windowText } from '../../src/core/tryit/series'
import { tryItSpec } from '../../src/core/tryit/spec'
import { loadTemplate } from './helpers'

/** Try it on sequence regression (rnn-sine): test windows to pick, a typed window checked before it runs. */
describe('Try it: sequence regression', () => {
  it('rnn-sine: a window of 30 numbers, the test split’s windows, the horizon of the dataset', async () => {
    const doc = loadTemplate('rnn-sine')
    const loaded = await loadDataset(doc.training.dataset, nodeDatasetSources())
    if (!loaded.ok) throw new Error(loaded.error)
    const io = {
      inputs: [{ nodeId: 'input', shape: [null, 30, 1], dtype: 'float32' as const }],
      outputs: [{ nodeId: 'output', shape: [null, 1], dtype: 'float32' as const }],
    }
    const spec = tryItSpec(doc, loaded.dataset, null, io)
    expect(spec.input).toEqual({ kind: 'series', length: 30, horizon: 1 })
    expect(spec.result).toBe('values')
    expect(spec.examples).toHaveLength(TRYIT_WINDOWS)
    const first = splitFor(loaded.dataset, doc.training.split).test[0]
    expect(spec.examples![0]).toEqual(Array.from(loaded.dataset.features.subarray(first * 30, first * 30 + 30)))

    const withHorizon = {
      ...doc,
      training: { ...doc.training, dataset: { id: 'sine' as const, options: { horizon: 5 } } },
    }
    const later = await loadDataset(withHorizon.training.dataset, nodeDatasetSources())
    if (!later.ok) throw new Error(later.error)
    expect(tryItSpec(withHorizon, later.dataset, null, io).input).toMatchObject({ horizon: 5 })
  })

  it('a typed window: commas or spaces; the wrong count or a word is refused with the count', () => {
    expect(parseWindow('1, 2.5 -3;4', 4)).toEqual({ ok: true, values: Float32Array.from([1, 2.5, -3, 4]) })
    expect(parseWindow('1, 2', 4)).toEqual({ ok: false, error: 'count', count: 2 })
    expect(parseWindow('1, two, 3, 4', 4)).toEqual({ ok: false, error: 'number', count: 4 })
    const parsed = parseWindow(windowText([0.123456, -2]), 2)
    expect(parsed.ok && Array.from(parsed.values)).toEqual([Math.fround(0.1235), -2])
  })
})
