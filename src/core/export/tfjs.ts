import { exportProblem } from '../i18n/export-messages'
import type * as tfjs from '@tensorflow/tfjs'
import type { NormalizationStats } from '../data/normalize'
import type { ProjectDocument } from '../document/types'
import type { Tf } from '../layers/kind'
import type { Shape } from '../shapes/shape'
import { mdText } from '../codegen/escape'
import { withSeparableDepthMultipliers } from '../import/separable-depth'
import { modelSource, weightsNote, type FileExportProblem, type GivenModel } from './model-source'
import { CUSTOM_LAYERS_FILE, CUSTOM_LAYER_CLASS_NAMES, customLayersModuleSource, esImport } from './tfjs-layers-module'

export type { FileExportProblem } from './model-source'

export interface TfjsExportOptions {
  /**
   * Classification: the dataset's class names, index = output unit. Written to metadata.json only
   * when they name the output's units (see classNamesForOutput), never padded or invented.
   */
  classNames?: string[]
  /** The input normalisation the model was trained with: apply it to new inputs. */
  normalization?: NormalizationStats | null
  /** LayerCanvas' version, written into the files (the host knows it; default 'unknown'). */
  version?: string
  /** Take the weights from this compiled model instead of compiling one (`doc.trained` is then ignored). */
  compiled?: GivenModel
}

/** One model input or output as metadata.json lists it; `shape` has null for the batch. */
export interface TfjsTensorInfo {
  nodeId: string
  layerName: string
  shape: (number | null)[]
  dtype: 'float32' | 'int32'
}

export interface TfjsMetadata {
  format: 'layercanvas-tfjs'
  layercanvasVersion: string
  name: string
  task: string
  /** Whose weights weights.bin holds. */
  weights: 'trained' | 'initial' | 'model'
  inputs: TfjsTensorInfo[]
  outputs: TfjsTensorInfo[]
  classNames?: string[]
  normalization?: NormalizationStats
  /** Class names of LayerCanvas' own layers the model uses (registered by layercanvas-layers.js). */
  customLayers: string[]
}

/** model.json as written to disk (tfjs' LayersModel format). */
export interface TfjsModelJson {
  format: 'layers-model'
  generatedBy: string
  convertedBy: string | null
  modelTopology: unknown
  weightsManifest: { paths: string[]; weights: tfjs.io.WeightsManifestEntry[] }[]
  userDefinedMetadata?: Record<string, unknown>
}

export type TfjsExportResult =
  | {
      ok: true
      /** Relative path → content: model.json, weights.bin, metadata.json, README.md, predict.mjs (+ layercanvas-layers.js). */
      files: Record<string, string | Uint8Array>
      warnings: FileExportProblem[]
      metadata: TfjsMetadata
    }
  | { ok: false; problems: FileExportProblem[] }

/** Joins tfjs' weightData (one ArrayBuffer, or several in tfjs 4.x) into one byte array. */
export function concatWeightData(data: ArrayBuffer | ArrayBuffer[] | undefined): Uint8Array {
  const parts = data === undefined ? [] : Array.isArray(data) ? data : [data]
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0))
  let at = 0
  for (const part of parts) {
    out.set(new Uint8Array(part), at)
    at += part.byteLength
  }
  return out
}

/** The model's ModelArtifacts, through a save handler (nothing touches a disk). */
export async function modelArtifacts(tf: Tf, model: tfjs.LayersModel): Promise<tfjs.io.ModelArtifacts> {
  let saved: tfjs.io.ModelArtifacts | undefined
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }
    }),
  )
  if (!saved) throw new Error('tfjs did not hand over the model')
  return saved
}

const shapeOf = (shape: Shape | null | undefined): (number | null)[] => [null, ...(shape ?? [])]

/**
 * The class names metadata.json may list: the dataset's, when the model has one output whose
 * last axis has N units (per sample, or per step of a sequence) and the dataset names exactly N
 * classes, or 2 for one sigmoid unit: the trainer's own rule (supervised.ts). Otherwise none:
 * an imported ResNet's 1000 outputs are not MNIST's digits "0"–"9".
 */
