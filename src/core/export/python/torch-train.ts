import type { ProjectDocument } from '../../document/types'
import type { PyTorchSnippet } from '../../layers/kind'
import type { GraphPlan } from './plan'
import { PY_RNG, PY_SPLITS } from './splits-py'
import { PY_TORCH_GENERATIVE } from './torch-generative-py'
import { generativeRolesPy } from './torch-roles'
import { PY_TORCH_RUNTIME } from './torch-runtime-py'
import { PY_TORCH_SUPERVISED } from './torch-supervised-py'
import { PY_DATA, PY_SCHEDULE, trainingConfigPy, type DataSpec } from './training'

/**
 * The PyTorch export's train.py: one process, or torchrun (DistributedDataParallel for the
 * supervised loop, gradient averaging for the generative ones), with the project's training
 * settings, on data.npz (the project's own split) when it is there. Prints JSON lines like
 * `layercanvas train --json`; rank 0 writes weights.json/bin that layercanvas load-weights reads.
 */
export function torchTrainPy(
  doc: ProjectDocument,
  plan: GraphPlan<PyTorchSnippet>,
  data: DataSpec,
  unusedParameters: boolean,
): string {
  return `"""Trains the exported model with PyTorch: on one CPU/GPU, or with torchrun on several GPUs or
machines. Classification and regression fit inputs to targets; autoencoders, GANs and diffusion
denoisers train with loops of their own, as LayerCanvas does.

    python train.py                                   # one process (GPU if there is one)
    torchrun --nproc_per_node=2 train.py --max-steps 5
    torchrun --nnodes=2 --node_rank=0 --master_addr=HOST --master_port=29500 \\
             --nproc_per_node=8 train.py --epochs 20

Data: data.npz next to this script (layercanvas export --data writes it: the project's train /
validation / test split, normalised as in the app, images channels-last), or --data FILE.npz; with
neither, random data of the right shapes (a note says so).
Settings default to the project's (CONFIG below). --batch-size is the global batch: each of the
N processes takes its share of every batch, and the batches come in the app's order (the project's
seed), so one process on the CPU follows LayerCanvas' own run closely.
Output: one JSON line per epoch, the last {"event": "done", "test": {...}} (as layercanvas train
--json). Rank 0 writes checkpoint.pt, weights.json/bin (layercanvas load-weights PROJECT trained
puts them back on the canvas) and, for generative tasks, samples/ (PNG grids and .npy).
"""
import argparse
import json
import math
import os
import struct
import sys
import time
import zlib

import numpy as np
import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel

from model import INPUTS, Model, load_tfjs_weights, save_tfjs_weights

HERE = os.path.dirname(os.path.abspath(__file__))

# The project's training settings (LayerCanvas: Train panel).
CONFIG = ${trainingConfigPy(doc, data)}
# Generative tasks: which inputs, outputs and layers play which part, and the task's settings.
GENERATIVE = ${generativeRolesPy(doc, plan)}
# Only the first output is trained (as in LayerCanvas); layers that feed only the other outputs
# get no gradient, which DistributedDataParallel must be told about.
FIND_UNUSED_PARAMETERS = ${unusedParameters ? 'True' : 'False'}


${PY_DATA}

${PY_RNG}

${PY_SPLITS}

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
    return value_loss(CONFIG["loss"], pred, targets_like(pred, y))


def value_loss(kind, pred, t):
    """The loss \`kind\` between predictions and targets of the same shape."""
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


${PY_TORCH_RUNTIME}

${PY_TORCH_SUPERVISED}

${PY_TORCH_GENERATIVE}

def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", help="a .npz: data.npz from layercanvas export --data (x_train, y_train, x_val, ...), "
                        "or x (or x_<input>) and y; default: data.npz next to this script")
    parser.add_argument("--epochs", type=int, default=CONFIG["epochs"])
    parser.add_argument("--batch-size", type=int, default=CONFIG["batch_size"], help="global batch (all processes)")
    parser.add_argument("--lr", type=float, default=CONFIG["learning_rate"], help="base learning rate")
    parser.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (0 = no limit)")
    parser.add_argument("--log-every", type=int, default=0, help="a batch event every n steps (0 = none)")
    parser.add_argument("--validation-split", type=float, default=CONFIG["validation_split"],
                        help="share held out when the data has no split of its own")
    parser.add_argument("--weights", default=HERE, help="folder with LayerCanvas' weights.json/bin to start from")
    parser.add_argument("--no-weights", action="store_true", help="start from fresh weights")
    parser.add_argument("--out", default=os.path.join(HERE, "trained"), help="where rank 0 writes the results")
    parser.add_argument("--seed", type=int, default=CONFIG["seed"])
    return parser.parse_args()


def main():
    args = parse_args()
    CONFIG["learning_rate"] = args.lr
    task = CONFIG["task"]
    if task in ("gan", "diffusion") and GENERATIVE is None:
        raise SystemExit(f"This {task} graph is not one LayerCanvas can train (layercanvas train says why), "
                         "so train.py cannot either.")
    run = Run(args.seed)
    path = find_data(args.data)
    if run.main:
        random_data_note(path)
    splits = load_splits(path, args.seed, args.validation_split)
    if task == "gan":
        run_gan(args, run, splits)
    elif task == "diffusion":
        run_diffusion(args, run, splits)
    else:
        run_supervised(args, run, splits, autoencoder=GENERATIVE if task == "autoencoder" else None)
    run.finish()


if __name__ == "__main__":
    main()
`
}
