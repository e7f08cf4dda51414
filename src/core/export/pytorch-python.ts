import type { ProjectDocument } from '../document/types'
import type { PyTorchSnippet, Tf } from '../layers/kind'
import { indent, pyStr, pyTuple } from './python/literal'
import { planGraph, type ExportProblem, type ExportResult, type GraphPlan, type PlannedNode, type PythonExportOptions } from './python/plan'
import { dataSpec, pythonReadme, requirements } from './python/common'
import { PY_DATA, PY_SCHEDULE, trainingConfigPy, type DataSpec } from './python/training'
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
  const feeding = new Set<string>()
  const stack = [plan.outputs[0]]
  while (stack.length > 0) {
    const id = stack.pop() as string
    if (feeding.has(id)) continue
    feeding.add(id)
    stack.push(...plan.byId.get(id)!.inputs)
  }
  return plan.nodes.some((n) => (n.snippet.weights ?? []).length > 0 && !feeding.has(n.id))
}

function collectHelpers(nodes: PlannedNode<{ helpers?: Record<string, string> }>[]): string[] {
  const helpers = new Map<string, string>()
  for (const node of nodes) for (const [name, code] of Object.entries(node.snippet.helpers ?? {})) helpers.set(name, code)
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
  const inputs = data.inputs.map((i) => `    (${pyStr(i.name)}, ${pyTuple(i.shape)}, ${pyStr(i.dtype)}, ${i.vocab ?? 'None'}),`)
  const outputs = plan.outputs.map((id) => {
    const shape = plan.analysis.nodes[id].outputShape as number[]
    return `    (${pyStr(plan.byId.get(id)!.name)}, ${pyTuple(shape)}),`
  })
  return `"""${doc.name.replace(/"""/g, "'''")}: a PyTorch model exported from LayerCanvas.

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
    manifest = {"format": "layercanvas-weights", "version": 1, "dtype": "float32", "byteOrder": "little",
                "source": "pytorch", "totalValues": offset // 4, "layers": layers}
    with open(os.path.join(directory, "weights.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1)


def count_parameters(model):
    """(trainable, non-trainable): parameters that require grad, and buffers plus frozen
    parameters - the same split LayerCanvas and Keras report."""
    model = _unwrap(model)
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    frozen = sum(p.numel() for p in model.parameters() if not p.requires_grad)
    buffers = sum(b.numel() for b in model.buffers())
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

function trainPy(doc: ProjectDocument, data: DataSpec, unusedParameters: boolean): string {
  return `"""Trains the exported model with PyTorch: on one CPU/GPU, or with torchrun on several GPUs or
machines (DistributedDataParallel).

    python train.py                                   # one process (GPU if there is one)
    torchrun --nproc_per_node=2 train.py --max-steps 5
    torchrun --nnodes=2 --node_rank=0 --master_addr=HOST --master_port=29500 \\
             --nproc_per_node=8 train.py --data data.npz --epochs 20

Settings default to the project's (CONFIG below). --batch-size is the global batch: each of the
N processes takes batch_size / N samples per step, so the numbers match LayerCanvas'.
Rank 0 logs and writes the checkpoint (checkpoint.pt) and the weights in LayerCanvas' format.
"""
import argparse
import math
import os
import time

import numpy as np
import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

from model import INPUTS, Model, load_tfjs_weights, save_tfjs_weights

HERE = os.path.dirname(os.path.abspath(__file__))

# The project's training settings (LayerCanvas: Train panel).
CONFIG = ${trainingConfigPy(doc, data)}
# Only the first output is trained (as in LayerCanvas); layers that feed only the other outputs
# get no gradient, which DistributedDataParallel must be told about.
FIND_UNUSED_PARAMETERS = ${unusedParameters ? 'True' : 'False'}


${PY_DATA}

${PY_SCHEDULE}

def make_optimizer(params, lr):
    """tfjs' optimizers in torch. Epsilons follow tfjs (1e-7; torch defaults to 1e-8, Adagrad 1e-10).
    RMSprop: tfjs puts epsilon inside the square root, torch outside; Adadelta: tfjs' default rate is
    0.001, torch's 1.0 - the project's rate is used either way."""
    c = CONFIG
    kind = c["optimizer"]
    if kind == "sgd":
        return torch.optim.SGD(params, lr=lr, momentum=c["momentum"], nesterov=c["nesterov"] and c["momentum"] > 0)
    if kind == "adam":
        return torch.optim.Adam(params, lr=lr, betas=(c["beta1"], c["beta2"]), eps=c["epsilon"])
    if kind == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr, alpha=c["rmsprop_rho"], momentum=c["momentum"], eps=c["epsilon"])
    if kind == "adagrad":
        return torch.optim.Adagrad(params, lr=lr, initial_accumulator_value=c["adagrad_initial_accumulator"], eps=c["epsilon"])
    if kind == "adadelta":
        return torch.optim.Adadelta(params, lr=lr, rho=c["adadelta_rho"], eps=c["epsilon"])
    if kind == "adamax":
        return torch.optim.Adamax(params, lr=lr, betas=(c["beta1"], c["beta2"]), eps=c["epsilon"])
    raise ValueError(f"unknown optimizer {kind}")


