import type { ProjectDocument } from '../../document/types'
import { ADADELTA_RHO, ADAGRAD_INITIAL, RMSPROP_DECAY } from '../../training/optimizers'
import { EPSILON, HUBER_DELTA } from '../../training/losses'
import { pyValue } from '../../codegen/python/literal'

/** What the generated training scripts need to know about the data the model takes and gives. */
export interface DataSpec {
  inputs: { name: string; shape: number[]; dtype: 'float32' | 'int64'; vocab: number | null }[]
  /** The first output: the one the scripts train (as LayerCanvas' trainer does). */
  output: { name: string; shape: number[] }
}

/** The project's training settings as a Python dict literal (`CONFIG = {...}` in train.py). */
export function trainingConfigPy(doc: ProjectDocument, data: DataSpec): string {
  const t = doc.training
  const units = data.output.shape[data.output.shape.length - 1] ?? 1
  return pyValue({
    task: t.task,
    loss: t.loss,
    optimizer: t.optimizer.type,
    learning_rate: t.optimizer.learningRate,
    momentum: t.optimizer.momentum,
    nesterov: t.optimizer.nesterov,
    beta1: t.optimizer.beta1,
    beta2: t.optimizer.beta2,
    // tfjs' fixed settings (core/training/optimizers.ts, losses.ts), spelled out for the scripts.
    epsilon: 1e-7,
    rmsprop_rho: RMSPROP_DECAY,
    adadelta_rho: ADADELTA_RHO,
    adagrad_initial_accumulator: ADAGRAD_INITIAL,
    probability_clip: EPSILON,
    huber_delta: HUBER_DELTA,
    schedule: {
      type: t.schedule.type,
      warmup_epochs: t.schedule.warmupEpochs,
      factor: t.schedule.factor,
      step_epochs: t.schedule.stepEpochs,
      min_learning_rate: t.schedule.minLearningRate,
    },
    batch_size: t.batchSize,
    epochs: t.epochs,
    validation_split: t.split.validation,
    seed: t.seed,
    dataset: t.dataset.id,
    // What the synthetic fallback data looks like.
    classes: t.task === 'classification' ? (units > 1 ? units : 2) : null,
    target_shape:
      t.task === 'classification'
        ? units > 1
          ? data.output.shape.slice(0, -1)
          : data.output.shape
        : data.output.shape,
  })
}

/** The learning-rate schedule of core/training/schedules.ts, in Python. */
export const PY_SCHEDULE = `def learning_rate_at(epoch, epochs, batch=0, batches_per_epoch=1):
    """LayerCanvas' schedule: linear warm-up (batch by batch), then constant / step / exponential / cosine."""
    s = CONFIG["schedule"]
    base = CONFIG["learning_rate"]
    warmup = s["warmup_epochs"]
    if warmup > 0 and epoch < warmup:
        per_epoch = max(1, batches_per_epoch)
        step = epoch * per_epoch + min(batch, per_epoch - 1) + 1
        return base * step / (warmup * per_epoch)
    t = epoch - warmup
    if s["type"] == "step":
        return base * s["factor"] ** (t // s["step_epochs"])
    if s["type"] == "exponential":
        return base * s["factor"] ** t
    if s["type"] == "cosine":
        span = max(1, epochs - warmup - 1)
        low = min(s["min_learning_rate"], base)
        return low + (base - low) * (1 + math.cos(math.pi * min(t, span) / span)) / 2
    return base
`

/** numpy data loading shared by both train.py files: a .npz, or a tiny synthetic set that fits the model. */
export const PY_DATA = `def load_data(path=None, samples=256, seed=0):
    """Returns (inputs, y): a list with one numpy array per model input (in the order of INPUTS),
    and the targets. Fill this in for your own data, or pass --data file.npz holding \`x\` (or
    \`x_<input name>\` for several inputs) and \`y\`.
    Targets as in LayerCanvas: class indices for classification (0/1 for one sigmoid unit),
    values in the output's shape for regression. Images are channels-last (N, H, W, C)."""
    if path:
        data = np.load(path)
        if len(INPUTS) == 1 and "x" in data:
            inputs = [data["x"]]
        else:
            inputs = [data["x_" + name] for name, _, _, _ in INPUTS]
        inputs = [a.astype(np.int64 if dtype == "int64" else np.float32) for a, (_, _, dtype, _) in zip(inputs, INPUTS)]
        return inputs, data["y"]
    # No data given: a small random set of the right shapes, so the script runs out of the box.
    rng = np.random.default_rng(seed)
    inputs = []
    for _, shape, dtype, vocab in INPUTS:
        if dtype == "int64":
            inputs.append(rng.integers(0, vocab or 2, size=(samples, *shape)).astype(np.int64))
        else:
            inputs.append(rng.standard_normal((samples, *shape)).astype(np.float32))
    if CONFIG["task"] == "classification":
        y = rng.integers(0, CONFIG["classes"], size=(samples, *CONFIG["target_shape"])).astype(np.int64)
    else:
        y = rng.standard_normal((samples, *CONFIG["target_shape"])).astype(np.float32)
    return inputs, y
`

/**
 * train.py is a supervised loop (inputs → targets). LayerCanvas trains a GAN (discriminator and
 * generator steps against each other) and a diffusion denoiser (noise prediction at random
 * timesteps) with loops of their own that the scripts do not have: fitting the first output to
 * targets would train the wrong thing without a word, so the scripts stop and say why.
 */
export const PY_TASK_CHECK = `def check_task():
    """Stops for tasks this supervised script cannot train (see the message)."""
    how = {
        "gan": "a GAN (discriminator steps on real and generated samples, then generator steps through the "
               "discriminator)",
        "diffusion": "a diffusion denoiser (noise added at random timesteps t, the network trained to predict it)",
    }.get(CONFIG["task"])
    if how is not None:
        raise SystemExit(
            f"This project is {how}. train.py only fits inputs to targets, which would train the wrong thing here. "
            "Train it in LayerCanvas (the app, or the layercanvas train command) and export again: model.py then "
            "loads the trained weights.")
`
