/**
 * Helpers of the PyTorch train.py: processes (one, or torchrun's), JSON event lines like
 * `layercanvas train --json`, gradient averaging for the generative loops, and a PNG writer
 * for sample grids (zlib only, so no imaging library is needed).
 */
export const PY_TORCH_RUNTIME = `class Run:
    """This process' place in the run: one process, or one of torchrun's (WORLD_SIZE > 1)."""

    def __init__(self, seed):
        self.distributed = int(os.environ.get("WORLD_SIZE", "1")) > 1
        cuda = torch.cuda.is_available()
        if self.distributed:
            dist.init_process_group(backend="nccl" if cuda else "gloo")
            self.rank, self.world = dist.get_rank(), dist.get_world_size()
            local_rank = int(os.environ.get("LOCAL_RANK", "0"))
        else:
            self.rank, self.world, local_rank = 0, 1, 0
        self.cuda = cuda
        self.local_rank = local_rank
        self.device = torch.device(f"cuda:{local_rank}" if cuda else "cpu")
        if cuda:
            torch.cuda.set_device(self.device)
        self.main = self.rank == 0
        torch.manual_seed(seed)

    def emit(self, event):
        """One JSON line (rank 0 only); NaN and infinities become null, as in layercanvas train --json."""
        if self.main:
            print(json.dumps(_finite(event)), flush=True)

    def my_part(self, indices):
        """This process' share of a global batch: every world-th sample, starting at its rank."""
        return indices[self.rank::self.world]

    def sum_all(self, values):
        """Sums a list of numbers over all processes."""
        totals = torch.tensor(values, dtype=torch.float64, device=self.device)
        if self.distributed:
            dist.all_reduce(totals)
        return totals.tolist()

    def share_start(self, model):
        """Every process starts from rank 0's weights and buffers."""
        if self.distributed:
            for tensor in list(model.parameters()) + list(model.buffers()):
                dist.broadcast(tensor.data, src=0)

    def average_gradients(self, params):
        """What DistributedDataParallel does, by hand: the generative loops run the model several
        times per step (real and generated batches), which DDP's one-forward-one-backward hooks do not fit."""
        if not self.distributed:
            return
        for p in params:
            if p.grad is None:
                p.grad = torch.zeros_like(p)
            dist.all_reduce(p.grad)
            p.grad /= self.world

    def finish(self):
        if self.distributed:
            dist.barrier()
            dist.destroy_process_group()


def _finite(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


class TrainingOrder:
    """Positions in the training split, shuffled at each epoch with LayerCanvas' generator and its
    seed (in place, epoch after epoch, as the app shuffles), cut into global batches."""

    def __init__(self, count, seed):
        self.rng = LayerCanvasRandom(seed)
        self.order = list(range(count))

    def epoch(self, batch_size):
        self.rng.shuffle(self.order)
        return [np.asarray(self.order[s:s + batch_size], dtype=np.int64) for s in range(0, len(self.order), batch_size)]


def load_start_weights(model, args, run):
    if not args.no_weights and os.path.exists(os.path.join(args.weights, "weights.json")):
        load_tfjs_weights(model, args.weights)
        if run.main:
            print(f"starting from the weights in {args.weights}", file=sys.stderr, flush=True)


def save_results(model, args, run):
    """Rank 0: checkpoint.pt and weights.json/bin (LayerCanvas' format: layercanvas load-weights reads them)."""
    if run.main:
        os.makedirs(args.out, exist_ok=True)
        plain = getattr(model, "module", model)
        torch.save(plain.state_dict(), os.path.join(args.out, "checkpoint.pt"))
        save_tfjs_weights(plain, args.out)


def write_png(path, pixels):
    """pixels: uint8 array (H, W) or (H, W, 3). A minimal PNG: one zlib stream, filter 0 on every row."""
    pixels = np.ascontiguousarray(pixels, dtype=np.uint8)
    height, width = pixels.shape[:2]
    colour = 2 if pixels.ndim == 3 else 0
    rows = b"".join(b"\\x00" + pixels[y].tobytes() for y in range(height))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def save_samples(path, samples, shape):
    """Writes samples (N, …) as a PNG grid when they are images (H, W, C with 1 or 3 channels),
    scaled from their own range to 0-255, and always as <path>.npy. Returns the files written."""
    samples = np.asarray(samples, dtype=np.float32).reshape((-1, *shape))
    np.save(path + ".npy", samples)
    written = [path + ".npy"]
    if len(shape) == 3 and shape[-1] in (1, 3):
        lo, hi = float(samples.min()), float(samples.max())
        scaled = ((samples - lo) / (hi - lo if hi > lo else 1.0) * 255).round().clip(0, 255).astype(np.uint8)
        n, h, w, c = scaled.shape
        cols = int(math.ceil(math.sqrt(n)))
        rows = int(math.ceil(n / cols))
        grid = np.zeros((rows * (h + 1) + 1, cols * (w + 1) + 1, c), dtype=np.uint8)
        for i in range(n):
            r, q = divmod(i, cols)
            grid[1 + r * (h + 1):1 + r * (h + 1) + h, 1 + q * (w + 1):1 + q * (w + 1) + w] = scaled[i]
        write_png(path + ".png", grid[:, :, 0] if c == 1 else grid)
        written.append(path + ".png")
    return written
`