export function classNamesForOutput(
  classNames: string[] | undefined,
  outputShapes: (Shape | null | undefined)[],
): string[] | undefined {
  if (!classNames || outputShapes.length !== 1 || !outputShapes[0]) return undefined
  const shape = outputShapes[0]
  const units = shape.length === 0 ? 1 : shape[shape.length - 1]
  return units === classNames.length || (units === 1 && classNames.length === 2) ? classNames : undefined
}

/**
 * Exports the document's network in TensorFlow.js' LayersModel format: model.json + weights.bin
 * load with `tf.loadLayersModel` and predict exactly what LayerCanvas' model predicts. Weights are
 * `doc.trained` where it fits the graph, else freshly initialised. When the model uses our own
 * layers, `layercanvas-layers.js` registers them (call it before loading). Never throws: problems
 * come back naming the node.
 */
export async function exportTfjs(
  tf: Tf,
  doc: ProjectDocument,
  options: TfjsExportOptions = {},
): Promise<TfjsExportResult> {
  const prepared = modelSource(tf, doc, options.compiled)
  if (!prepared.ok) return prepared
  const source = prepared.source
  const version = options.version ?? 'unknown'
  try {
    const artifacts = await modelArtifacts(tf, source.model)
    const weights = concatWeightData(artifacts.weightData as ArrayBuffer | ArrayBuffer[] | undefined)
    const custom = [
      ...new Set(source.model.layers.map((l) => l.getClassName()).filter((c) => CUSTOM_LAYER_CLASS_NAMES.includes(c))),
    ]
    const byId = new Map(doc.nodes.map((n) => [n.id, n]))
    const info = (id: string, output: boolean): TfjsTensorInfo => ({
      nodeId: id,
      layerName: source.layerNames[id],
      shape: shapeOf(source.analysis.nodes[id]?.outputShape),
      dtype: !output && byId.get(id)?.params.mode === 'tokens' ? 'int32' : 'float32',
    })
    const classNames = classNamesForOutput(
      options.classNames,
      source.outputs.map((id) => source.analysis.nodes[id]?.outputShape),
    )
    const metadata: TfjsMetadata = {
      format: 'layercanvas-tfjs',
      layercanvasVersion: version,
      name: doc.name,
      task: doc.training.task,
      weights: source.weights,
      inputs: source.inputs.map((id) => info(id, false)),
      outputs: source.outputs.map((id) => info(id, true)),
      ...(classNames ? { classNames } : {}),
      ...(options.normalization ? { normalization: options.normalization } : {}),
      customLayers: custom,
    }
    // The canvas ids, names and kinds of the layers, so importing the file gives the same canvas.
    type NodeInfo = { id: string; kind: string; name?: string; params?: Record<string, unknown> }
    const nodes: Record<string, NodeInfo> = Object.create(null) as Record<string, NodeInfo>
    for (const [id, layerName] of Object.entries(source.layerNames)) {
      const node = byId.get(id)
      if (!node) continue
      const restoreParams = node.kind === 'noiseInput' || node.kind === 'timestepInput'
      nodes[layerName] = {
        id,
        kind: node.kind,
        ...(node.name ? { name: node.name } : {}),
        ...(restoreParams ? { params: node.params } : {}),
      }
    }
    const modelJson: TfjsModelJson = {
      format: 'layers-model',
      generatedBy: artifacts.generatedBy ?? 'TensorFlow.js',
      convertedBy: `LayerCanvas ${version}`,
      // tfjs drops SeparableConv2D's depth_multiplier from the config; put it back so the model loads.
      modelTopology: withSeparableDepthMultipliers(artifacts.modelTopology, artifacts.weightSpecs),
      weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
      userDefinedMetadata: { layercanvas: { version, nodes } },
    }
    const files: Record<string, string | Uint8Array> = {
      'model.json': JSON.stringify(modelJson),
      'weights.bin': weights,
      'metadata.json': JSON.stringify(metadata, null, 2) + '\n',
      'predict.mjs': predictScript(custom.length > 0),
      'README.md': readme(doc, metadata, custom.length > 0),
    }
    if (custom.length > 0) files[CUSTOM_LAYERS_FILE] = customLayersModuleSource(version)
    return { ok: true, files, warnings: source.warnings, metadata }
  } catch (error) {
    return {
      ok: false,
      problems: [exportProblem(null, 'exportFailed', { format: 'TensorFlow.js', detail: (error as Error).message })],
    }
  } finally {
    if (source.owned) source.model.dispose()
  }
}

