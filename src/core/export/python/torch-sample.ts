/**
 * sample.py of the PyTorch export for GANs and diffusion models: new samples from trained
 * weights, with train.py's own samplers (imported from it, so the two cannot disagree).
 */
export const TORCH_SAMPLE_PY = `"""New samples from the trained model, written as a PNG grid (images) and .npy.

    python sample.py                          # trained/weights.json (else the exported weights)
    python sample.py --sampler ddpm --count 16  # diffusion: DDPM (all T steps) or DDIM (--steps)
"""
import argparse
import os

import numpy as np
import torch

import train
from model import Model, load_tfjs_weights

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    g = train.GENERATIVE
    if g is None or g["task"] not in ("gan", "diffusion"):
        raise SystemExit("sample.py makes samples for GAN and diffusion projects; this one is not.")
    trained = os.path.join(HERE, "trained")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--weights", default=trained if os.path.exists(os.path.join(trained, "weights.json")) else HERE)
    parser.add_argument("--count", type=int, default=g["samples"])
    parser.add_argument("--sampler", choices=["ddim", "ddpm"], default="ddim", help="diffusion only")
    parser.add_argument("--steps", type=int, default=g.get("sampling_steps", 0), help="DDIM steps (diffusion only)")
    parser.add_argument("--seed", type=int, default=train.CONFIG["seed"])
    parser.add_argument("--out", default=os.path.join(HERE, "samples"), help="folder for the PNG and .npy")
    args = parser.parse_args()
    device = torch.device("cpu")
    model = Model()
    load_tfjs_weights(model, args.weights)
    model.eval()
    os.makedirs(args.out, exist_ok=True)
    if g["task"] == "gan":
        images, shape, name = train.gan_samples(model, args.count, args.seed, device), g["real_shape"], "gan"
    else:
        # Images are generated in [-1, 1] and scaled back to the data's range, which data.npz gives.
        path = train.find_data(None)
        lo, hi = train.data_range(train.load_splits(path, args.seed, 0.0)) if path else (0.0, 1.0)
        diffusion = train.Diffusion(model, lo, hi, len(g["data_shape"]) == 3, device)
        if args.sampler == "ddpm":
            images = diffusion.sample_ddpm(args.count, args.seed + 4242)
        else:
            images = diffusion.sample_ddim(args.count, args.steps, args.seed + 4242)
        images, shape, name = images.numpy(), diffusion.shape, args.sampler
    for path in train.save_samples(os.path.join(args.out, name), np.asarray(images), tuple(shape)):
        print(path)


if __name__ == "__main__":
    main()
`
