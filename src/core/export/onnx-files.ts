import type { ProjectDocument } from '../document/types'
import { jsValue, mdText } from '../codegen/escape'
import type { OnnxTensorInfo } from './onnx'
import { esImport } from './tfjs-layers-module'

/**
 * The files that go next to model.onnx: a README with the commands that run it (onnxruntime in
 * Python or Node) and predict.mjs, which runs it in onnxruntime-node on one sample of zeros.
 */
export function onnxRunFiles(
  doc: ProjectDocument,
  info: { inputs: OnnxTensorInfo[]; outputs: OnnxTensorInfo[]; opset: number },
): Record<string, string> {
  const one = (shape: (number | string)[]) => shape.map((d) => (typeof d === 'number' ? d : 1))
  const inputs = info.inputs.map((i) => ({ name: i.name, shape: one(i.shape), dtype: i.dtype }))
  const predict = `// Runs model.onnx on one sample of zeros per input and prints the outputs.
// Run: node predict.mjs   (in a folder where \`npm install onnxruntime-node\` was run)
${esImport('{ fileURLToPath }', 'node:url')}
${esImport('* as ort', 'onnxruntime-node')}

// Inputs: name, shape (batch of 1), dtype; the same layout as in LayerCanvas (channels last).
const INPUTS = ${jsValue(inputs)}

const session = await ort.InferenceSession.create(fileURLToPath(new URL('model.onnx', import.meta.url)))
const feeds = {}
for (const { name, shape, dtype } of INPUTS) {
  const size = shape.reduce((a, b) => a * b, 1)
  feeds[name] = new ort.Tensor(dtype, dtype === 'int32' ? new Int32Array(size) : new Float32Array(size), shape)
}
const results = await session.run(feeds)
for (const [name, tensor] of Object.entries(results)) {
  console.log(JSON.stringify({ output: name, shape: tensor.dims, values: Array.from(tensor.data).slice(0, 10) }))
}
`
  const feeds = inputs
    .map((i) => `'${i.name}': np.zeros((${i.shape.join(', ')}${i.shape.length === 1 ? ',' : ''}), dtype=np.${i.dtype})`)
    .join(', ')
  const list = (items: OnnxTensorInfo[]) =>
    items.map((t) => `- \`${t.name}\`: [${t.shape.join(', ')}], ${t.dtype}`).join('\n')
  const readme = `# ${mdText(doc.name)} — ONNX

Exported from LayerCanvas: \`model.onnx\` (ONNX opset ${info.opset}). Inputs and outputs keep LayerCanvas'
layout (batch first, images channels-last); \`N\` is the batch size.

Inputs:
${list(info.inputs)}

Outputs:
${list(info.outputs)}

## Run with onnxruntime (Python)

\`\`\`sh
pip install onnxruntime numpy
python3 -c "import onnxruntime as ort, numpy as np; s = ort.InferenceSession('model.onnx'); print(s.run(None, {${feeds}}))"
\`\`\`

## Run with onnxruntime (Node)

\`\`\`sh
npm install onnxruntime-node
node predict.mjs
\`\`\`
`
  return { 'README.md': readme, 'predict.mjs': predict }
}
