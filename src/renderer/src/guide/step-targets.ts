import type { GuideStepId } from '../../../core/guide/steps'
import { openExportDialog } from '../export/export-store'
import { openDock, trainingStore, type DockTab } from '../training/training-store'

/**
 * Where each step takes the learner: a tab of the training dock, the canvas, or a dialog.
 * One small table, so a step can be pointed elsewhere (e.g. Deploy at a "Try it" panel).
 */
export type StepTarget = { kind: 'dock'; tab: DockTab } | { kind: 'canvas' } | { kind: 'export' }

export const STEP_TARGETS: Record<GuideStepId, StepTarget> = {
  data: { kind: 'dock', tab: 'data' },
  split: { kind: 'dock', tab: 'data' },
  design: { kind: 'canvas' },
  lossOptimizer: { kind: 'dock', tab: 'train' },
  train: { kind: 'dock', tab: 'train' },
  evaluate: { kind: 'dock', tab: 'results' },
  // Deploy = use the trained model: the Try-it tab, whose "Export as web demo…" opens Export.
  deploy: { kind: 'dock', tab: 'tryit' },
}

export function openStepTarget(step: GuideStepId): void {
  const target = STEP_TARGETS[step]
  switch (target.kind) {
    case 'dock':
      openDock(target.tab)
      return
    case 'canvas':
      // The canvas gets the room; the Problems list under it names any layer to fix.
      trainingStore.setState({ dockOpen: false })
      return
    case 'export':
      openExportDialog()
      return
  }
}
