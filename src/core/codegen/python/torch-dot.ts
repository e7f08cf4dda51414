/** PyTorch helper for the Dot kind (kinds/dot.ts), emitted once into the generated module. */
export const TORCH_L2_NORMALIZE = `def tf_l2_normalize(x, dim):
    """tfjs' l2Normalize: x / sqrt(max(sum(x^2), 1e-7)) along dim; the same floor as tfjs, so
    vectors close to zero give the same values too (torch's F.normalize clamps the norm at 1e-12)."""
    return x / torch.sqrt(torch.clamp((x * x).sum(dim=dim, keepdim=True), min=1e-7))
`
