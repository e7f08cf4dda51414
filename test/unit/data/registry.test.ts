import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUILTIN_DATASETS, loadDataset, type DatasetSources } from '../../../src/core/data/registry'
import { DATASET_IDS } from '../../../src/core/training/config'
import { nodeDatasetSources } from '../../../src/cli/dataset-sources'

const hostless: DatasetSources = {
  mnist: () => Promise.reject(new Error('no MNIST here')),
  names: async () => ['ada', 'bo', 'cy'],
}

describe('dataset registry', () => {
  it('lists every dataset id once, with both languages and valid default options', () => {
    expect(BUILTIN_DATASETS.map((d) => d.id).sort()).toEqual([...DATASET_IDS].sort())
    for (const info of BUILTIN_DATASETS) {
      expect(info.name['zh-CN'].length).toBeGreaterThan(0)
      expect(info.description['zh-CN'].length).toBeGreaterThan(0)
      for (const spec of Object.values(info.options)) expect(spec.label['zh-CN'].length).toBeGreaterThan(0)
    }
  })

  it('loads each generated or bundled set with its declared default shape', async () => {
    const sources = nodeDatasetSources()
    for (const info of BUILTIN_DATASETS.filter((d) => !d.imported && d.id !== 'mnist')) {
      const result = await loadDataset({ id: info.id, options: info.id === 'shapes' ? { samples: 60 } : {} }, sources)
      if (!result.ok) throw new Error(`${info.id}: ${result.error}`)
      expect(result.dataset.inputShape, info.id).toEqual(info.inputShape)
      expect(result.dataset.task, info.id).toBe(info.task)
      expect(result.dataset.id).toBe(info.id)
    }
  })

  it('reports bad options, unknown datasets and host failures without throwing', async () => {
    const bad = await loadDataset({ id: 'spiral', options: { samples: -4 } }, hostless)
    expect(!bad.ok && bad.error).toBe('Dataset option "samples": expected a whole number 10–100000, got -4')
    expect(!bad.ok && bad.message['zh-CN']).toBe('数据集选项“samples”：应为 10–100000 的整数，实际为 -4')
    const unknown = await loadDataset({ id: 'cifar' as never, options: {} }, hostless)
    expect(!unknown.ok && unknown.code).toBe('unknownDataset')
    const failed = await loadDataset({ id: 'mnist', options: {} }, hostless)
    expect(!failed.ok && failed.error).toBe('Could not load the data: no MNIST here')
    const names = await loadDataset({ id: 'names', options: { context: 3 } }, hostless)
    expect(names.ok && names.dataset.inputShape).toEqual([3])
  })

  it('imported sets: inline text, a file from the host, or a clear message', async () => {
    const inline = await loadDataset({ id: 'csv', options: { text: 'a,b\n1,x\n2,y\n', target: 'b' } }, hostless)
    expect(inline.ok && inline.dataset.classNames).toEqual(['x', 'y'])
    expect(inline.ok && inline.encoding?.target.task).toBe('classification')
    const noFile = await loadDataset({ id: 'csv', options: { target: 'b' } }, hostless)
    expect(!noFile.ok && noFile.code).toBe('noFile')
    const noHost = await loadDataset({ id: 'text', options: { source: 'story.txt' } }, hostless)
    expect(!noHost.ok && noHost.code).toBe('noImport')
    const badTask = await loadDataset(
      { id: 'csv', options: { text: 'a,b\n1,2\n', target: 'b', task: 'clustering' } },
      hostless,
    )
    expect(!badTask.ok && badTask.error).toMatch(/^Dataset option "task"/)

    const dir = mkdtempSync(join(tmpdir(), 'layercanvas-data-'))
    writeFileSync(join(dir, 'story.txt'), 'once upon a time')
    writeFileSync(join(dir, 'table.csv'), 'x,y\n1,2.5\n2,3.5\n3,4.5\n')
    const sources = nodeDatasetSources({ baseDir: dir })
    const text = await loadDataset({ id: 'text', options: { source: 'story.txt', context: 4 } }, sources)
    expect(text.ok && text.dataset.name.en).toBe('Text: story.txt')
    const csv = await loadDataset({ id: 'csv', options: { source: 'table.csv', target: 'y' } }, sources)
    expect(csv.ok && csv.dataset.task).toBe('regression')
    const missing = await loadDataset({ id: 'csv', options: { source: 'nope.csv', target: 'y' } }, sources)
    expect(!missing.ok && missing.code).toBe('sourceFailed')
  })

  it('image folders come decoded from the host', async () => {
    const px = (v: number) => ({ width: 1, height: 1, data: Uint8ClampedArray.from([v, v, v, 255]) })
    const sources: DatasetSources = {
      ...hostless,
      userFile: async () => ({
        type: 'images',
        classes: [
          { name: 'light', images: [px(255)] },
          { name: 'dark', images: [px(0), px(0)] },
        ],
      }),
    }
    const result = await loadDataset(
      { id: 'imageFolder', options: { source: '/pictures', height: 8, width: 8, channels: 1 } },
      sources,
    )
    if (!result.ok) throw new Error(result.error)
    expect(result.dataset.inputShape).toEqual([8, 8, 1])
    expect(result.dataset.classNames).toEqual(['dark', 'light'])
    const bad = await loadDataset({ id: 'imageFolder', options: { source: '/pictures', channels: 2 } }, sources)
    expect(!bad.ok && bad.error).toMatch(/^Dataset option "channels"/)
  })
})
