import { exportProblem } from '../i18n/export-messages'
import type { ProjectDocument } from '../document/types'
import type { KerasSnippet, Tf } from '../layers/kind'
import { pyDocText } from '../codegen/escape'
import { dataSpec, pythonReadme, requirements } from './python/common'
import { indent, pyStr, pyTuple } from '../codegen/python/literal'
import { planGraph, type ExportResult, type GraphPlan, type PythonExportOptions } from './python/plan'
import { PY_DATA, PY_SCHEDULE, PY_TASK_CHECK, trainingConfigPy, type DataSpec } from './python/training'
import { PY_SPLITS } from './python/splits-py'
import { packWeights } from './python/weights'

export type { ExportProblem, ExportResult, PythonExportOptions } from './python/plan'

function helpersOf(plan: GraphPlan<KerasSnippet>): string[] {
  const helpers = new Map<string, string>()
  for (const node of plan.nodes)
    for (const [name, code] of Object.entries(node.snippet.helpers ?? {})) helpers.set(name, code)
  return [...helpers.values()]
}

function buildModelBody(plan: GraphPlan<KerasSnippet>, modelName: string): string[] {
  const lines: string[] = []
  const nameOf = (id: string) => plan.byId.get(id)!.name
  for (const node of plan.nodes) {
    const s = node.snippet
    if (node.inputs.length === 0) {
      lines.push(`${node.name} = ${s.layer}`)
      continue
    }
    const inputs = node.inputs.map(nameOf)
    const call = s.call
      ? s.call(s.layer, inputs)
      : `${s.layer}(${inputs.length === 1 ? inputs[0] : `[${inputs.join(', ')}]`})`
    lines.push(`${node.name} = ${call}`)
  }
  const list = (ids: string[]) => (ids.length === 1 ? nameOf(ids[0]) : `[${ids.map(nameOf).join(', ')}]`)
  lines.push(`return keras.Model(inputs=${list(plan.inputs)}, outputs=${list(plan.outputs)}, name=${pyStr(modelName)})`)
  return lines
}

function modelPy(doc: ProjectDocument, plan: GraphPlan<KerasSnippet>, data: DataSpec): string {
  const totals = plan.analysis.totals
  const inputs = data.inputs.map(
    (i) => `    (${pyStr(i.name)}, ${pyTuple(i.shape)}, ${pyStr(i.dtype)}, ${i.vocab ?? 'None'}),`,
  )
  const outputs = plan.outputs.map(
    (id) => `    (${pyStr(plan.byId.get(id)!.name)}, ${pyTuple(plan.analysis.nodes[id].outputShape as number[])}),`,
  )
  const modelName = doc.name.replace(/[^A-Za-z0-9_.-]/g, '_') || 'model'
  return `"""${pyDocText(doc.name)}: a Keras 3 model exported from LayerCanvas.

Same layout as LayerCanvas (tfjs): channels-last images (N, H, W, C), the same kernel shapes and
weight order, so weights.bin loads with set_weights as it is.

    python model.py        # builds the model, loads weights.bin, prints the summary
"""
import json
import os

import keras
import numpy as np
from keras import layers, ops

HERE = os.path.dirname(os.path.abspath(__file__))

# Model inputs: (name, shape without the batch, dtype, vocabulary size of token ids).
INPUTS = [
${inputs.join('\n')}
]
# Model outputs: (name, shape without the batch).
OUTPUTS = [
${outputs.join('\n')}
]
# LayerCanvas' counts (\`layercanvas check\`): trainable, and non-trainable (BatchNorm's moving statistics).
LAYERCANVAS_PARAMS = {"trainable": ${totals.trainable}, "non_trainable": ${totals.nonTrainable}}

${helpersOf(plan).join('\n\n')}

def build_model():
${indent(buildModelBody(plan, modelName).join('\n'))}


def load_weights_from_tfjs(model, directory=HERE):
    """Loads weights.bin (described by weights.json): per layer, its arrays in get_weights() order."""
    with open(os.path.join(directory, "weights.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    with open(os.path.join(directory, "weights.bin"), "rb") as f:
        blob = f.read()
    for layer in manifest["layers"]:
        arrays = [
            np.frombuffer(blob, dtype="<f4", count=w["size"], offset=w["offset"]).reshape(w["shape"])
            for w in layer["weights"]
        ]
        model.get_layer(layer["name"]).set_weights(arrays)
    return model


def save_weights_for_tfjs(model, directory):
    """Writes the weights back in LayerCanvas' format (weights.bin + weights.json)."""
    layers_out, chunks, offset = [], [], 0
    for layer in model.layers:
        arrays = layer.get_weights()
        if not arrays:
            continue
        weights = []
        for variable, array in zip(layer.weights, arrays):
            array = np.ascontiguousarray(array, dtype="<f4")
            weights.append({"name": variable.path, "shape": list(array.shape), "offset": offset, "size": int(array.size)})
            chunks.append(array.tobytes())
            offset += array.nbytes
        layers_out.append({"name": layer.name, "weights": weights})
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "weights.bin"), "wb") as f:
        f.write(b"".join(chunks))
    manifest = {"format": "layercanvas-weights", "version": 1, "dtype": "float32", "byteOrder": "little",
                "source": "keras", "totalValues": offset // 4, "layers": layers_out}
    with open(os.path.join(directory, "weights.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1)


if __name__ == "__main__":
    model = build_model()
    if os.path.exists(os.path.join(HERE, "weights.json")):
        load_weights_from_tfjs(model, HERE)
        print("loaded weights.bin")
    model.summary()
    print(f"LayerCanvas: {LAYERCANVAS_PARAMS['trainable']} trainable + {LAYERCANVAS_PARAMS['non_trainable']} non-trainable")
`
}

