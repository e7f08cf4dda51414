/**
 * Python definitions shared by the PyTorch snippets: small modules that compute exactly what
 * tfjs computes where torch's built-ins differ (weight layout, gate formulas, TF padding).
 * Each is emitted once into model.py, keyed by its name.
 */

export const TORCH_BATCH_NORM = `class TfBatchNorm(nn.Module):
    """Keras/tfjs BatchNormalization over the channel axis (dim 1 here: the forward moves the
    channels there). gamma and beta are optional independently (scale / center), unlike
    nn.BatchNorm*; the moving statistics are buffers (non-trainable, saved in state_dict).
    momentum is Keras' (moving = momentum * moving + (1 - momentum) * batch), i.e. torch's 1 - momentum."""

    def __init__(self, channels, momentum=0.99, epsilon=1e-3, center=True, scale=True):
        super().__init__()
        self.momentum = momentum
        self.epsilon = epsilon
        self.gamma = nn.Parameter(torch.ones(channels)) if scale else None
        self.beta = nn.Parameter(torch.zeros(channels)) if center else None
        self.register_buffer("moving_mean", torch.zeros(channels))
        self.register_buffer("moving_variance", torch.ones(channels))

    def forward(self, x):
        return F.batch_norm(
            x, self.moving_mean, self.moving_variance, self.gamma, self.beta,
            training=self.training, momentum=1.0 - self.momentum, eps=self.epsilon,
        )
`

export const TORCH_LAYER_NORM = `class TfLayerNorm(nn.Module):
    """Keras/tfjs LayerNormalization over the last axis, with optional gamma (scale) and beta (center)."""

    def __init__(self, features, epsilon=1e-3, center=True, scale=True):
        super().__init__()
        self.features = features
        self.epsilon = epsilon
        self.gamma = nn.Parameter(torch.ones(features)) if scale else None
        self.beta = nn.Parameter(torch.zeros(features)) if center else None

    def forward(self, x):
        return F.layer_norm(x, (self.features,), self.gamma, self.beta, self.epsilon)
`

export const TORCH_RECURRENT = `_RNN_ACTIVATIONS = {"tanh": torch.tanh, "relu": torch.relu, "sigmoid": torch.sigmoid, "linear": lambda v: v}
# Gate activations. "hard_sigmoid" is tfjs's (and Keras 2's) clip(0.2 * x + 0.5, 0, 1), the default of
# models made with tfjs; torch's nn.Hardsigmoid is relu6(x + 3) / 6, a different function.
_GATE_ACTIVATIONS = {"sigmoid": torch.sigmoid, "hard_sigmoid": lambda v: torch.clamp(0.2 * v + 0.5, 0.0, 1.0)}


class TfRecurrent(nn.Module):
    """SimpleRNN, LSTM or GRU computed exactly as tfjs (and Keras with reset_after=False) does.

    Weights keep the Keras layout, so tfjs weights load as they are:
      kernel [features, gates * units], recurrent_kernel [units, gates * units], bias [gates * units]
    gate order LSTM: i, f, c, o; GRU: z, r, h (tfjs' GRU applies the reset gate before the
    recurrent matmul, which torch's nn.GRU cannot do, hence this module; nor can nn.LSTM/nn.GRU
    use tfjs's hard-sigmoid gates). The gates use the logistic sigmoid or tfjs's hard sigmoid (gate=).
    Input dropout (training only) uses one mask for all steps, as tfjs does.
    The input projection runs for all steps at once; only the recurrent part loops.
    """

    GATES = {"simpleRnn": 1, "gru": 3, "lstm": 4}

    def __init__(self, cell, features, units, activation="tanh", gate="sigmoid", return_sequences=False, dropout=0.0,
                 go_backwards=False):
        super().__init__()
        gates = self.GATES[cell]
        self.cell = cell
        self.units = units
        self.activation = _RNN_ACTIVATIONS[activation]
        self.gate = _GATE_ACTIVATIONS[gate]
        self.return_sequences = return_sequences
        self.dropout = dropout
        self.go_backwards = go_backwards
        self.kernel = nn.Parameter(torch.empty(features, gates * units))
        self.recurrent_kernel = nn.Parameter(torch.empty(units, gates * units))
        self.bias = nn.Parameter(torch.zeros(gates * units))
        # Keras' initialisers: glorot-uniform kernel, orthogonal recurrent kernel, forget bias 1.
        nn.init.xavier_uniform_(self.kernel)
        for g in range(gates):
            nn.init.orthogonal_(self.recurrent_kernel.data[:, g * units:(g + 1) * units])
        if cell == "lstm":
            self.bias.data[units:2 * units] = 1.0

    def forward(self, x):
        batch, steps, _ = x.shape
        if self.training and self.dropout > 0:
            x = x * F.dropout(torch.ones_like(x[:, :1]), self.dropout, training=True)
        projected = x @ self.kernel + self.bias
        u = self.units
        h = x.new_zeros(batch, u)
        c = x.new_zeros(batch, u)
        outputs = []
        order = range(steps - 1, -1, -1) if self.go_backwards else range(steps)
        for t in order:
            xt = projected[:, t]
            if self.cell == "simpleRnn":
                h = self.activation(xt + h @ self.recurrent_kernel)
            elif self.cell == "lstm":
                i, f, g, o = (xt + h @ self.recurrent_kernel).chunk(4, dim=-1)
                c = self.gate(f) * c + self.gate(i) * self.activation(g)
                h = self.gate(o) * self.activation(c)
            else:
                xz, xr, xh = xt.chunk(3, dim=-1)
                rz, rr = (h @ self.recurrent_kernel[:, :2 * u]).chunk(2, dim=-1)
                z = self.gate(xz + rz)
                r = self.gate(xr + rr)
                candidate = self.activation(xh + (r * h) @ self.recurrent_kernel[:, 2 * u:])
                h = z * h + (1 - z) * candidate
            outputs.append(h)
        return torch.stack(outputs, dim=1) if self.return_sequences else h
`

