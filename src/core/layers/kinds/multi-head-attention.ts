import { defineLayerKind, fail, ok } from '../kind'
import { p } from '../../params/schema'
import { formatShape } from '../../shapes/shape'
import { customLayers } from '../custom'
import { lastDim, pyBool, pyCall, pyFloat, pyInt, pyStr } from '../../codegen/python/literal'
import { TORCH_MHA } from '../../codegen/python/torch-lib'

export const multiHeadAttention = defineLayerKind({
  id: 'multiHeadAttention',
  category: 'attention',
  label: { en: 'Multi-Head Attention', 'zh-CN': '多头注意力' },
  inputs: {
    min: 1,
    max: 2,
    names: [
      { en: 'query', 'zh-CN': '查询' },
      { en: 'value / key', 'zh-CN': '值 / 键' },
    ],
  },
  params: {
    numHeads: p.int({
      default: 4,
      min: 1,
      max: 256,
      key: true,
      label: { en: 'Heads', 'zh-CN': '头数' },
      help: {
        en: 'How many attention patterns are computed side by side; each head can focus on a different relation (e.g. the previous word, the subject of the sentence).',
        'zh-CN': '并行计算多少组注意力；每个头可以关注不同的关系（例如前一个词、句子的主语）。',
      },
    }),
    keyDim: p.int({
      default: 32,
      min: 1,
      max: 4096,
      key: true,
      label: { en: 'Size per head', 'zh-CN': '每头维度' },
      help: {
        en: 'Length of the query, key and value vectors inside each head. Often the model width divided by the number of heads.',
        'zh-CN': '每个头内部查询、键、值向量的长度。通常取 模型宽度 ÷ 头数。',
      },
    }),
    dropout: p.float({
      default: 0,
      min: 0,
      max: 0.99,
      step: 0.05,
      label: { en: 'Attention dropout', 'zh-CN': '注意力丢弃率' },
      help: {
        en: 'Fraction of attention weights randomly dropped during training, to fight overfitting. 0 turns it off.',
        'zh-CN': '训练时随机丢弃的注意力权重比例，用于缓解过拟合。0 表示不使用。',
      },
    }),
    causal: p.bool({
      default: false,
      label: { en: 'Causal (no peeking ahead)', 'zh-CN': '因果遮挡（不看后文）' },
      help: {
        en: 'Each position may only look at itself and earlier positions. Turn on for models that predict the next token (GPT-style text generation).',
        'zh-CN': '每个位置只能看到自身和它之前的位置。用于预测下一个词元的模型（GPT 式文本生成）时请开启。',
      },
    }),
    useBias: p.bool({
      default: true,
      label: { en: 'Use bias', 'zh-CN': '使用偏置' },
      help: {
        en: 'Add learned offsets in the query, key, value and output projections.',
        'zh-CN': '在查询、键、值和输出投影中加入可学习的偏置。',
      },
    }),
  },
  // Port 0 is the query; port 1 (optional) supplies both keys and values. With one input the
  // sequence attends to itself (self-attention).
  inferShape(inputs) {
    for (const shape of inputs) {
      if (shape.length !== 2) return fail('needsSequence', { got: formatShape(shape) })
      if (shape[1] === null) return fail('unknownDim', { got: formatShape(shape) })
    }
    return ok(inputs[0])
  },
  paramCount(inputs, p) {
    const dq = inputs[0][1] ?? 0
    const dv = (inputs[1] ?? inputs[0])[1] ?? 0
    const hk = p.numHeads * p.keyDim
    const bias = p.useBias ? 1 : 0
    // query, key, value: d × heads × keyDim (+ heads × keyDim); output: heads × keyDim × dq (+ dq).
    const projections = dq * hk + 2 * dv * hk + 3 * bias * hk
    return { trainable: projections + hk * dq + bias * dq, nonTrainable: 0 }
  },
  // Query, key and value projections, the scores Q·Kᵀ and their weighted sum of V per head, and
  // the output projection back to the query's width.
  macs(inputs, p) {
    const [tq, dq] = inputs[0]
    const [tv, dv] = inputs[1] ?? inputs[0]
    if (tq === null || tv === null || dq === null || dv === null) return null
    const hk = p.numHeads * p.keyDim
    return tq * dq * hk + 2 * tv * dv * hk + 2 * tq * tv * hk + tq * hk * dq
  },
  build(tf, p, { name }) {
    const { MultiHeadAttention } = customLayers(tf)
    return new MultiHeadAttention({ ...p, name })
  },
  summary: (p) => `${p.numHeads}×${p.keyDim}${p.causal ? ' · causal' : ''}`,
  code: {
    keras: (p, { name }) => ({
      layer: pyCall('layers.MultiHeadAttention', [], {
        num_heads: pyInt(p.numHeads),
        key_dim: pyInt(p.keyDim),
        dropout: pyFloat(p.dropout),
        use_bias: pyBool(p.useBias),
        name: pyStr(name),
      }),
      // Keras takes (query, value); self-attention passes the sequence twice.
      call: (layer, [query, value = query]) =>
        `${layer}(${query}, ${value}${p.causal ? ', use_causal_mask=True' : ''})`,
    }),
    // Keras' weight layout, kept by TfMultiHeadAttention, so the weights load as they are.
    pytorch: (p, { inputShapes }) => {
      const [query, value = query] = inputShapes
      const parts = ['query', 'key', 'value', 'output']
      return {
        module: pyCall(
          'TfMultiHeadAttention',
          [pyInt(lastDim(query)), pyInt(lastDim(value)), pyInt(p.numHeads), pyInt(p.keyDim)],
          {
            dropout: pyFloat(p.dropout),
            causal: pyBool(p.causal),
            use_bias: pyBool(p.useBias),
          },
        ),
        forward: (inputs, m) => `${m}(${inputs.join(', ')})`,
        weights: parts.flatMap((part) => [
          { target: `${part}_kernel` },
          ...(p.useBias ? [{ target: `${part}_bias` }] : []),
        ]),
        helpers: { TfMultiHeadAttention: TORCH_MHA },
      }
    },
  },
  docs: {
    en: {
      summary:
        'Every position of the query sequence looks at all positions of the key/value sequence, decides how relevant each one is, and takes a weighted mix of their values. Several heads do this in parallel.',
      formula:
        'per head: Q = x·W_q, K = z·W_k, V = z·W_v; A = softmax(Q·Kᵀ / √keyDim); head = A·V; y = [head₁ … head_h]·W_o  (z = x for self-attention)',
      whenToUse:
        'The core of Transformers: text models, sequence-to-sequence, and any task where far-apart items in a sequence must influence each other. Connect one input for self-attention, two for cross-attention.',
    },
    'zh-CN': {
      summary:
        '查询序列中的每个位置都会查看键/值序列的所有位置，判断每个位置有多相关，再按相关程度对它们的值加权求和。多个头并行地做这件事。',
      formula:
        '每个头：Q = x·W_q，K = z·W_k，V = z·W_v；A = softmax(Q·Kᵀ / √每头维度)；head = A·V；y = [head₁ … head_h]·W_o（自注意力时 z = x）',
      whenToUse:
        'Transformer 的核心：文本模型、序列到序列任务，以及任何需要让序列中相距很远的元素相互影响的场景。连一个输入为自注意力，连两个输入为交叉注意力。',
    },
  },
})
