import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasTorch, MAX_STEP_RSS_BYTES, roundTrip, STAND_IN } from '../../scripts/model-roundtrip.mjs'

/**
 * The VGG16 round trip of `npm run bench` (bench/vgg16-roundtrip.mjs), at toy size: the same
 * layer kinds (3×3 convolution stacks, max pooling, flatten, dense, softmax) through the same
 * steps, each its own process: tfjs builds and saves the model (model.json + shards), then
 * `layercanvas import` → `check` → `export --format tfjs | onnx | pytorch`, and the outputs on
 * one input agree: tfjs' own model, the exported tfjs model, onnxruntime, Debian's PyTorch.
 */
const torch = hasTorch()
const requirePython = process.env.LAYERCANVAS_REQUIRE_PYTHON === '1'

let temp = ''
beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'layercanvas-roundtrip-'))
})
afterAll(async () => {
  if (temp) await rm(temp, { recursive: true, force: true })
})

describe('a VGG-style model: import, check and every export agree with tfjs', () => {
  it('stand-in: outputs within 1e-4 relative in tfjs, onnxruntime and PyTorch', { timeout: 240_000 }, async () => {
    if (requirePython) expect(torch, '/usr/bin/python3 with torch and numpy').toBe(true)
    const result = await roundTrip(STAND_IN, join(temp, 'stand-in'), { torch })
    expect(result.params).toBe(38_482)
    expect(result.outputs).toBe(10)
    expect(result.steps.map((s) => s.step)).toEqual([
      'build + save tfjs model (tfjs)',
      'layercanvas import',
      'layercanvas check',
      'layercanvas export --format tfjs',
      'layercanvas export --format onnx',
      'layercanvas export --format pytorch',
      'run exported tfjs (tfjs)',
      'run exported onnx (onnxruntime)',
      ...(torch ? ['run exported pytorch (torch)'] : []),
    ])
    for (const step of result.steps) {
      expect(step.rssBytes, step.step).toBeGreaterThan(0)
      expect(step.rssBytes!, step.step).toBeLessThan(MAX_STEP_RSS_BYTES)
    }
    expect(result.differences.tfjs).toBeLessThan(1e-4)
    expect(result.differences.onnx).toBeLessThan(1e-4)
    if (torch) expect(result.differences.pytorch).toBeLessThan(1e-4)
  })
})