export const TORCH_BIDIRECTIONAL = `class TfBidirectional(nn.Module):
    """tfjs' Bidirectional: a forward copy and a backward copy (reading the sequence from the
    end) of the same recurrent layer; with return_sequences the backward outputs are put back
    in time order before merging."""

    def __init__(self, cell, features, units, gate="sigmoid", return_sequences=False, merge_mode="concat"):
        super().__init__()
        self.return_sequences = return_sequences
        self.merge_mode = merge_mode
        self.forward_layer = TfRecurrent(cell, features, units, gate=gate, return_sequences=return_sequences)
        self.backward_layer = TfRecurrent(
            cell, features, units, gate=gate, return_sequences=return_sequences, go_backwards=True
        )

    def forward(self, x):
        y = self.forward_layer(x)
        y_back = self.backward_layer(x)
        if self.return_sequences:
            y_back = y_back.flip(1)
        if self.merge_mode == "concat":
            return torch.cat([y, y_back], dim=-1)
        if self.merge_mode == "sum":
            return y + y_back
        if self.merge_mode == "mul":
            return y * y_back
        return (y + y_back) / 2
`

export const TORCH_MHA = `class TfMultiHeadAttention(nn.Module):
    """Multi-head scaled dot-product attention with Keras' weight layout (as LayerCanvas' tfjs
    layer stores it): query/key/value kernels [dim, heads, key_dim] with biases [heads, key_dim],
    output kernel [heads, key_dim, query_dim] with bias [query_dim]. The query is scaled by
    1/sqrt(key_dim) first; causal masking adds -1e9 to the scores of later positions."""

    def __init__(self, query_dim, value_dim, num_heads, key_dim, dropout=0.0, causal=False, use_bias=True):
        super().__init__()
        self.key_dim = key_dim
        self.dropout = dropout
        self.causal = causal

        def kernel(shape, fan_in, fan_out):
            bound = math.sqrt(6.0 / (fan_in + fan_out))  # glorot-uniform, as Keras
            return nn.Parameter(torch.empty(*shape).uniform_(-bound, bound))

        def bias(*shape):
            return nn.Parameter(torch.zeros(*shape)) if use_bias else None

        heads = num_heads * key_dim
        self.query_kernel = kernel((query_dim, num_heads, key_dim), query_dim, heads)
        self.query_bias = bias(num_heads, key_dim)
        self.key_kernel = kernel((value_dim, num_heads, key_dim), value_dim, heads)
        self.key_bias = bias(num_heads, key_dim)
        self.value_kernel = kernel((value_dim, num_heads, key_dim), value_dim, heads)
        self.value_bias = bias(num_heads, key_dim)
        self.output_kernel = kernel((num_heads, key_dim, query_dim), heads, query_dim)
        self.output_bias = bias(query_dim)

    @staticmethod
    def _project(x, kernel, bias):
        y = torch.einsum("btd,dhk->bhtk", x, kernel)
        return y if bias is None else y + bias.unsqueeze(1)

    def forward(self, query, value=None):
        if value is None:
            value = query
        q = self._project(query, self.query_kernel, self.query_bias) * (1.0 / math.sqrt(self.key_dim))
        k = self._project(value, self.key_kernel, self.key_bias)
        v = self._project(value, self.value_kernel, self.value_bias)
        scores = q @ k.transpose(-1, -2)
        if self.causal:
            allowed = torch.ones(scores.shape[-2], scores.shape[-1], device=scores.device, dtype=scores.dtype).tril()
            scores = scores + (1.0 - allowed) * -1e9
        weights = torch.softmax(scores, dim=-1)
        if self.training and self.dropout > 0:
            weights = F.dropout(weights, self.dropout, training=True)
        out = torch.einsum("bhtk,hkd->btd", weights @ v, self.output_kernel)
        return out if self.output_bias is None else out + self.output_bias
`

