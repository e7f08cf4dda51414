/**
 * numpy code shared by the PyTorch and Keras train.py: LayerCanvas' random numbers (so the
 * scripts shuffle in the trainer's order) and the data's splits (data.npz as LayerCanvas
 * trains on it, or load_data()'s data split here).
 */

/** mulberry32 and Fisher–Yates exactly as core/data/random.ts, on Python ints (32-bit wrap by masking). */
export const PY_RNG = `_M32 = 0xFFFFFFFF


def _imul(a, b):
    return (a * b) & _M32


class LayerCanvasRandom:
    """LayerCanvas' seeded generator (mulberry32 with its seed hashing), so train.py visits the
    training samples in the order the app does: the same seed gives the same shuffles."""

    def __init__(self, seed):
        h = (int(seed) & _M32) ^ 0x9E3779B9
        h = _imul(h ^ (h >> 16), 0x85EBCA6B)
        h = _imul(h ^ (h >> 13), 0xC2B2AE35)
        self.state = (h ^ (h >> 16)) & _M32

    def next(self):
        self.state = (self.state + 0x6D2B79F5) & _M32
        t = self.state
        t = _imul(t ^ (t >> 15), t | 1)
        t = (t ^ ((t + _imul(t ^ (t >> 7), t | 61)) & _M32)) & _M32
        return ((t ^ (t >> 14)) & _M32) / 4294967296

    def shuffle(self, items):
        """Fisher-Yates in place, as LayerCanvas' shuffleInPlace."""
        for i in range(len(items) - 1, 0, -1):
            j = int(self.next() * (i + 1))
            items[i], items[j] = items[j], items[i]
        return items
`

/** Where the data comes from, and its splits. Needs load_data (PY_DATA) and HERE. */
export const PY_SPLITS = `def find_data(path):
    """--data, else data.npz next to this script (written by layercanvas export --data), else None."""
    if path:
        if not os.path.exists(path):
            raise SystemExit(f"--data {path}: no such file")
        return path
    default = os.path.join(HERE, "data.npz")
    return default if os.path.exists(default) else None


def load_splits(path, seed, validation_split):
    """{"train": (inputs, y), "validation": (inputs, y) or None, "test": (inputs, y) or None}.
    data.npz from LayerCanvas holds the project's own split (x_train, y_train, x_val, y_val,
    x_test, y_test: normalised as in the app, images channels-last) and is used as it is. A .npz
    with only x / y, or no data at all (random samples), is split here with validation_split."""
    if path is not None:
        data = np.load(path)
        if "x_train" in data:
            def part(suffix):
                if "x_" + suffix not in data or len(data["y_" + suffix]) == 0:
                    return None
                return [data["x_" + suffix]], data["y_" + suffix]
            return {"train": part("train"), "validation": part("val"), "test": part("test")}
    inputs, y = load_data(path, seed=seed)
    y = np.asarray(y)
    count = len(y)
    order = np.random.default_rng(seed).permutation(count)
    n_val = int(count * validation_split) if count > 1 else 0

    def take(idx):
        return [a[idx] for a in inputs], y[idx]
    return {"train": take(order[n_val:]), "validation": take(order[:n_val]) if n_val > 0 else None, "test": None}


def random_data_note(path):
    """Said once when there is no data: the numbers that follow mean nothing."""
    if path is None:
        print("note: no data.npz next to train.py and no --data given, so this trains on RANDOM data of the right "
              "shapes (export with layercanvas export --data, or the Export dialog's data option, to include the "
              "project's dataset)", file=sys.stderr, flush=True)
`