def targets_like(pred, y):
    """Targets in the prediction's shape: one-hot rows from class indices, a 0/1 column for one
    sigmoid unit, or the regression values (as LayerCanvas' trainer does)."""
    if CONFIG["task"] == "classification" and pred.shape[-1] > 1:
        return F.one_hot(y.long().reshape(pred.shape[:-1]), pred.shape[-1]).to(pred.dtype)
    return y.to(pred.dtype).reshape(pred.shape)


def compute_loss(pred, y):
    """Keras' losses on probabilities (softmax / sigmoid outputs), as LayerCanvas computes them."""
    t = targets_like(pred, y)
    kind = CONFIG["loss"]
    eps = CONFIG["probability_clip"]
    if kind in ("categoricalCrossentropy", "sparseCategoricalCrossentropy"):
        return -(t * pred.clamp(eps, 1 - eps).log()).sum(-1).mean()
    if kind == "binaryCrossentropy":
        p = pred.clamp(eps, 1 - eps)
        return -(t * p.log() + (1 - t) * (1 - p).log()).mean()
    if kind == "meanSquaredError":
        return (pred - t).pow(2).mean()
    if kind == "meanAbsoluteError":
        return (pred - t).abs().mean()
    if kind == "huber":
        err = (pred - t).abs()
        quad = err.clamp(max=CONFIG["huber_delta"])
        return (0.5 * quad.pow(2) + CONFIG["huber_delta"] * (err - quad)).mean()
    raise ValueError(f"unknown loss {kind}")


def correct_count(pred, y):
    if CONFIG["task"] != "classification":
        return 0
    if pred.shape[-1] == 1:
        return int(((pred.reshape(-1) > 0.5).long() == y.reshape(-1).long()).sum())
    return int((pred.argmax(-1).reshape(-1) == y.reshape(-1).long()).sum())


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", help=".npz with x (or x_<input>) and y; default: load_data()'s synthetic set")
    parser.add_argument("--epochs", type=int, default=CONFIG["epochs"])
    parser.add_argument("--batch-size", type=int, default=CONFIG["batch_size"], help="global batch (all processes)")
    parser.add_argument("--lr", type=float, default=CONFIG["learning_rate"], help="base learning rate")
    parser.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (0 = no limit)")
    parser.add_argument("--validation-split", type=float, default=CONFIG["validation_split"])
    parser.add_argument("--weights", default=HERE, help="folder with LayerCanvas' weights.json/bin to start from")
    parser.add_argument("--no-weights", action="store_true", help="start from fresh weights")
    parser.add_argument("--out", default=os.path.join(HERE, "trained"), help="where rank 0 writes the results")
    parser.add_argument("--workers", type=int, default=0, help="DataLoader worker processes")
    parser.add_argument("--seed", type=int, default=CONFIG["seed"])
    return parser.parse_args()


