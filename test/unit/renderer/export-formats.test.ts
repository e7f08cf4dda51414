import { describe, expect, it } from 'vitest'
import { EXPORT_FORMATS as CORE_FORMATS } from '../../../src/core/export/exporters'
import { exportOnnx, ONNX_MAX_OPSET, ONNX_MIN_OPSET } from '../../../src/core/export/onnx'
import { DEFAULT_OPSET, EXPORT_FORMATS, exportName, OPSETS } from '../../../src/renderer/src/export/formats'
import { graph } from '../helpers'
import { tfjs as tf } from '../tf'

describe("the export dialog's formats", () => {
  it('are the core exporters, in the order EXPORTERS lists them', () => {
    expect(EXPORT_FORMATS.map((format) => format.id)).toEqual([...CORE_FORMATS])
  })

  it('each has a distinct folder suffix and at least one command that runs it', () => {
    const suffixes = EXPORT_FORMATS.map((format) => format.suffix)
    expect(new Set(suffixes).size).toBe(suffixes.length)
    for (const format of EXPORT_FORMATS) expect(format.run.length, format.id).toBeGreaterThan(0)
    expect(exportName('My net', EXPORT_FORMATS[0])).toBe(`My net-${EXPORT_FORMATS[0].suffix}`)
  })

  it('offers exactly the ONNX opsets the exporter writes, its default first', async () => {
    expect(OPSETS[0]).toBe(ONNX_MIN_OPSET)
    expect(OPSETS[OPSETS.length - 1]).toBe(ONNX_MAX_OPSET)
    expect(DEFAULT_OPSET).toBe(ONNX_MIN_OPSET)
    const doc = graph(
      [
        ['in', 'input', { mode: 'vector', size: 2 }],
        ['out', 'dense', { units: 1 }],
      ],
      [['in', 'out']],
    )
    for (const opset of [OPSETS[0] - 1, ...OPSETS, OPSETS[OPSETS.length - 1] + 1]) {
      const result = await exportOnnx(tf, doc, { opset })
      expect(result.ok, `opset ${opset}`).toBe(OPSETS.includes(opset))
    }
  })
})
