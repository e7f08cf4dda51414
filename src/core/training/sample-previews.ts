import type { SamplesPayload, TrainingEvent } from './events'
import type { TrainingTask } from './tasks/task'

/** The trainer's previews of what the task generates (a GAN's grid, a language model's text, …). */
export interface SamplePreviews {
  /**
   * Mid-epoch previews (tasks with sampleEvery > 0, e.g. a GAN's fixed-noise grid): after the
   * first batch, so there is a picture at once instead of after sampleEvery batches (minutes on
   * a slow GPU); then every sampleEvery batches, and every previewEveryMs as well.
   */
  due(batchesDone: number): boolean
  /** Draws the task's samples and emits them (nothing when the task has none). */
  show(epoch: number, batch: number): Promise<void>
  /** The last samples shown, for the run's result. */
  readonly last: SamplesPayload[] | undefined
}

export interface SamplePreviewOptions {
  task: TrainingTask
  /** Previews only in each task's cheap form, and none mid-epoch (capped runs). */
  quick: boolean
  previewEveryMs: number
  clock: () => number
  /** The clock's reading the run started with (it counts as the last preview). */
  startedAt: number
  emit: (event: TrainingEvent) => void
}

export function createSamplePreviews(options: SamplePreviewOptions): SamplePreviews {
  const { task, quick, previewEveryMs, clock, emit } = options
  let lastSamples: SamplesPayload[] | undefined
  let lastPreview = options.startedAt

  return {
    due(batchesDone) {
      const every = task.sampleEvery
      if (quick || every === null || every <= 0) return false
      return (
        batchesDone === 1 ||
        batchesDone % every === 0 ||
        (previewEveryMs > 0 && clock() - lastPreview >= previewEveryMs)
      )
    },
    async show(epoch, batch) {
      const payloads = await task.samples({ quick })
      if (payloads.length === 0) return
      lastSamples = payloads
      for (const samples of payloads) emit({ event: 'samples', epoch, batch, samples })
      // Measured after drawing, so a slow preview still leaves previewEveryMs of training between two.
      lastPreview = clock()
    },
    get last() {
      return lastSamples
    },
  }
}
