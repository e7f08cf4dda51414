import { p } from '../../params/schema'
import { convOutputLength, formatShape, type Shape } from '../../shapes/shape'
import { samePadding } from '../../codegen/python/padding'
import { pyBool, pyCall, pyInt, pyTuple } from '../../codegen/python/literal'
import { fail, ok, type ParamCount, type ShapeResult } from '../kind'

/**
 * What DepthwiseConv2D and SeparableConv2D share: the depth multiplier, the shape of the
 * per-channel (depthwise) step, and TF's 'same' padding as PyTorch needs it.
 */

export const depthMultiplierParam = p.int({
  default: 1,
  min: 1,
  max: 64,
  label: { en: 'Depth multiplier', 'zh-CN': '深度乘数' },
  help: {
    en: 'How many feature maps each input channel gets from its own filters (1 in MobileNet). The depthwise step outputs channels × multiplier maps.',
    'zh-CN': '每个输入通道用自己的卷积核产生几张特征图（MobileNet 中为 1）。逐通道卷积输出 通道数 × 乘数 张特征图。',
  },
})

interface DepthwiseShapeParams {
  kernelSize: readonly number[]
  strides: readonly number[]
  padding: 'valid' | 'same'
}

/** [h, w, c] → [h', w', channels(c)] for a per-channel convolution, or why the input does not fit. */
export function depthwiseShape(
  input: Shape,
  p: DepthwiseShapeParams,
  channels: (inputChannels: number) => number,
): ShapeResult {
  if (input.length !== 3) return fail('needsImage', { got: formatShape(input) })
  const [h, w, c] = input
  if (c === null) return fail('unknownDim', { got: formatShape(input) })
  const [kh, kw] = p.kernelSize
  if (p.padding === 'valid' && ((h !== null && kh > h) || (w !== null && kw > w))) {
    return fail(
      'kernelTooLarge',
      { kernel: `${kh}×${kw}`, input: formatShape(input) },
      { type: 'setParam', param: 'padding', value: 'same' },
    )
  }
  return ok([
    convOutputLength(h, kh, p.strides[0], p.padding),
    convOutputLength(w, kw, p.strides[1], p.padding),
    channels(c),
  ])
}

/** The depthwise kernel: kh × kw per input channel and multiplier (tfjs' countParams). */
export function depthwiseKernelCount(input: Shape, p: { kernelSize: readonly number[]; depthMultiplier: number }) {
  const [kh, kw] = p.kernelSize
  return kh * kw * (input[2] ?? 0) * p.depthMultiplier
}

export function depthwiseParamCount(
  input: Shape,
  p: { kernelSize: readonly number[]; depthMultiplier: number; useBias: boolean },
): ParamCount {
  const bias = p.useBias ? (input[2] ?? 0) * p.depthMultiplier : 0
  return { trainable: depthwiseKernelCount(input, p) + bias, nonTrainable: 0 }
}

/**
 * TF's 'same' padding for PyTorch on [N, C, H, W]: an even split goes into the module's padding,
 * an uneven one (stride 2 on an even size) is padded explicitly before it, as Conv2D does.
 */
export function torchSamePadding(input: Shape, p: DepthwiseShapeParams) {
  const [kh, kw] = p.kernelSize
  const [sh, sw] = p.strides
  const [top, bottom] = p.padding === 'same' ? samePadding(input[0] ?? 0, kh, sh) : [0, 0]
  const [left, right] = p.padding === 'same' ? samePadding(input[1] ?? 0, kw, sw) : [0, 0]
  const even = top === bottom && left === right
  return {
    /** The module's `padding` argument, when the split is even and not zero. */
    modulePadding: even && top + left > 0 ? ([top, left] as [number, number]) : undefined,
    /** Wraps the input expression in F.pad when the split is uneven. */
    pad: (x: string) => (even ? x : `F.pad(${x}, (${left}, ${right}, ${top}, ${bottom}))`),
  }
}

/**
 * PyTorch's nn.Conv2d(groups=C) holds a depthwise kernel as [C·M, 1, kh, kw], which no transpose
 * of tfjs' [kh, kw, C, M] gives when M > 1; this module keeps it as [C, M, kh, kw] (a transpose)
 * and reshapes it in forward, so the exported weights load unchanged.
 */
export const TORCH_DEPTHWISE_HELPER = `class DepthwiseConv2d(nn.Module):
    """Keras' DepthwiseConv2D: each input channel gets its own multiplier filters (weight [C, M, kh, kw])."""

    def __init__(self, channels, multiplier, kernel_size, stride, padding, bias):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(channels, multiplier, *kernel_size))
        self.bias = nn.Parameter(torch.zeros(channels * multiplier)) if bias else None
        self.stride, self.padding = stride, padding
        nn.init.kaiming_uniform_(self.weight, a=5**0.5)

    def forward(self, x):
        c, m, kh, kw = self.weight.shape
        return F.conv2d(x, self.weight.reshape(c * m, 1, kh, kw), self.bias, self.stride, self.padding, groups=c)
`

/**
 * The depthwise step as a PyTorch module on [N, C, H, W]: nn.Conv2d(groups=C) when the multiplier
 * is 1 (its [C, 1, kh, kw] weight is a transpose of tfjs' kernel), else the DepthwiseConv2d helper.
 * Either way tfjs' [kh, kw, C, M] kernel loads with the transpose [2, 3, 0, 1].
 */
export function torchDepthwiseModule(
  channels: number,
  p: DepthwiseShapeParams & { depthMultiplier: number },
  bias: boolean,
  padding: [number, number] | undefined,
): { module: string; helpers?: Record<string, string> } {
  if (p.depthMultiplier === 1) {
    return {
      module: pyCall('nn.Conv2d', [pyInt(channels), pyInt(channels), pyTuple(p.kernelSize)], {
        stride: pyTuple(p.strides),
        padding: padding ? pyTuple(padding) : undefined,
        groups: pyInt(channels),
        bias: pyBool(bias),
      }),
    }
  }
  return {
    module: pyCall('DepthwiseConv2d', [pyInt(channels), pyInt(p.depthMultiplier), pyTuple(p.kernelSize)], {
      stride: pyTuple(p.strides),
      padding: padding ? pyTuple(padding) : '0',
      bias: pyBool(bias),
    }),
    helpers: { DepthwiseConv2d: TORCH_DEPTHWISE_HELPER },
  }
}
