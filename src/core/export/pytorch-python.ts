import { exportProblem, nodeLabelText } from '../i18n/export-messages'
import type { ProjectDocument } from '../document/types'
import type { PyTorchSnippet, Tf } from '../layers/kind'
import { feeding } from '../shapes/analyze'
import { pyDocText } from '../codegen/escape'
import { indent, pyStr, pyTuple } from '../codegen/python/literal'
import {
  planGraph,
  type ExportProblem,
  type ExportResult,
  type GraphPlan,
  type PlannedNode,
  type PythonExportOptions,
} from './python/plan'
import { dataSpec, pythonReadme, requirements } from './python/common'
import { torchTrainPy } from './python/torch-train'
import { TORCH_SAMPLE_PY } from './python/torch-sample'
import type { DataSpec } from './python/training'
import { packWeights } from './python/weights'

export type { ExportProblem, ExportResult, PythonExportOptions } from './python/plan'

type Layout = 'last' | 'first'

/**
 * The forward pass, in graph order. Tensors stay in tfjs' layout (channels-last) except where
 * a snippet asks for channels-first images; a permute is written only where the layout changes
 * (and once per tensor), so Conv → BatchNorm → ReLU → Pool runs in NCHW throughout.
 */
function forwardBody(plan: GraphPlan<PyTorchSnippet>): { args: string[]; lines: string[]; returns: string[] } {
  const lines: string[] = []
  const layouts = new Map<string, Layout>()
  const isImage = (id: string) => plan.analysis.nodes[id].outputShape?.length === 3
  const taken = new Set(plan.nodes.map((n) => n.name))
  const converted = new Map<string, string>()
  const fresh = (base: string) => {
    let name = base
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`
    taken.add(name)
    return name
  }
  // The variable holding node `id`'s output in the wanted layout (permuting once if needed).
  const inLayout = (id: string, want: Layout): string => {
    const node = plan.byId.get(id)!
    if (!isImage(id) || layouts.get(id) === want) return node.name
    const key = `${id}\u0000${want}`
    let name = converted.get(key)
    if (!name) {
      name = fresh(`${node.name}_${want === 'first' ? 'nchw' : 'nhwc'}`)
      converted.set(key, name)
      // Contiguous NCHW, as conv kernels (and DDP's gradient buckets) expect.
      lines.push(`${name} = ${node.name}.permute(${want === 'first' ? '0, 3, 1, 2).contiguous(' : '0, 2, 3, 1'})`)
    }
    return name
  }
  const args = plan.inputs.map((id) => plan.byId.get(id)!.name)
  for (const node of plan.nodes) {
    const s = node.snippet
    const module = `self.${node.name}`
    if (node.inputs.length === 0) {
      const expr = s.forward([node.name], module)
      if (expr !== node.name) lines.push(`${node.name} = ${expr}`)
      layouts.set(node.id, 'last')
      continue
    }
    const imageInputs = node.inputs.filter(isImage)
    let want: Layout
    if (s.layout === 'channelsFirst') want = 'first'
    else if (s.layout === 'any') {
      const seen = new Set(imageInputs.map((id) => layouts.get(id)))
      want = seen.size === 1 && seen.has('first') ? 'first' : 'last'
    } else want = 'last'
    const inputs = node.inputs.map((id) => inLayout(id, want))
    lines.push(`${node.name} = ${s.forward(inputs, module)}`)
    layouts.set(node.id, isImage(node.id) ? want : 'last')
  }
  const returns = plan.outputs.map((id) => inLayout(id, 'last'))
  return { args, lines, returns }
}

/** Whether some layer with weights does not lead to the first output (the one train.py trains). */
function hasUntrainedWeights(plan: GraphPlan<PyTorchSnippet>): boolean {
  const { inputsByPort, order } = plan.analysis
  const trained = feeding([plan.outputs[0]], inputsByPort, order)
  return plan.nodes.some((n) => (n.snippet.weights ?? []).length > 0 && !trained.has(n.id))
}

function collectHelpers(nodes: PlannedNode<{ helpers?: Record<string, string> }>[]): string[] {
  const helpers = new Map<string, string>()
  for (const node of nodes)
    for (const [name, code] of Object.entries(node.snippet.helpers ?? {})) helpers.set(name, code)
  return [...helpers.values()]
}

function modelPy(doc: ProjectDocument, plan: GraphPlan<PyTorchSnippet>, data: DataSpec): string {
  const { args, lines, returns } = forwardBody(plan)
  const modules = plan.nodes.filter((n) => n.snippet.module).map((n) => `self.${n.name} = ${n.snippet.module}`)
  const weightTable = plan.nodes
    .filter((n) => (n.snippet.weights ?? []).length > 0)
    .map((n) => {
      const entries = (n.snippet.weights ?? []).map((w) => {
        const permute = w.permute ? pyTuple(w.permute) : 'None'
        return `(${pyStr(`${n.name}.${w.target}`)}, ${permute})`
      })
      return `    ${pyStr(n.name)}: [${entries.join(', ')}],`
    })
  const totals = plan.analysis.totals
  const inputs = data.inputs.map(
    (i) => `    (${pyStr(i.name)}, ${pyTuple(i.shape)}, ${pyStr(i.dtype)}, ${i.vocab ?? 'None'}),`,
  )
  const outputs = plan.outputs.map((id) => {
    const shape = plan.analysis.nodes[id].outputShape as number[]
    return `    (${pyStr(plan.byId.get(id)!.name)}, ${pyTuple(shape)}),`
  })
  return `"""${pyDocText(doc.name)}: a PyTorch model exported from LayerCanvas.

Tensors use tfjs' layout: images are channels-last (N, H, W, C) at the inputs and outputs, and
between layers wherever Flatten / Reshape / Dense see them, so the values come in the same order
as in LayerCanvas and the exported weights fit without reordering. Conv and pooling layers run
channels-first inside; the forward permutes only where the layout changes.

    python model.py        # loads weights.bin, checks the parameter count, runs a random batch
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))

# Model inputs: (name, shape without the batch in tfjs' layout, dtype, vocabulary size of token ids).
INPUTS = [
${inputs.join('\n')}
]
# Model outputs: (name, shape without the batch). forward() returns them in this order.
OUTPUTS = [
${outputs.join('\n')}
]
# LayerCanvas' counts (\`layercanvas check\`): trainable weights, and the non-trainable ones
# (BatchNorm's moving mean and variance, which are buffers here).
LAYERCANVAS_PARAMS = {"trainable": ${totals.trainable}, "non_trainable": ${totals.nonTrainable}}

${collectHelpers(plan.nodes).join('\n\n')}

class Model(nn.Module):
    def __init__(self):
        super().__init__()
${indent(modules.join('\n'), '        ')}

    def forward(self, ${args.join(', ')}):
${indent(lines.join('\n'), '        ')}
        return ${returns.join(', ')}


# Where each tfjs weight (weights.json, in getWeights() order) goes: (parameter or buffer,
# numpy transpose axes from the tfjs layout, or None when the layout is the same).
TFJS_WEIGHTS = {
${weightTable.join('\n')}
}


def _unwrap(model):
    return getattr(model, "module", model)  # DistributedDataParallel keeps the model in .module


def load_tfjs_weights(model, directory=HERE):
    """Copies weights.bin (described by weights.json) into the model, converting the layouts."""
    model = _unwrap(model)
    with open(os.path.join(directory, "weights.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    with open(os.path.join(directory, "weights.bin"), "rb") as f:
        blob = f.read()
    state = model.state_dict()
    for layer in manifest["layers"]:
        targets = TFJS_WEIGHTS.get(layer["name"])
        if targets is None or len(targets) != len(layer["weights"]):
            raise ValueError(f"weights.json does not fit this model at layer {layer['name']!r}")
        for weight, (target, permute) in zip(layer["weights"], targets):
            array = np.frombuffer(blob, dtype="<f4", count=weight["size"], offset=weight["offset"]).reshape(weight["shape"])
            if permute is not None:
                array = array.transpose(permute)
            tensor = state[target]
            if tuple(tensor.shape) != array.shape:
                raise ValueError(f"{target}: the model has {tuple(tensor.shape)}, weights.json has {array.shape}")
            with torch.no_grad():
                tensor.copy_(torch.from_numpy(np.array(array, dtype=np.float32)))
    return model


def save_tfjs_weights(model, directory):
    """Writes the model's weights back in LayerCanvas' format (weights.bin + weights.json)."""
    model = _unwrap(model)
    state = model.state_dict()
    layers, chunks, offset = [], [], 0
    for name, targets in TFJS_WEIGHTS.items():
        weights = []
        for target, permute in targets:
            array = state[target].detach().cpu().float().numpy()
            if permute is not None:
                array = array.transpose(np.argsort(permute))
            array = np.ascontiguousarray(array, dtype="<f4")
            weights.append({"name": target, "shape": list(array.shape), "offset": offset, "size": int(array.size)})
            chunks.append(array.tobytes())
            offset += array.nbytes
        layers.append({"name": name, "weights": weights})
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "weights.bin"), "wb") as f:
        f.write(b"".join(chunks))
    # weightsManifest names weights.bin as tfjs' model.json does, so the app's file picker
    # (File > Load Trained Weights) reads the pair with its usual checked paths.
    manifest = {"format": "layercanvas-weights", "version": 1, "dtype": "float32", "byteOrder": "little",
                "source": "pytorch", "totalValues": offset // 4, "layers": layers,
                "weightsManifest": [{"paths": ["weights.bin"], "weights": []}]}
    with open(os.path.join(directory, "weights.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1)


def count_parameters(model):
    """(trainable, non-trainable): parameters that require grad, and saved buffers plus frozen
    parameters - the same split LayerCanvas and Keras report. Buffers left out of the state_dict
    (persistent=False: constants such as the timestep embedding's frequencies) are not weights."""
    model = _unwrap(model)
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    frozen = sum(p.numel() for p in model.parameters() if not p.requires_grad)
    saved = model.state_dict(keep_vars=True)
    buffers = sum(b.numel() for name, b in model.named_buffers() if name in saved)
    return trainable, frozen + buffers


def example_inputs(batch=2, seed=0):
    """A random batch for every input (token ids within the vocabulary)."""
    g = torch.Generator().manual_seed(seed)
    out = []
    for _, shape, dtype, vocab in INPUTS:
        if dtype == "int64":
            out.append(torch.randint(0, vocab or 2, (batch, *shape), generator=g))
        else:
            out.append(torch.randn((batch, *shape), generator=g))
    return out


if __name__ == "__main__":
    model = Model()
    if os.path.exists(os.path.join(HERE, "weights.json")):
        load_tfjs_weights(model, HERE)
        print("loaded weights.bin")
    model.eval()
    trainable, non_trainable = count_parameters(model)
    print(f"parameters: {trainable} trainable + {non_trainable} non-trainable "
          f"(LayerCanvas: {LAYERCANVAS_PARAMS['trainable']} + {LAYERCANVAS_PARAMS['non_trainable']})")
    with torch.no_grad():
        outputs = model(*example_inputs())
    outputs = outputs if isinstance(outputs, tuple) else (outputs,)
    for (name, _), y in zip(OUTPUTS, outputs):
        print(f"{name}: {tuple(y.shape)}")
`
}

/**
 * PyTorch export: model.py (an nn.Module built from each kind's snippet, plus
 * load_tfjs_weights / save_tfjs_weights), train.py (one process or torchrun + DDP),
 * weights.bin + weights.json (tfjs layout; converted when loaded), README.md, requirements.txt.
 * Never throws on user input: problems come back per node.
 */
export async function exportPyTorch(
  tf: Tf,
  doc: ProjectDocument,
  options: PythonExportOptions = {},
): Promise<ExportResult> {
  try {
    const planned = planGraph(doc, 'pytorch')
    if (!planned.ok) return planned
    const plan = planned.plan
    const data = dataSpec(plan)
    const files: Record<string, string | Uint8Array> = {}
    let weightsSource: 'trained' | 'initial' | 'model' | null = null
    if (options.weights !== false) {
      const packed = await packWeights(tf, doc, plan, options.compiled)
      if (!packed.ok) return packed
      const problems: ExportProblem[] = []
      for (const node of plan.nodes) {
        const expected = packed.counts.get(node.id) ?? 0
        const mapped = node.snippet.weights?.length ?? 0
        if (expected !== mapped) {
          problems.push(
            exportProblem(node.id, 'weightCountMismatch', {
              node: nodeLabelText(doc, node.id),
              expected,
              framework: 'PyTorch',
              mapped,
            }),
          )
        }
      }
      if (problems.length > 0) return { ok: false, problems }
      files['weights.bin'] = packed.bin
      files['weights.json'] = JSON.stringify(packed.manifest, null, 1) + '\n'
      weightsSource = packed.manifest.source
    }
    files['model.py'] = modelPy(doc, plan, data)
    files['train.py'] = torchTrainPy(doc, plan, data, hasUntrainedWeights(plan))
    if (doc.training.task === 'gan' || doc.training.task === 'diffusion') files['sample.py'] = TORCH_SAMPLE_PY
    files['requirements.txt'] = requirements('pytorch')
    files['README.md'] = pythonReadme('pytorch', doc, plan, weightsSource)
    return { ok: true, files }
  } catch (error) {
    return {
      ok: false,
      problems: [exportProblem(null, 'exportFailed', { format: 'PyTorch', detail: (error as Error).message })],
    }
  }
}