def main():
    args = parse_args()
    CONFIG["learning_rate"] = args.lr
    distributed = int(os.environ.get("WORLD_SIZE", "1")) > 1
    cuda = torch.cuda.is_available()
    if distributed:
        dist.init_process_group(backend="nccl" if cuda else "gloo")
        rank, world = dist.get_rank(), dist.get_world_size()
        local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    else:
        rank, world, local_rank = 0, 1, 0
    device = torch.device(f"cuda:{local_rank}" if cuda else "cpu")
    if cuda:
        torch.cuda.set_device(device)
    main_process = rank == 0
    torch.manual_seed(args.seed)

    model = Model()
    if not args.no_weights and os.path.exists(os.path.join(args.weights, "weights.json")):
        load_tfjs_weights(model, args.weights)
        if main_process:
            print(f"starting from the weights in {args.weights}")
    model.to(device)
    if distributed:
        model = DistributedDataParallel(model, device_ids=[local_rank] if cuda else None,
                                        find_unused_parameters=FIND_UNUSED_PARAMETERS)

    inputs, y = load_data(args.data, seed=args.seed)
    tensors = [torch.from_numpy(a) for a in inputs] + [torch.from_numpy(np.asarray(y))]
    count = len(y)
    order = np.random.default_rng(args.seed).permutation(count)
    n_val = int(count * args.validation_split) if count > 1 else 0
    train_set = TensorDataset(*[t[torch.from_numpy(order[n_val:])] for t in tensors])
    val_set = TensorDataset(*[t[torch.from_numpy(order[:n_val])] for t in tensors]) if n_val > 0 else None
    per_process = max(1, args.batch_size // world)
    sampler = DistributedSampler(train_set, num_replicas=world, rank=rank, shuffle=True, seed=args.seed) if distributed else None
    loader = DataLoader(train_set, batch_size=per_process, shuffle=sampler is None, sampler=sampler,
                        num_workers=args.workers, pin_memory=cuda)
    optimizer = make_optimizer(model.parameters(), args.lr)
    if main_process:
        print(f"{len(train_set)} training samples, {n_val} validation, {world} process(es), "
              f"batch {per_process} per process, device {device}")

    step = 0
    done = False
    for epoch in range(args.epochs):
        if sampler is not None:
            sampler.set_epoch(epoch)
        model.train()
        started = time.time()
        totals = torch.zeros(4, dtype=torch.float64, device=device)  # loss sum, samples, correct, labels
        for batch_index, batch in enumerate(loader):
            lr = learning_rate_at(epoch, args.epochs, batch_index, len(loader))
            for group in optimizer.param_groups:
                group["lr"] = lr
            *xs, target = [t.to(device, non_blocking=True) for t in batch]
            out = model(*xs)
            pred = out[0] if isinstance(out, tuple) else out
            loss = compute_loss(pred, target)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            step += 1
            n = target.shape[0]
            totals += torch.tensor([loss.item() * n, n, correct_count(pred.detach(), target), target.numel()],
                                   dtype=torch.float64, device=device)
            if args.max_steps and step >= args.max_steps:
                done = True
                break
        if distributed:
            dist.all_reduce(totals)
        loss_sum, seen, correct, labels = totals.tolist()
        message = f"epoch {epoch + 1}/{args.epochs}  step {step}  loss {loss_sum / max(seen, 1):.4f}"
        if CONFIG["task"] == "classification":
            message += f"  accuracy {correct / max(labels, 1):.4f}"
        if val_set is not None and main_process:
            message += evaluate(model, val_set, per_process, device)
        if main_process:
            print(f"{message}  ({time.time() - started:.1f} s)", flush=True)
        if done:
            break

    if main_process:
        os.makedirs(args.out, exist_ok=True)
        plain = getattr(model, "module", model)
        torch.save(plain.state_dict(), os.path.join(args.out, "checkpoint.pt"))
        save_tfjs_weights(plain, args.out)
        print(f"saved {os.path.join(args.out, 'checkpoint.pt')} and weights.bin/.json")
    if distributed:
        dist.barrier()
        dist.destroy_process_group()


def evaluate(model, dataset, batch_size, device):
    plain = getattr(model, "module", model)
    plain.eval()
    loss_sum, seen, correct, labels = 0.0, 0, 0, 0
    with torch.no_grad():
        for batch in DataLoader(dataset, batch_size=batch_size):
            *xs, target = [t.to(device) for t in batch]
            out = plain(*xs)
            pred = out[0] if isinstance(out, tuple) else out
            loss_sum += compute_loss(pred, target).item() * target.shape[0]
            seen += target.shape[0]
            correct += correct_count(pred, target)
            labels += target.numel()
    plain.train()
    text = f"  val_loss {loss_sum / max(seen, 1):.4f}"
    if CONFIG["task"] == "classification":
        text += f"  val_accuracy {correct / max(labels, 1):.4f}"
    return text


if __name__ == "__main__":
    main()
`
}

/**
 * PyTorch export: model.py (an nn.Module built from each kind's snippet, plus
 * load_tfjs_weights / save_tfjs_weights), train.py (one process or torchrun + DDP),
 * weights.bin + weights.json (tfjs layout; converted when loaded), README.md, requirements.txt.
 * Never throws on user input: problems come back per node.
 */
export async function exportPyTorch(tf: Tf, doc: ProjectDocument, options: PythonExportOptions = {}): Promise<ExportResult> {
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
          problems.push({ nodeId: node.id, message: `${node.kind.label.en} "${node.id}": tfjs has ${expected} weights, the PyTorch module maps ${mapped}.` })
        }
      }
      if (problems.length > 0) return { ok: false, problems }
      files['weights.bin'] = packed.bin
      files['weights.json'] = JSON.stringify(packed.manifest, null, 1) + '\n'
      weightsSource = packed.manifest.source
    }
    files['model.py'] = modelPy(doc, plan, data)
    files['train.py'] = trainPy(doc, data, hasUntrainedWeights(plan))
    files['requirements.txt'] = requirements('pytorch')
    files['README.md'] = pythonReadme('pytorch', doc, plan, weightsSource)
    return { ok: true, files }
  } catch (error) {
    return { ok: false, problems: [{ nodeId: null, message: `The PyTorch export failed: ${(error as Error).message}` }] }
  }
}

