/**
 * The worker's side of the generative previews: samples events are posted with their typed
 * arrays transferred, and the on-demand actions (diffusion Sample, language-model Generate)
 * run on the task the last run trained (its models share the compiled document model).
 */
import type { TrainingConfig } from '../../../core/training/config'
import type { SamplesPayload } from '../../../core/training/events'
import type { DiffusionTask } from '../../../core/training/tasks/diffusion'
import type { TrainingTask } from '../../../core/training/tasks/task'
import type { GenerateMessage, SampleMessage, SampledResult } from './protocol'

/**
 * A copy of a payload whose typed arrays own their buffers, with those buffers to transfer.
 * The task may keep its arrays (the trainer's last samples) or share one buffer between two
 * payloads (a grid and a trajectory): transferring copies leaves the originals intact.
 */
export function ownedSamples(samples: SamplesPayload): { samples: SamplesPayload; transfer: Transferable[] } {
  const transfer: Transferable[] = []
  const copy = (value: unknown): unknown => {
    if (ArrayBuffer.isView(value)) {
      const owned = (value as Float32Array).slice()
      transfer.push(owned.buffer as ArrayBuffer)
      return owned
    }
    if (Array.isArray(value)) return value.map(copy)
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)]))
    return value
  }
  return { samples: copy(samples) as SamplesPayload, transfer }
}

/** A language-model task (tasks/language-model.ts) can generate on demand. */
interface Generator {
  generate(
    count: number,
    seed: number,
    temperature?: number,
    length?: number,
  ): Promise<{ lines: string[]; prompts?: string[] }>
}

const isDiffusion = (task: TrainingTask): task is DiffusionTask =>
  task.id === 'diffusion' && 'sampleDdpm' in task && 'sampleDdim' in task
const isGenerator = (task: TrainingTask): task is TrainingTask & Generator =>
  task.id === 'languageModel' && typeof (task as Partial<Generator>).generate === 'function'

/** Each press draws new noise (or new names); the first uses the same seed as the epoch previews. */
let presses = 0

/**
 * Runs a Sample or Generate request on `task` (null: nothing trained yet). Never throws:
 * a failure comes back as `{ ok: false, reason }`.
 */
export async function runOnDemand(
  task: TrainingTask | null,
  context: { config: TrainingConfig; dataShape: readonly number[] } | null,
  message: SampleMessage | GenerateMessage,
): Promise<SampledResult> {
  if (!task || !context) return { ok: false, reason: 'noModel', message: 'Train the model first.' }
  const { config } = context
  try {
    if (message.type === 'sample') {
      if (!isDiffusion(task))
        return { ok: false, reason: 'wrongTask', message: `The ${task.id} task has no diffusion sampler.` }
      const o = config.diffusion
      const seed = config.seed + 4242 + 7919 * presses++
      const count = Math.max(1, Math.min(o.samples, message.count ?? o.samples))
      const steps = Math.max(1, Math.min(o.timesteps, Math.round(message.steps ?? o.samplingSteps)))
      const run =
        message.method === 'ddim'
          ? await task.sampleDdim(count, steps, seed, o.keepSteps)
          : await task.sampleDdpm(count, seed, o.keepSteps)
      const samples: SamplesPayload = {
        kind: 'diffusionSteps',
        sampler: message.method,
        shape: [...context.dataShape],
        count,
        steps: run.steps,
      }
      return { ok: true, samples }
    }
    if (!isGenerator(task))
      return { ok: false, reason: 'wrongTask', message: `The ${task.id} task does not generate text.` }
    const temperature = Math.min(10, Math.max(0.05, message.temperature))
    const count = Math.max(1, Math.min(64, Math.round(message.count)))
    const { lines, prompts } = await task.generate(count, config.seed + 11 + 104_729 * presses++, temperature)
    return { ok: true, samples: { kind: 'text', temperature, lines, ...(prompts ? { prompts } : {}) } }
  } catch (error) {
    return { ok: false, reason: 'failed', message: String((error as Error)?.message ?? error) }
  }
}
