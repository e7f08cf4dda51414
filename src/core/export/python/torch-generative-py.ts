/**
 * The GAN and diffusion loops of the PyTorch train.py, as LayerCanvas trains them
 * (core/training/tasks/gan.ts, diffusion.ts), and their samplers (sample.py imports them).
 * Needs PY_TORCH_RUNTIME, make_optimizer, learning_rate_at, value_loss and GENERATIVE.
 */
export const PY_TORCH_GENERATIVE = `def module_parameters(model, names):
    plain = getattr(model, "module", model)
    return [p for name in names for p in getattr(plain, name).parameters()]


def gan_noise(n, device, generator=None):
    g = GENERATIVE
    shape = (n, *g["latent"])
    if g["uniform_noise"]:
        return torch.rand(shape, device=device, generator=generator) * 2 - 1
    return torch.randn(shape, device=device, generator=generator)


def gan_forward(model, z, x):
    """(G(z), D(x)): the canvas' two chains run side by side in one forward."""
    g = GENERATIVE
    args = [None] * len(INPUTS)
    args[g["noise_input"]], args[g["real_input"]] = z, x
    out = model(*args)
    fake = out[g["generator_output"]]
    return fake.reshape((fake.shape[0], *g["real_shape"])), out[g["discriminator_output"]].reshape(-1, 1)


def bce(p, target):
    eps = CONFIG["probability_clip"]
    p = p.clamp(eps, 1 - eps)
    return -(target * p.log() + (1 - target) * (1 - p).log()).mean()


def run_gan(args, run, splits):
    """Each step on a batch of real samples: d_steps discriminator steps (real labelled
    1 - label_smoothing, G(z) labelled 0, only D's weights updated), then one generator step (D(G(z))
    labelled 1, the non-saturating loss, only G's weights updated). Both optimizers use the project's
    settings."""
    g = GENERATIVE
    model = Model()
    load_start_weights(model, args, run)
    model.to(run.device)
    run.share_start(model)
    d_params = module_parameters(model, g["discriminator_modules"])
    g_params = module_parameters(model, g["generator_modules"])
    d_opt, g_opt = make_optimizer(d_params, args.lr), make_optimizer(g_params, args.lr)
    x_all = torch.from_numpy(np.asarray(splits["train"][0][0], dtype=np.float32)).to(run.device)
    order = TrainingOrder(int(x_all.shape[0]), args.seed)
    torch.manual_seed(args.seed + 7919 + run.rank)  # each process draws its own noise
    run.emit({"event": "start", "task": "gan", "samples": {"train": int(x_all.shape[0])}, "epochs": args.epochs,
              "batchSize": args.batch_size, "processes": run.world, "device": str(run.device)})
    step, window, rate = 0, [], args.lr
    for epoch in range(args.epochs):
        started = time.time()
        batches = order.epoch(args.batch_size)
        sums = [0.0] * 5  # d loss, g loss, D(x), D(G(z)), samples
        for index, positions in enumerate(batches):
            if args.max_steps and step >= args.max_steps:
                break
            mine = torch.from_numpy(run.my_part(positions)).to(run.device)
            if len(mine) == 0:
                continue
            rate = learning_rate_at(epoch, args.epochs, index, len(batches))
            for opt in (d_opt, g_opt):
                for group in opt.param_groups:
                    group["lr"] = rate
            real = x_all[mine].reshape((len(mine), *g["real_shape"]))
            n = real.shape[0]
            for _ in range(g["d_steps"]):
                fake, d_real = gan_forward(model, gan_noise(n, run.device), real)
                _, d_fake = gan_forward(model, gan_noise(n, run.device), fake.detach())
                d_loss = (bce(d_real, torch.full_like(d_real, 1 - g["label_smoothing"])) + bce(d_fake, torch.zeros_like(d_fake))) / 2
                d_opt.zero_grad(set_to_none=True)
                d_loss.backward()
                run.average_gradients(d_params)
                d_opt.step()
            z = gan_noise(n, run.device)
            fake, _ = gan_forward(model, z, real)
            _, judged = gan_forward(model, z, fake)
            g_loss = bce(judged, torch.ones_like(judged))
            g_opt.zero_grad(set_to_none=True)
            d_opt.zero_grad(set_to_none=True)  # D's gradients from this pass are not used
            g_loss.backward()
            run.average_gradients(g_params)
            g_opt.step()
            step += 1
            values = [d_loss.item(), g_loss.item(), d_real.mean().item(), d_fake.mean().item()]
            sums = [s + v * n for s, v in zip(sums, values + [1.0])]
            window.append(values)
            if args.log_every and step % args.log_every == 0:
                mean = np.mean(window, axis=0).tolist()
                run.emit({"event": "batch", "epoch": epoch, "step": step, "loss": mean[0] + mean[1], "dLoss": mean[0],
                          "gLoss": mean[1], "dReal": mean[2], "dFake": mean[3]})
                window = []
        d, gl, dr, df, seen = run.sum_all(sums)
        seen = max(seen, 1)
        run.emit({"event": "epoch", "epoch": epoch, "step": step, "loss": (d + gl) / seen, "dLoss": d / seen,
                  "gLoss": gl / seen, "dReal": dr / seen, "dFake": df / seen, "learningRate": rate,
                  "seconds": time.time() - started})
        if args.max_steps and step >= args.max_steps:
            break
    save_results(model, args, run)
    done = {"event": "done", "steps": step, "out": args.out}
    if run.main:
        test = splits["test"] or splits["train"]
        done["test"] = dict(gan_score(model, test[0][0], run.device, args.seed), task="gan")
        folder = os.path.join(args.out, "samples")
        os.makedirs(folder, exist_ok=True)
        done["test"]["files"] = save_samples(os.path.join(folder, "gan"), gan_samples(model, g["samples"], args.seed,
                                                                                          run.device), g["real_shape"])
    run.emit(done)


def gan_samples(model, count, seed, device):
    generator = torch.Generator(device=device).manual_seed(seed + 104729)
    model.eval()
    with torch.no_grad():
        z = gan_noise(count, device, generator)
        fake, _ = gan_forward(model, z, torch.zeros((count, *GENERATIVE["real_shape"]), device=device))
    return fake.cpu().numpy()


def gan_score(model, x, device, seed, batch_size=256):
    """D and G losses and D's mean outputs on real samples and as many fakes (inference mode)."""
    generator = torch.Generator(device=device).manual_seed(seed + 104729)
    model.eval()
    x = torch.from_numpy(np.asarray(x, dtype=np.float32)).to(device)
    sums, n = [0.0] * 4, int(x.shape[0])
    with torch.no_grad():
        for start in range(0, n, batch_size):
            real = x[start:start + batch_size].reshape((-1, *GENERATIVE["real_shape"]))
            m = real.shape[0]
            fake, d_real = gan_forward(model, gan_noise(m, device, generator), real)
            _, d_fake = gan_forward(model, gan_noise(m, device, generator), fake)
            d_loss = (bce(d_real, torch.ones_like(d_real)) + bce(d_fake, torch.zeros_like(d_fake))) / 2
            g_loss = bce(d_fake, torch.ones_like(d_fake))
            for k, v in enumerate((d_loss, g_loss, d_real.mean(), d_fake.mean())):
                sums[k] += v.item() * m
    model.train()
    return {"dLoss": sums[0] / n, "gLoss": sums[1] / n, "dReal": sums[2] / n, "dFake": sums[3] / n, "samples": n}


class Diffusion:
    """DDPM (Ho et al. 2020) with the project's noise schedule: x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) eps,
    the network predicts eps from (x_t, t). Images are scaled from the data's range to [-1, 1], as in the app."""

    def __init__(self, model, lo, hi, image, device):
        g = GENERATIVE
        self.model, self.lo, self.hi, self.image, self.device = model, lo, hi, image, device
        self.betas = torch.tensor(g["betas"], dtype=torch.float64)
        self.alphas = 1 - self.betas
        self.alpha_bars = torch.cumprod(self.alphas, 0)
        self.T = len(g["betas"])
        self.shape = tuple(g["data_shape"])

    def to_net(self, x):
        return (x - self.lo) / (self.hi - self.lo) * 2 - 1 if self.image else x

    def from_net(self, x):
        return (x + 1) / 2 * (self.hi - self.lo) + self.lo if self.image else x

    def predict(self, xt, t):
        g = GENERATIVE
        args = [None] * len(INPUTS)
        args[g["data_input"]] = xt
        args[g["time_input"]] = t.to(torch.float32).reshape(-1, 1)
        out = self.model(*args)
        return (out[0] if isinstance(out, tuple) else out).reshape(xt.shape)

    def loss(self, x0, generator=None):
        n = x0.shape[0]
        t = torch.randint(0, self.T, (n,), device=self.device, generator=generator)
        eps = torch.randn(x0.shape, device=self.device, generator=generator)
        ab = self.alpha_bars.to(self.device)[t].to(torch.float32).reshape(-1, *([1] * (x0.dim() - 1)))
        xt = ab.sqrt() * x0 + (1 - ab).sqrt() * eps
        return (self.predict(xt, t) - eps).pow(2).mean()

    def clip(self, x0):
        return x0.clamp(-1, 1) if self.image else x0.clamp(self.lo - 0.1 * (self.hi - self.lo), self.hi + 0.1 * (self.hi - self.lo))

    @torch.no_grad()
    def sample_ddpm(self, count, seed):
        """Ancestral sampling: T steps, posterior variance beta-tilde, x0 clipped to the data's range."""
        gen = torch.Generator(device=self.device).manual_seed(seed)
        x = torch.randn((count, *self.shape), device=self.device, generator=gen)
        for t in range(self.T - 1, -1, -1):
            ab = float(self.alpha_bars[t])
            ab_prev = float(self.alpha_bars[t - 1]) if t > 0 else 1.0
            beta = float(self.betas[t])
            eps = self.predict(x, torch.full((count,), t, device=self.device))
            x0 = self.clip((x - math.sqrt(1 - ab) * eps) / math.sqrt(ab))
            mean = (math.sqrt(ab_prev) * beta / (1 - ab)) * x0 + (math.sqrt(float(self.alphas[t])) * (1 - ab_prev) / (1 - ab)) * x
            if t == 0:
                x = mean
            else:
                variance = beta * (1 - ab_prev) / (1 - ab)
                x = mean + math.sqrt(variance) * torch.randn(x.shape, device=self.device, generator=gen)
        return self.from_net(x)

    @torch.no_grad()
    def sample_ddim(self, count, steps, seed):
        """Deterministic DDIM (eta = 0) on \`steps\` evenly spaced timesteps, as the app's sampler."""
        n = max(1, min(steps, self.T))
        taus = [self.T - 1] if n == 1 else sorted({round(i * (self.T - 1) / (n - 1)) for i in range(n)})
        gen = torch.Generator(device=self.device).manual_seed(seed)
        x = torch.randn((count, *self.shape), device=self.device, generator=gen)
        for i in range(len(taus) - 1, -1, -1):
            t = taus[i]
            ab = float(self.alpha_bars[t])
            ab_prev = float(self.alpha_bars[taus[i - 1]]) if i > 0 else 1.0
            eps = self.predict(x, torch.full((count,), t, device=self.device))
            x0 = self.clip((x - math.sqrt(1 - ab) * eps) / math.sqrt(ab))
            x = math.sqrt(ab_prev) * x0 + math.sqrt(1 - ab_prev) * eps
        return self.from_net(x)


def data_range(splits):
    """The data's range over all splits (the app scales images with the whole dataset's range)."""
    parts = [np.asarray(p[0][0], dtype=np.float32) for p in splits.values() if p is not None]
    lo = float(min(p.min() for p in parts if p.size))
    hi = float(max(p.max() for p in parts if p.size))
    return lo, (hi if hi > lo else lo + 1)


def run_diffusion(args, run, splits):
    """Noise-prediction training: for each batch x0, random t and eps, MSE(eps, net(x_t, t))."""
    g = GENERATIVE
    model = Model()
    load_start_weights(model, args, run)
    model.to(run.device)
    run.share_start(model)
    params = list(model.parameters())
    optimizer = make_optimizer(params, args.lr)
    lo, hi = data_range(splits)
    diffusion = Diffusion(model, lo, hi, len(g["data_shape"]) == 3, run.device)
    x_all = diffusion.to_net(torch.from_numpy(np.asarray(splits["train"][0][0], dtype=np.float32)).to(run.device))
    x_all = x_all.reshape((-1, *diffusion.shape))
    order = TrainingOrder(int(x_all.shape[0]), args.seed)
    torch.manual_seed(args.seed + 31337 + run.rank)
    run.emit({"event": "start", "task": "diffusion", "samples": {"train": int(x_all.shape[0])}, "epochs": args.epochs,
              "batchSize": args.batch_size, "processes": run.world, "device": str(run.device), "timesteps": diffusion.T})
    step, window, rate = 0, [], args.lr
    for epoch in range(args.epochs):
        started = time.time()
        batches = order.epoch(args.batch_size)
        sums = [0.0, 0.0]
        for index, positions in enumerate(batches):
            if args.max_steps and step >= args.max_steps:
                break
            mine = torch.from_numpy(run.my_part(positions)).to(run.device)
            if len(mine) == 0:
                continue
            rate = learning_rate_at(epoch, args.epochs, index, len(batches))
            for group in optimizer.param_groups:
                group["lr"] = rate
            model.train()
            loss = diffusion.loss(x_all[mine])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            run.average_gradients(params)
            optimizer.step()
            step += 1
            sums[0] += loss.item() * len(mine)
            sums[1] += len(mine)
            window.append(loss.item())
            if args.log_every and step % args.log_every == 0:
                run.emit({"event": "batch", "epoch": epoch, "step": step, "loss": float(np.mean(window))})
                window = []
        total, seen = run.sum_all(sums)
        run.emit({"event": "epoch", "epoch": epoch, "step": step, "loss": total / max(seen, 1),
                  "learningRate": rate, "seconds": time.time() - started})
        if args.max_steps and step >= args.max_steps:
            break
    save_results(model, args, run)
    done = {"event": "done", "steps": step, "out": args.out}
    if run.main:
        test = splits["test"] or splits["train"]
        x = diffusion.to_net(torch.from_numpy(np.asarray(test[0][0], dtype=np.float32)).to(run.device))
        model.eval()
        gen = torch.Generator(device=run.device).manual_seed(args.seed + 271)
        with torch.no_grad():
            losses = [diffusion.loss(x[s:s + 256].reshape((-1, *diffusion.shape)), gen).item() * len(x[s:s + 256])
                      for s in range(0, len(x), 256)]
        done["test"] = {"task": "diffusion", "loss": sum(losses) / max(len(x), 1), "samples": int(len(x))}
        folder = os.path.join(args.out, "samples")
        os.makedirs(folder, exist_ok=True)
        images = diffusion.sample_ddim(g["samples"], g["sampling_steps"], args.seed + 4242).cpu().numpy()
        done["test"]["files"] = save_samples(os.path.join(folder, "ddim"), images, diffusion.shape)
    run.emit(done)
`