/** The loading code shared by predict.mjs and the README, so the README shows exactly what runs. */
function loadingCode(custom: boolean): string {
  const register = custom
    ? `${esImport('{ registerLayerCanvasLayers }', `./${CUSTOM_LAYERS_FILE}`)}\n\n// LayerCanvas' own layers must be registered before loading.\nregisterLayerCanvasLayers(tf)\n`
    : ''
  return `${esImport('{ readFile }', 'node:fs/promises')}
${esImport('* as tf', '@tensorflow/tfjs')}
${register}
const here = (name) => new URL(name, import.meta.url)
const modelJson = JSON.parse(await readFile(here('model.json'), 'utf8'))
const bin = await readFile(here('weights.bin'))
const model = await tf.loadLayersModel(
  tf.io.fromMemory({
    modelTopology: modelJson.modelTopology,
    weightSpecs: modelJson.weightsManifest.flatMap((group) => group.weights),
    weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
  }),
)`
}

function predictScript(custom: boolean): string {
  return `// Loads the exported model and predicts one sample of zeros per input.
// Run: node predict.mjs   (in a folder where \`npm install @tensorflow/tfjs@4.22.0\` was run)
${loadingCode(custom)}

// Replace the zeros with your data: one [batch, ...shape] tensor per input (see metadata.json).
const inputs = model.inputs.map((input) => tf.zeros([1, ...input.shape.slice(1)], input.dtype))
const output = model.predict(inputs.length === 1 ? inputs[0] : inputs)
for (const y of Array.isArray(output) ? output : [output]) {
  console.log(JSON.stringify({ shape: y.shape, values: Array.from(await y.data()).slice(0, 10) }))
}
`
}

function readme(doc: ProjectDocument, meta: TfjsMetadata, custom: boolean): string {
  const list = (items: TfjsTensorInfo[]) =>
    items
      .map(
        (t) => `- \`${t.layerName}\`: shape [${t.shape.map((d) => (d === null ? 'batch' : d)).join(', ')}], ${t.dtype}`,
      )
      .join('\n')
  return `# ${mdText(doc.name)} — TensorFlow.js

Exported from LayerCanvas ${meta.layercanvasVersion} with ${weightsNote(doc, meta.weights)}.

## Files

- \`model.json\` + \`weights.bin\`: the model in TensorFlow.js' LayersModel format (\`tf.loadLayersModel\`).
- \`metadata.json\`: inputs and outputs${meta.classNames ? ', class names' : ''}${meta.normalization ? ', the input normalisation to apply' : ''}.
${custom ? `- \`${CUSTOM_LAYERS_FILE}\`: LayerCanvas' own layers (${meta.customLayers.join(', ')}); call \`registerLayerCanvasLayers(tf)\` before loading.\n` : ''}- \`predict.mjs\`: loads the model and predicts one sample.

Inputs:
${list(meta.inputs)}

Outputs:
${list(meta.outputs)}
${meta.task === 'classification' && !meta.classNames ? `\nmetadata.json lists no class names: the project's dataset does not name one class per output unit (or no dataset is chosen), so an output is known by its index only.\n` : ''}${meta.normalization ? `\nNormalise every input first, per feature of the last axis: x' = (x − shift) / scale (${meta.normalization.method}; values in metadata.json).\n` : ''}
## Run

\`\`\`sh
npm install @tensorflow/tfjs@4.22.0
node predict.mjs
\`\`\`

## Load it in your own code (Node)

\`\`\`js
${loadingCode(custom)}
${
  meta.inputs.length === 1
    ? `const y = model.predict(tf.zeros([1, ${meta.inputs[0].shape.slice(1).join(', ')}]${meta.inputs[0].dtype === 'int32' ? `, 'int32'` : ''}))`
    : `const y = model.predict([${meta.inputs.map((i) => `tf.zeros([1, ${i.shape.slice(1).join(', ')}]${i.dtype === 'int32' ? `, 'int32'` : ''})`).join(', ')}])`
}
y.print()
\`\`\`

In a browser, \`tf.loadLayersModel('path/to/model.json')\` fetches both files${custom ? ` (after \`registerLayerCanvasLayers(tf)\`)` : ''}.
`
}