function trainPy(doc: ProjectDocument, data: DataSpec): string {
  return `"""Trains the exported Keras model with the project's settings.

    python train.py                    # data.npz next to this script (export --data), else random data
    python train.py --data other.npz   # x_train/y_train/x_val/... or x (or x_<input name>) and y
    python train.py --max-steps 5      # a quick check

Writes trained/model.keras and trained/weights.bin + weights.json (LayerCanvas' format).
Several GPUs: wrap build/compile in tf.distribute.MirroredStrategy().scope() (TensorFlow backend).
"""
import argparse
import json
import math
import os
import sys

import keras
import numpy as np

from model import INPUTS, build_model, load_weights_from_tfjs, save_weights_for_tfjs

HERE = os.path.dirname(os.path.abspath(__file__))

# The project's training settings (LayerCanvas: Train panel).
CONFIG = ${trainingConfigPy(doc, data)}


${PY_DATA}

${PY_SPLITS}

${PY_SCHEDULE}

${PY_TASK_CHECK}

def make_optimizer(lr):
    """tfjs' optimizers, with its fixed settings (epsilon 1e-7 = Keras' default)."""
    c = CONFIG
    kind = c["optimizer"]
    if kind == "sgd":
        return keras.optimizers.SGD(learning_rate=lr, momentum=c["momentum"], nesterov=c["nesterov"])
    if kind == "adam":
        return keras.optimizers.Adam(learning_rate=lr, beta_1=c["beta1"], beta_2=c["beta2"], epsilon=c["epsilon"])
    if kind == "rmsprop":
        return keras.optimizers.RMSprop(learning_rate=lr, rho=c["rmsprop_rho"], momentum=c["momentum"], epsilon=c["epsilon"])
    if kind == "adagrad":
        return keras.optimizers.Adagrad(learning_rate=lr, initial_accumulator_value=c["adagrad_initial_accumulator"], epsilon=c["epsilon"])
    if kind == "adadelta":
        return keras.optimizers.Adadelta(learning_rate=lr, rho=c["adadelta_rho"], epsilon=c["epsilon"])
    if kind == "adamax":
        return keras.optimizers.Adamax(learning_rate=lr, beta_1=c["beta1"], beta_2=c["beta2"], epsilon=c["epsilon"])
    raise ValueError(f"unknown optimizer {kind}")


def make_loss(units):
    """Targets are class indices (as in LayerCanvas), so both categorical cross-entropies are the
    sparse one; a single sigmoid unit takes 0/1 targets."""
    c = CONFIG
    if c["task"] == "classification":
        if units > 1:
            return keras.losses.SparseCategoricalCrossentropy(), ["sparse_categorical_accuracy"]
        return keras.losses.BinaryCrossentropy(), ["binary_accuracy"]
    losses = {
        "meanSquaredError": keras.losses.MeanSquaredError(),
        "meanAbsoluteError": keras.losses.MeanAbsoluteError(),
        "huber": keras.losses.Huber(delta=c["huber_delta"]),
        "binaryCrossentropy": keras.losses.BinaryCrossentropy(),
    }
    return losses.get(c["loss"], keras.losses.MeanSquaredError()), []


class Schedule(keras.callbacks.Callback):
    """Sets the learning rate before every batch (warm-up, then the project's schedule) and stops after --max-steps."""

    def __init__(self, epochs, steps_per_epoch, max_steps=0):
        super().__init__()
        self.epochs, self.steps_per_epoch, self.max_steps = epochs, steps_per_epoch, max_steps
        self.epoch, self.step = 0, 0

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch = epoch

    def on_train_batch_begin(self, batch, logs=None):
        self.model.optimizer.learning_rate.assign(learning_rate_at(self.epoch, self.epochs, batch, self.steps_per_epoch))

    def on_train_batch_end(self, batch, logs=None):
        self.step += 1
        if self.max_steps and self.step >= self.max_steps:
            self.model.stop_training = True


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", help="a .npz: data.npz from layercanvas export --data, or x (or x_<input>) and y; "
                        "default: data.npz next to this script")
    parser.add_argument("--epochs", type=int, default=CONFIG["epochs"])
    parser.add_argument("--batch-size", type=int, default=CONFIG["batch_size"])
    parser.add_argument("--lr", type=float, default=CONFIG["learning_rate"])
    parser.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (0 = no limit)")
    parser.add_argument("--validation-split", type=float, default=CONFIG["validation_split"])
    parser.add_argument("--no-weights", action="store_true", help="start from fresh weights")
    parser.add_argument("--out", default=os.path.join(HERE, "trained"))
    args = parser.parse_args()
    check_task()
    CONFIG["learning_rate"] = args.lr
    keras.utils.set_random_seed(CONFIG["seed"])

    model = build_model()
    if not args.no_weights and os.path.exists(os.path.join(HERE, "weights.json")):
        load_weights_from_tfjs(model, HERE)
    # Several outputs: train the first, as LayerCanvas does.
    train_model = model if len(model.outputs) == 1 else keras.Model(model.inputs, model.outputs[0])
    units = train_model.outputs[0].shape[-1]
    loss, metrics = make_loss(units)
    train_model.compile(optimizer=make_optimizer(args.lr), loss=loss, metrics=metrics)

    # data.npz (the project's own split, as LayerCanvas trains on it) when it is here.
    path = find_data(args.data)
    random_data_note(path)
    splits = load_splits(path, CONFIG["seed"], args.validation_split)
    pick = lambda part: (part[0][0] if len(part[0]) == 1 else part[0], part[1])
    x, y = pick(splits["train"])
    steps = max(1, math.ceil(len(y) / args.batch_size))
    train_model.fit(
        x, y, batch_size=args.batch_size, epochs=args.epochs,
        validation_data=pick(splits["validation"]) if splits["validation"] is not None else None,
        callbacks=[Schedule(args.epochs, steps, args.max_steps)], verbose=2,
    )
    os.makedirs(args.out, exist_ok=True)
    model.save(os.path.join(args.out, "model.keras"))
    save_weights_for_tfjs(model, args.out)
    print(f"saved {os.path.join(args.out, 'model.keras')} and weights.bin/.json", file=sys.stderr)
    done = {"event": "done", "out": args.out}
    if splits["test"] is not None:
        scores = train_model.evaluate(*pick(splits["test"]), batch_size=args.batch_size, verbose=0, return_dict=True)
        done["test"] = {"task": CONFIG["task"], "samples": int(len(splits["test"][1])),
                        **{k: float(v) for k, v in scores.items()}}
    print(json.dumps(done), flush=True)


if __name__ == "__main__":
    main()
`
}

