import type { ProjectDocument } from '../../../core/document/types'
import type { Evaluation } from '../../../core/training/evaluate'

/**
 * Which weights an export writes. People train to export a trained model, so the latest run's
 * weights are the default; the weights saved with the project come next, and freshly
 * initialised ones only when the user picks them (or nothing was trained).
 */
export type WeightsSource = 'run' | 'project' | 'initial'

/** The last run of this session, as the export dialog describes it. */
export interface RunWeightsInfo {
  /** When the run ended (ms since the epoch). */
  finishedAt: number
  /** Epochs completed, and planned. */
  epochs: number
  epochsPlanned: number
  /** How the run ended: a stopped run still has (partly) trained weights. */
  status: 'done' | 'stopped' | 'error'
  /** Test accuracy (classification) when the run was evaluated. */
  testAccuracy: number | null
  /** The graph was edited since the run: layers whose weights no longer fit are exported fresh. */
  graphChanged: boolean
}

export interface ProjectWeightsInfo {
  savedAt: string
  testAccuracy: number | null
}

export interface WeightsChoices {
  run: RunWeightsInfo | null
  project: ProjectWeightsInfo | null
}

/** The fields of the training store that tell about the last run (kept structural so this module stays free of the store). */
export interface RunFields {
  hasModel: boolean
  status: string
  busy: boolean
  runDocument: ProjectDocument | null
  last: object | null
  epochs: readonly object[]
  epochsPlanned: number
  evaluation: Evaluation | null
  finishedAt: number | null
}

/** The run's weights can be exported when the worker holds the model of a run that trained at least one batch and has ended. */
export function runWeightsInfo(run: RunFields, doc: ProjectDocument): RunWeightsInfo | null {
  if (!run.hasModel || run.busy || run.runDocument === null || run.last === null || run.finishedAt === null) return null
  if (run.status !== 'done' && run.status !== 'stopped' && run.status !== 'error') return null
  return {
    finishedAt: run.finishedAt,
    epochs: run.epochs.length,
    epochsPlanned: run.epochsPlanned,
    status: run.status,
    testAccuracy: run.evaluation?.task === 'classification' ? run.evaluation.accuracy : null,
    graphChanged: doc.nodes !== run.runDocument.nodes || doc.edges !== run.runDocument.edges,
  }
}

export function weightsChoices(run: RunFields, doc: ProjectDocument): WeightsChoices {
  const trained = doc.trained
  return {
    run: runWeightsInfo(run, doc),
    project: trained ? { savedAt: trained.savedAt, testAccuracy: trained.metrics?.testAccuracy ?? null } : null,
  }
}

/** The user's pick when it is still available, else the best there is: the run, the project's, fresh. */
export function effectiveWeightsSource(choices: WeightsChoices, picked: WeightsSource | null): WeightsSource {
  if (picked === 'initial' || (picked !== null && choices[picked] !== null)) return picked
  if (choices.run) return 'run'
  if (choices.project) return 'project'
  return 'initial'
}

/** The document to hand the exporter: `trained` holds exactly the chosen weights (none for fresh ones). */
export function documentForExport(
  doc: ProjectDocument,
  source: WeightsSource,
  runWeights: ProjectDocument['trained'] | null,
): ProjectDocument {
  if (source === 'project') return doc
  const { trained: _dropped, ...rest } = doc
  if (source === 'initial') return rest
  if (!runWeights) throw new Error('documentForExport: the run weights are missing')
  return { ...rest, trained: runWeights }
}
