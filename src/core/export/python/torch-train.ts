import type { ProjectDocument } from '../../document/types'
import { PY_DATA, PY_SCHEDULE, PY_TASK_CHECK, trainingConfigPy, type DataSpec } from './training'

/**
 * The PyTorch export's train.py: one process, or torchrun + DistributedDataParallel, with the
 * project's training settings (see exportPyTorch in ../pytorch-python.ts).
 */
export function torchTrainPy(doc: ProjectDocument, data: DataSpec, unusedParameters: boolean): string {
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

${PY_TASK_CHECK}

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
    check_task()
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
