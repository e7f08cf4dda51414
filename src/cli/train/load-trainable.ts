import { dataFailure } from '../../core/data/errors'
import type { ProjectDocument } from '../../core/document/types'
import { NO_DATASET } from '../../core/training/config'
import type { CliIO } from '../command'
import { loadProject } from '../project-file'

/** How a training command reports a problem: `line` prints a JSON event, `failLine` an error event and stderr. */
export interface TrainReporter {
  json: boolean
  line: (object: unknown) => void
  failLine: (message: string) => void
}

/**
 * The start `train` and `sweep` share: read the project (its load warnings on stderr) and refuse
 * one with no dataset chosen (an imported model) before any output folder is created.
 * Null when the command must stop with a usage exit; the problem has been reported.
 */
export async function loadTrainableProject(
  file: string,
  io: CliIO,
  report: TrainReporter,
): Promise<ProjectDocument | null> {
  const loaded = await loadProject(file, io.cwd)
  if (!loaded.ok) {
    if (report.json) report.line({ error: loaded.error })
    io.err(`layercanvas: ${loaded.line}\n`)
    return null
  }
  for (const warning of loaded.warnings) io.err(`layercanvas: warning: ${file}: ${warning}\n`)
  if (loaded.document.training.dataset.id === NO_DATASET) {
    report.failLine(`${file}: ${dataFailure('noDataset').error}`)
    return null
  }
  return loaded.document
}
