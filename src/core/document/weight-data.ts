import { z } from 'zod'
import { decodeFloat32 } from '../training/base64'

/**
 * A weight tensor's values. In memory they are always a Float32Array. In a file they are either
 * a reference into the container's weights.bin (resolved by project-file.ts before the schema
 * sees the document, so here they already are Float32Arrays), or — in projects written before
 * the container existed — base64 of float32 little-endian text, decoded here (the migration).
 */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

export const weightDataSchema = z
  .union([z.instanceof(Float32Array), z.string().regex(BASE64, 'expected base64 data')])
  .transform((data, ctx): Float32Array => {
    if (data instanceof Float32Array) return data
    try {
      return decodeFloat32(data)
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `cannot decode the weights: ${(error as Error).message}` })
      return z.NEVER
    }
  })

/** One weight tensor, in tfjs' order for its layer. */
export const weightTensorSchema = z.object({
  name: z.string().max(500),
  shape: z.array(z.number().int().min(0)).max(8),
  data: weightDataSchema,
})

/** Values a shape holds (1 for a scalar). */
export function shapeSize(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1)
}

/** The problem with one tensor's size, or null: the values must fill the shape exactly. */
export function tensorSizeProblem(weight: { shape: readonly number[]; data: Float32Array }): string | null {
  const expected = 4 * shapeSize(weight.shape)
  const got = weight.data.byteLength
  return got === expected
    ? null
    : `expected ${expected} bytes of float32 weights for shape [${weight.shape.join(', ')}], got ${got}`
}
