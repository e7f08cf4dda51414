/**
 * Python definitions shared by the Keras snippets: layers Keras 3 lacks or computes
 * differently from tfjs. Each is emitted once into model.py, keyed by its name.
 */

export const KERAS_POSITIONAL = `@keras.saving.register_keras_serializable(package="layercanvas")
class PositionalEmbedding(layers.Layer):
    """LayerCanvas' positional embedding: adds to every step the fixed sin/cos table
    (column 2i: sin(pos / 10000^(2i/dim)), column 2i+1: cos) or a learned table
    'embeddings' [max_length, dim], of which the first \`steps\` rows are used."""

    def __init__(self, mode="sinusoidal", max_length=512, **kwargs):
        super().__init__(**kwargs)
        self.mode = mode
        self.max_length = max_length

    def build(self, input_shape):
        steps, dim = input_shape[-2], input_shape[-1]
        if self.mode == "learned":
            self.embeddings = self.add_weight(name="embeddings", shape=(self.max_length, dim), initializer="glorot_uniform")
        else:
            pos = np.arange(steps, dtype=np.float64)[:, None]
            i = np.arange(dim)
            angle = pos / np.power(10000.0, (2 * (i // 2)) / dim)
            self.table = np.where(i % 2 == 0, np.sin(angle), np.cos(angle)).astype("float32")

    def call(self, x):
        steps = x.shape[1]
        if self.mode == "learned":
            return x + self.embeddings[:steps]
        return x + ops.convert_to_tensor(self.table[:steps])

    def get_config(self):
        return {**super().get_config(), "mode": self.mode, "max_length": self.max_length}
`

export const KERAS_BILINEAR = `@keras.saving.register_keras_serializable(package="layercanvas")
class LegacyBilinearUpSampling2D(layers.Layer):
    """UpSampling2D(interpolation="bilinear") as tfjs computes it: TF's legacy resize
    (align_corners=False, half_pixel_centers=False), output pixel i samples the input at
    i * in / out. Keras 3's UpSampling2D uses half-pixel centres, which shifts the image."""

    def __init__(self, size=(2, 2), **kwargs):
        super().__init__(**kwargs)
        self.size = tuple(size)

    def call(self, x):
        def axis(in_len, factor):
            out_len = in_len * factor
            src = np.arange(out_len, dtype=np.float64) * (in_len / out_len)
            low = np.minimum(np.floor(src).astype("int32"), in_len - 1)
            high = np.minimum(low + 1, in_len - 1)
            return low, high, (src - low).astype("float32")

        y0, y1, fy = axis(x.shape[1], self.size[0])
        x0, x1, fx = axis(x.shape[2], self.size[1])
        top, bottom = ops.take(x, y0, axis=1), ops.take(x, y1, axis=1)
        rows = top + (bottom - top) * ops.convert_to_tensor(fy.reshape(1, -1, 1, 1))
        left, right = ops.take(rows, x0, axis=2), ops.take(rows, x1, axis=2)
        return left + (right - left) * ops.convert_to_tensor(fx.reshape(1, 1, -1, 1))

    def compute_output_shape(self, input_shape):
        b, h, w, c = input_shape
        return (b, None if h is None else h * self.size[0], None if w is None else w * self.size[1], c)

    def get_config(self):
        return {**super().get_config(), "size": list(self.size)}
`