/**
 * Keras 3 export: model.py (build_model() with the functional API from each kind's snippet,
 * load_weights_from_tfjs / save_weights_for_tfjs), train.py (model.fit with the project's
 * settings), weights.bin + weights.json (tfjs' layout = Keras'), README.md, requirements.txt.
 * Never throws on user input: problems come back per node.
 */
export async function exportKeras(
  tf: Tf,
  doc: ProjectDocument,
  options: PythonExportOptions = {},
): Promise<ExportResult> {
  try {
    const planned = planGraph(doc, 'keras')
    if (!planned.ok) return planned
    const plan = planned.plan
    const data = dataSpec(plan)
    const files: Record<string, string | Uint8Array> = {}
    let weightsSource: 'trained' | 'initial' | 'model' | null = null
    if (options.weights !== false) {
      const packed = await packWeights(tf, doc, plan, options.compiled)
      if (!packed.ok) return packed
      files['weights.bin'] = packed.bin
      files['weights.json'] = JSON.stringify(packed.manifest, null, 1) + '\n'
      weightsSource = packed.manifest.source
    }
    files['model.py'] = modelPy(doc, plan, data)
    files['train.py'] = trainPy(doc, data)
    files['requirements.txt'] = requirements('keras')
    files['README.md'] = pythonReadme('keras', doc, plan, weightsSource)
    return { ok: true, files }
  } catch (error) {
    return {
      ok: false,
      problems: [exportProblem(null, 'exportFailed', { format: 'Keras', detail: (error as Error).message })],
    }
  }
}
