/**
 * The one size policy for projects, used by import, open, save, autosave and export in every
 * host (app, browser build, CLI, worker). Weights are counted as float32 bytes: the trained
 * weights plus the weights kept with runs.
 *
 * Why these numbers: VGG16 (138 million parameters, 553 MB of float32) is the largest classic
 * model a learner meets and must fit with room to spare; a browser tab cannot reliably hold
 * much more than 2 GB in one buffer, and a save briefly needs the weights plus their file.
 */
const MiB = 1024 * 1024

/** Float32 weights in one project (trained + runs' weights). */
export const MAX_WEIGHT_BYTES = 1024 * MiB
/** The document itself (layers, settings, runs' metrics) as JSON, without weights. */
export const MAX_DOCUMENT_BYTES = 64 * MiB
/**
 * A project file on disk: the container holds both parts plus a few kilobytes of zip headers.
 * Older single-file projects keep weights as base64 text in the JSON; they open up to
 * MAX_LEGACY_TEXT_BYTES (what every earlier version accepted), and are then saved in the new form.
 */
export const MAX_PROJECT_FILE_BYTES = MAX_WEIGHT_BYTES + MAX_DOCUMENT_BYTES + MiB
export const MAX_LEGACY_TEXT_BYTES = 256 * MiB
/** An export folder or zip: the weights in one format plus code, runtime and data files. */
export const MAX_EXPORT_BYTES = MAX_WEIGHT_BYTES + 256 * MiB

/** Whole megabytes, rounded up, for messages ("553 MB"). */
export function megabytes(bytes: number): number {
  return Math.ceil(bytes / MiB)
}

export function tooManyWeightsMessage(bytes: number): string {
  return `the weights take ${megabytes(bytes)} MB; a project holds at most ${megabytes(MAX_WEIGHT_BYTES)} MB of weights`
}
