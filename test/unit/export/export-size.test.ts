import { describe, expect, it } from 'vitest'
import { MAX_EXPORT_BYTES } from '../../../src/core/document/size-policy'
import { exportByteLength, exportSizeProblem } from '../../../src/core/export/export-size'

describe('the size policy for exports', () => {
  it('counts text as the UTF-8 it is written as, bytes as they are', () => {
    const files = { 'README.md': 'a é 权重 😀\n', 'weights.bin': new Uint8Array(10) }
    const utf8 = new TextEncoder().encode(files['README.md']).length
    expect(exportByteLength(files)).toBe(utf8 + 10)
  })

  it('refuses past the limit with one problem in both languages, naming the size and the limit', () => {
    const mb = 1024 * 1024
    const files = { 'weights.bin': new Uint8Array(2 * mb + 1) }
    expect(exportSizeProblem(files, 'onnx', 3 * mb)).toBeNull()
    const problem = exportSizeProblem(files, 'onnx', 2 * mb)!
    expect(problem.nodeId).toBeNull()
    expect(problem.message).toMatch(/^The onnx export would take 3 MB; LayerCanvas writes exports of at most 2 MB/)
    expect(problem.text!['zh-CN']).toMatch(/^onnx 导出需要 3 MB，超过上限 2 MB/)
    // The default is the policy's.
    expect(exportSizeProblem(files, 'onnx')).toBeNull()
    expect(MAX_EXPORT_BYTES).toBeGreaterThan(1024 * mb)
  })
})