export const TORCH_POSITIONAL = `def sinusoidal_table(steps, dim, dtype=torch.float32, device=None):
    """Column 2i: sin(pos / 10000^(2i/dim)), column 2i+1: cos(...), computed in float64 like tfjs."""
    pos = torch.arange(steps, dtype=torch.float64, device=device).unsqueeze(1)
    i = torch.arange(dim, device=device)
    angle = pos / torch.pow(10000.0, (2 * torch.div(i, 2, rounding_mode="floor")).to(torch.float64) / dim)
    return torch.where(i % 2 == 0, torch.sin(angle), torch.cos(angle)).to(dtype)


class TfPositionalEmbedding(nn.Module):
    """Adds a position vector to every step: the fixed sin/cos table, or a learned table
    'embeddings' [max_length, dim] of which the first \`steps\` rows are used."""

    def __init__(self, dim, mode="sinusoidal", max_length=512):
        super().__init__()
        self.dim = dim
        self.mode = mode
        if mode == "learned":
            self.embeddings = nn.Parameter(nn.init.xavier_uniform_(torch.empty(max_length, dim)))

    def forward(self, x):
        steps = x.shape[1]
        if self.mode == "learned":
            return x + self.embeddings[:steps]
        return x + sinusoidal_table(steps, self.dim, x.dtype, x.device)
`

export const TORCH_AVG_POOL_SAME = `def tf_avg_pool2d_same(x, kernel, stride, pads):
    """TF's average pooling with 'same' padding on NCHW: the padded cells are left out of each
    window's average (torch's count_include_pad cannot pad unevenly). pads = (left, right, top, bottom)."""
    total = F.avg_pool2d(F.pad(x, pads), kernel, stride)
    ones = torch.ones(1, 1, x.shape[2], x.shape[3], dtype=x.dtype, device=x.device)
    count = F.avg_pool2d(F.pad(ones, pads), kernel, stride)
    return total / count
`

export const TORCH_RESIZE_BILINEAR = `def tf_resize_bilinear(x, height, width):
    """tfjs' bilinear resize (TF's legacy align_corners=False, half_pixel_centers=False) on NCHW:
    output pixel i samples the input at i * in / out. torch's interpolate uses half-pixel centres."""

    def axis(out_len, in_len):
        src = torch.arange(out_len, dtype=torch.float64, device=x.device) * (in_len / out_len)
        low = src.floor().long().clamp(max=in_len - 1)
        high = (low + 1).clamp(max=in_len - 1)
        return low, high, (src - low.to(torch.float64)).to(x.dtype)

    y0, y1, fy = axis(height, x.shape[2])
    x0, x1, fx = axis(width, x.shape[3])
    top, bottom = x[:, :, y0, :], x[:, :, y1, :]
    rows = top + (bottom - top) * fy.view(1, 1, -1, 1)
    left, right = rows[:, :, :, x0], rows[:, :, :, x1]
    return left + (right - left) * fx.view(1, 1, 1, -1)
`
