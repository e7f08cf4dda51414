import * as tf from '@tensorflow/tfjs'
import { readFileSync } from 'node:fs'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { DIFFUSION_SAMPLER_BUNDLE } from '../../src/core/export/generated/diffusion-sampler-bundle'
import type { DiffusionTask } from '../../src/core/training/tasks/diffusion'
import { runDiffusion, type DiffusionRequest } from '../../src/core/tryit/diffusion-run'
import { tryItSpec } from '../../src/core/tryit/spec'
import type { TryItOutcome } from '../../src/core/tryit/run'
import { buildTask, taskDocument, twoMoons } from './training/tasks/helpers'
// @ts-expect-error a plain .mjs script without types
import { GENERATED_FILE, generatedSource } from '../../scripts/demo-sampler-module.mjs'

/**
 * Try it on a diffusion model: Generate samples with the training task's own sampler (the
 * one behind the Train tab's previews), and the web demo's diffusion-sampler.js — that code
 * compiled — gives the same sample for the same seed. Real tfjs, a small untrained denoiser.
 */
function denoiserDocument() {
  return taskDocument(
    [
      ['t', 'timestepInput'],
      ['x', 'input', { mode: 'vector', size: 2 }],
      ['te', 'timestepEmbedding', { dim: 8 }],
      ['td', 'dense', { units: 16, activation: 'linear' }],
      ['h1', 'dense', { units: 16, activation: 'relu' }],
      ['c1', 'condition', { mode: 'add' }],
      ['eps', 'dense', { units: 2, activation: 'linear' }],
    ],
    [
      ['t', 'te'],
      ['te', 'td'],
      ['x', 'h1'],
      ['h1', 'c1', 0],
      ['td', 'c1', 1],
      ['c1', 'eps'],
    ],
    { task: 'diffusion', seed: 4, diffusion: { timesteps: 12, schedule: 'linear', samplingSteps: 5, keepSteps: 3 } },
  )
}

function setup() {
  const doc = denoiserDocument()
  const data = twoMoons(64)
  const { task, graph, model } = buildTask(doc, data)
  const info = (id: string) => ({
    nodeId: id,
    shape: [null, ...(model.inputs[graph.inputs.indexOf(id)]?.shape.slice(1) ?? [2])],
    dtype: 'float32' as const,
  })
  const io = {
    inputs: graph.inputs.map(info),
    outputs: [{ nodeId: 'eps', shape: [null, 2], dtype: 'float32' as const }],
  }
  const spec = tryItSpec(doc, data, null, io as never)
  return { task: task as DiffusionTask, model, spec, data }
}

describe('Try it: diffusion', () => {
  it('the spec offers Generate with the training schedule, the data range and the x_t input', () => {
    const { task, model, spec, data } = setup()
    expect(spec.input.kind).toBe('diffusion')
    if (spec.input.kind !== 'diffusion') return
    expect(spec.main).toBe(1) // x_t is the second input here: t comes first in the document
    expect(spec.input.schedule).toEqual({ timesteps: 12, schedule: 'linear', betaStart: 0.0001, betaEnd: 0.02 })
    expect(spec.input.samplingSteps).toBe(5)
    const values = Array.from(data.features)
    expect(spec.input.range).toEqual({ lo: Math.min(...values), hi: Math.max(...values), image: false })
    expect(spec.result).toBe('values')
    task.dispose()
    model.dispose()
  })

  it('DDIM and DDPM: the same sample as the training task’s sampler for the same seed, new seed → new sample', async () => {
    const { task, model, spec } = setup()
    for (const request of [
      { seed: 9, method: 'ddim', steps: 3 },
      { seed: 9, method: 'ddpm', steps: 3 },
    ] as DiffusionRequest[]) {
      const outcome = await runDiffusion(tf, spec, model, request)
      const reference = request.method === 'ddim' ? await task.sampleDdim(1, 3, 9, 1) : await task.sampleDdpm(1, 9, 1)
      expect(Array.from(outcome.output)).toEqual(Array.from(reference.final))
      expect(Array.from(outcome.input)).toEqual(Array.from(reference.steps[0].values))
      const other = await runDiffusion(tf, spec, model, { ...request, seed: 10 })
      expect(Array.from(other.output)).not.toEqual(Array.from(outcome.output))
    }
    task.dispose()
    model.dispose()
  })

  it('diffusion-sampler.js (the demo’s compiled copy) gives the same samples, and is up to date', async () => {
    expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(await generatedSource())
    const page: Record<string, unknown> = {}
    runInNewContext(DIFFUSION_SAMPLER_BUNDLE, page)
    const compiled = page.LayerCanvasDiffusion as { runDiffusion: typeof runDiffusion }
    const { task, model, spec } = setup()
    for (const request of [
      { seed: 3, method: 'ddim', steps: 4 },
      { seed: 3, method: 'ddpm', steps: 4 },
    ] as DiffusionRequest[]) {
      const mine: TryItOutcome = await compiled.runDiffusion(tf, spec, model, request)
      const core = await runDiffusion(tf, spec, model, request)
      expect(Array.from(mine.output)).toEqual(Array.from(core.output))
    }
    task.dispose()
    model.dispose()
  })
})
