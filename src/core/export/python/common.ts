import type { ProjectDocument } from '../../document/types'
import type { Task } from '../../training/config'
import { mdText } from '../../codegen/escape'
import type { GraphPlan } from './plan'
import type { DataSpec } from './training'

/** Inputs (tfjs layout, dtype, vocabulary of token ids) and the trained output, for the scripts. */
export function dataSpec(plan: GraphPlan<unknown>): DataSpec {
  // Vocabulary sizes of the Embeddings each input feeds, in one pass over the plan.
  const vocabsOf = new Map<string, number[]>()
  for (const n of plan.nodes) {
    if (n.kind.id !== 'embedding') continue
    for (const source of n.inputs) {
      const list = vocabsOf.get(source) ?? []
      list.push(Number(n.params.inputDim))
      vocabsOf.set(source, list)
    }
  }
  const inputs = plan.inputs.map((id) => {
    const node = plan.byId.get(id)!
    const tokens = node.params.mode === 'tokens'
    // Token ids must stay below the smallest vocabulary they index.
    const vocabs = vocabsOf.get(id) ?? []
    return {
      name: node.name,
      shape: plan.analysis.nodes[id].outputShape as number[],
      dtype: tokens ? ('int64' as const) : ('float32' as const),
      vocab: tokens ? (vocabs.length > 0 ? vocabs.reduce((a, b) => Math.min(a, b)) : 2) : null,
    }
  })
  const out = plan.outputs[0]
  return { inputs, output: { name: plan.byId.get(out)!.name, shape: plan.analysis.nodes[out].outputShape as number[] } }
}

/** Tasks LayerCanvas trains with loops of their own, which the exported train.py files do not have. */
const GENERATIVE_TASKS: Partial<Record<Task, string>> = { gan: 'a GAN', diffusion: 'a diffusion denoiser' }

export function requirements(framework: 'keras' | 'pytorch'): string {
  return framework === 'pytorch'
    ? '# PyTorch 1.13 or newer (CPU or CUDA build), numpy\ntorch>=1.13\nnumpy\n'
    : '# Keras 3 with a backend (TensorFlow shown; JAX or PyTorch work too), numpy\nkeras>=3.0\ntensorflow>=2.16\nnumpy\n'
}

export function pythonReadme(
  framework: 'keras' | 'pytorch',
  doc: ProjectDocument,
  plan: GraphPlan<unknown>,
  weights: 'trained' | 'initial' | 'model' | null,
): string {
  const totals = plan.analysis.totals
  const which = { trained: 'trained', initial: 'freshly initialised', model: 'current' }
  const generative = GENERATIVE_TASKS[doc.training.task]
  // Both train.py files stop for these tasks (PY_TASK_CHECK): say so where people look first.
  const trainNote =
    generative && framework === 'keras'
      ? `\n\n**This project is ${generative}.** \`train.py\` fits inputs to targets, which is not how ${generative} learns, so it
stops with a message: train in LayerCanvas (the app or \`layercanvas train\`) and export again; \`model.py\` loads the weights.`
      : ''
  const weightsText = weights
    ? `- \`weights.bin\` + \`weights.json\`: the ${which[weights]} weights from LayerCanvas, raw float32
  little-endian values described layer by layer (name, shape, byte offset) in tfjs' layout.`
    : '- No weights were exported: the model starts from fresh weights.'
  if (framework === 'pytorch') {
    return `# ${mdText(doc.name)} — PyTorch

Exported from LayerCanvas: ${totals.trainable.toLocaleString('en')} trainable and ${totals.nonTrainable.toLocaleString('en')} non-trainable parameters.${trainNote}

## Files

- \`model.py\`: \`Model\`, an \`nn.Module\` built layer by layer from the design; \`load_tfjs_weights(model, folder)\`
  reads the weights and converts their layouts (Dense kernels transposed, conv kernels HWIO → OIHW, …);
  \`save_tfjs_weights(model, folder)\` writes them back in LayerCanvas' format.
- \`train.py\`: training with the project's settings (loss, optimizer, learning rate and schedule, batch size, epochs),
  in one process or distributed with \`torchrun\`; classification and regression, and the autoencoder, GAN
  (discriminator and generator steps) and diffusion (DDPM noise prediction) loops LayerCanvas trains with.
  It prints one JSON line per epoch and last \`{"event": "done", "test": {...}}\`.
- \`sample.py\`: new samples from the trained weights (GAN: from noise; diffusion: DDPM or DDIM), as PNG and .npy.
- \`data.npz\` (when exported with the data option): the project's train / validation / test split as LayerCanvas
  trains on it (same seed, same normalisation, images channels-last); \`train.py\` uses it by default.
${weightsText}

## Run

\`\`\`sh
pip install -r requirements.txt        # or Debian/Ubuntu: apt install python3-torch python3-numpy
python model.py                        # load the weights, compare the parameter count, run a random batch
python train.py --epochs 1             # on data.npz when it is here, else on random data (a note says so)
python train.py --data other.npz       # other data: x_train/y_train/x_val/... or x (or x_<input name>) and y
python sample.py                       # GAN / diffusion: new samples from trained/weights.json
torchrun --nproc_per_node=2 train.py --max-steps 5                 # 2 processes on this machine
torchrun --nnodes=2 --node_rank=0 --master_addr=HOST --master_port=29500 --nproc_per_node=8 train.py
\`\`\`

Each process uses its GPU (\`nccl\`) or, without CUDA, the CPU (\`gloo\`). \`--batch-size\` is the global batch, split
across the processes. Rank 0 prints the progress and writes \`trained/checkpoint.pt\` and \`trained/weights.bin/.json\`;
\`layercanvas load-weights project.json trained --out project.layercanvas\` puts those weights back into the project
(a \`.layercanvas\` file: the project with its weights beside it).
With Debian 12's python3-torch (1.13 on Python 3.11), torchrun cannot parse its own default \`--redirects\`/\`--tee\`;
add \`--redirects 1 --tee 1\` to the torchrun options.

## Layout and numbers

Inputs and outputs use tfjs' layout: images are channels-last \`(N, H, W, C)\`, exactly the arrays LayerCanvas
trains on. Conv and pooling layers run channels-first inside; TensorFlow's uneven "same" padding, its
average pooling that leaves padding out, its legacy bilinear resize and tfjs' GRU (reset gate before the
recurrent product) are reproduced exactly, so the outputs match tfjs to float rounding.
BatchNorm's moving mean and variance are buffers: \`count_parameters\` reports them as non-trainable, as Keras does.
`
  }
  return `# ${mdText(doc.name)} — Keras 3

Exported from LayerCanvas: ${totals.trainable.toLocaleString('en')} trainable and ${totals.nonTrainable.toLocaleString('en')} non-trainable parameters.${trainNote}

## Files

- \`model.py\`: \`build_model()\` (the functional API, one line per layer) and \`load_weights_from_tfjs(model, folder)\`.
- \`train.py\`: \`model.fit\` with the project's settings (loss, optimizer, learning rate and schedule, batch size, epochs).
${weightsText}

## Run

\`\`\`sh
pip install -r requirements.txt
python model.py                  # build, load the weights, print the summary
python train.py --epochs 1       # a synthetic dataset of the right shapes
python train.py --data data.npz  # your data: x (or x_<input name>) and y, see load_data()
\`\`\`

The weights keep tfjs' layout, which is Keras' (channels-last, same kernel shapes and weight order), so they load
with \`set_weights\` as they are. GRU layers use \`reset_after=False\`, tfjs' formulation.
`
}
