/**
 * Opsets the ONNX exporter writes: 13 (the default, widest support) up to 17 (what Debian's onnx
 * 1.12 checks). A file of its own so the app's dialog can offer them without bundling the exporter.
 */
export const ONNX_MIN_OPSET = 13
export const ONNX_MAX_OPSET = 17

/** Every opset the exporter accepts, lowest first. */
export const ONNX_OPSETS: readonly number[] = Array.from(
  { length: ONNX_MAX_OPSET - ONNX_MIN_OPSET + 1 },
  (_, i) => ONNX_MIN_OPSET + i,
)
