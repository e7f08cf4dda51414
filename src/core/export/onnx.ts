import type { ProjectDocument } from '../document/types'
import { diagnosticProblem, exportProblem, nodeLabelText } from '../i18n/export-messages'
import type { Tf } from '../layers/kind'
import { getLayerKind } from '../layers/registry'
import { analyzeGraph } from '../shapes/analyze'
import type { Shape } from '../shapes/shape'
import { modelSource, readLayerWeights, type GivenModel } from './model-source'
import { OnnxGraph, OnnxUnsupported, attr, onnxShape } from './onnx/builder'
import { DataType, encodeModel, type ValueInfo } from './onnx/proto'
import { ONNX_MAX_OPSET, ONNX_MIN_OPSET } from './onnx/opsets'
import { ONNX_CONVERTERS } from './onnx/table'
import { entryFor } from '../layers/format-table'
import type { ExportProblem } from './problem'

export { ONNX_MAX_OPSET, ONNX_MIN_OPSET } from './onnx/opsets'

export interface OnnxExportOptions {
  /** ONNX operator set, 13–17 (default 13). */
  opset?: number
  /**
   * Take the weights from this compiled model (compileModel's result for the same document)
   * instead of compiling one; `doc.trained` is then ignored: the model is the source.
   */
  compiled?: GivenModel
}

/** Why the export failed (the one ExportProblem of every exporter). */
export type OnnxProblem = ExportProblem

/** A graph input or output: its ONNX name (the tf layer name) and shape with 'N' for the batch. */
export interface OnnxTensorInfo {
  nodeId: string
  name: string
  shape: (number | string)[]
  dtype: 'float32' | 'int32'
}

export type OnnxExportResult =
  | { ok: true; bytes: Uint8Array; warnings: OnnxProblem[]; inputs: OnnxTensorInfo[]; outputs: OnnxTensorInfo[] }
  | { ok: false; problems: OnnxProblem[] }

const IR_VERSION = 8

/**
 * Exports the document's network as an ONNX model runnable in onnxruntime, computing what the
 * tfjs model computes at inference. Inputs and outputs keep tfjs' layout (batch first, channels
 * last), so the same arrays feed both; the batch dimension is symbolic ('N'). Weights come from
 * `doc.trained` when present (else the freshly initialised ones), or from `options.compiled`.
 * Never throws for a user's graph: what cannot be exported comes back as problems naming the node.
 */
export async function exportOnnx(
  tf: Tf,
  doc: ProjectDocument,
  options: OnnxExportOptions = {},
): Promise<OnnxExportResult> {
  const opset = options.opset ?? ONNX_MIN_OPSET
  if (!Number.isInteger(opset) || opset < ONNX_MIN_OPSET || opset > ONNX_MAX_OPSET) {
    return fail(null, `ONNX opset ${opset} is not supported: choose ${ONNX_MIN_OPSET}–${ONNX_MAX_OPSET}`)
  }
  const analysis = analyzeGraph(doc)
  if (!analysis.valid) {
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error')
    return { ok: false, problems: errors.map((d) => diagnosticProblem(d, doc)) }
  }
  const byId = new Map(doc.nodes.map((node) => [node.id, node]))
  const label = (id: string) => nodeLabelText(doc, id)

  // Nodes without a converter fail before any compiling.
  const problems: OnnxProblem[] = []
  for (const id of analysis.needed) {
    const node = byId.get(id)!
    if (!isInputKind(node.kind) && !entryFor(ONNX_CONVERTERS, node.kind)) {
      problems.push(exportProblem(id, 'noOnnxEquivalent', { node: label(id) }))
    }
  }
  if (problems.length > 0) return { ok: false, problems }

  const prepared = modelSource(tf, doc, options.compiled, analysis)
  if (!prepared.ok) return prepared
  const source = prepared.source
  const { model, layerNames } = source

  try {
    const g = new OnnxGraph(opset)
    const values = new Map<string, string>()
    const inputs: OnnxTensorInfo[] = []
    const outputs: OnnxTensorInfo[] = []
    for (const id of source.inputs) {
      const name = layerNames[id]
      g.reserve(name)
      const dtype = byId.get(id)!.params.mode === 'tokens' ? 'int32' : 'float32'
      if (dtype === 'int32') g.markInt(name)
      values.set(id, name)
      inputs.push({ nodeId: id, name, shape: onnxShape(analysis.nodes[id].outputShape as Shape, name), dtype })
    }
    const isModelInput = new Set(source.inputs)
    for (const id of analysis.outputs) {
      const name = layerNames[id]
      if (!isModelInput.has(id)) g.reserve(name)
      outputs.push({
        nodeId: id,
        name,
        shape: onnxShape(analysis.nodes[id].outputShape as Shape, name),
        dtype: 'float32',
      })
    }

    for (const id of analysis.needed) {
      const name = layerNames[id]
      const node = byId.get(id)!
      if (name === undefined || isInputKind(node.kind)) continue
      g.scope = name
      const weights = (await readLayerWeights(source, id)) ?? []
      const ids = analysis.inputsByPort[id]
      // Below a layer that could not be exported there is nothing to convert.
      if (ids.some((from) => !values.has(from))) continue
      const inputValues = ids.map((from) => {
        const value = values.get(from) ?? ''
        // Token ids are int32; only Embedding reads them as ids, everything else as numbers.
        return g.isInt(value) && node.kind !== 'embedding'
          ? g.op('Cast', [value], { to: attr.i(DataType.FLOAT) })
          : value
      })
      try {
        // Checked above: every non-input node here has a converter.
        const out = entryFor(ONNX_CONVERTERS, node.kind)!({
          g,
          nodeId: id,
          name,
          params: node.params,
          inputs: inputValues,
          inputShapes: analysis.nodes[id].inputShapes as Shape[],
          outputShape: analysis.nodes[id].outputShape as Shape,
          weights,
        })
        values.set(id, out)
      } catch (error) {
        if (!(error instanceof OnnxUnsupported)) throw error
        problems.push(
          error.local
            ? exportProblem(id, error.local.key, { ...error.local.values, node: label(id) })
            : {
                nodeId: id,
                message: `${label(id).en}: ${error.message}`,
                text: { en: `${label(id).en}: ${error.message}`, 'zh-CN': `${label(id)['zh-CN']}：${error.message}` },
              },
        )
      }
    }
    if (problems.length > 0) return { ok: false, problems }

    g.scope = 'output'
    for (const output of outputs) {
      const value = values.get(output.nodeId)!
      if (value !== output.name) g.opNamed('Identity', [value], output.name)
    }
    g.prune(outputs.map((o) => o.name))
    const valueInfo = (t: OnnxTensorInfo): ValueInfo => ({
      name: t.name,
      elemType: t.dtype === 'int32' ? DataType.INT32 : DataType.FLOAT,
      shape: t.shape,
    })
    const bytes = encodeModel({
      irVersion: IR_VERSION,
      opset,
      producerName: 'LayerCanvas',
      producerVersion: '1',
      docString: doc.name,
      graph: g.toGraph(model.name, inputs.map(valueInfo), outputs.map(valueInfo)),
    })
    return { ok: true, bytes, warnings: source.warnings, inputs, outputs }
  } catch (error) {
    // A converter bug, not the user's graph: still an answer instead of a crash.
    return {
      ok: false,
      problems: [exportProblem(null, 'exportFailed', { format: 'ONNX', detail: (error as Error).message })],
    }
  } finally {
    if (source.owned) model.dispose()
  }
}

/** Input, Noise and Timestep inputs: graph inputs, not converted ops. */
function isInputKind(kind: string): boolean {
  return getLayerKind(kind)?.isInput === true
}

function fail(nodeId: string | null, message: string): OnnxExportResult {
  return { ok: false, problems: [{ nodeId, message }] }
}
