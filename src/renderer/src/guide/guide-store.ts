import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import type { ProjectDocument } from '../../../core/document/types'
import type { Lesson } from '../../../core/guide/lesson'
import type { GuideStepId } from '../../../core/guide/steps'
import { documentStore } from '../app/document-store'
import { exportStore } from '../export/export-store'
import { trainingStore } from '../training/training-store'

/**
 * The guided path's state: shown or not (a preference), the step the learner is on, the open
 * lesson, and what the learner has done since the project was opened that the document does
 * not record (looked at the data, looked at the loss settings, exported). Never in undo.
 */
export interface GuideState {
  visible: boolean
  current: GuideStepId
  lesson: Lesson | null
  /** The Data panel was shown for this project. */
  dataViewed: boolean
  /** The training settings (loss, optimizer) were shown for this project. */
  lossReviewed: boolean
  /** An export finished for this project. */
  exported: boolean
  /** Runs up to this id belong to an earlier project (the training store outlives documents). */
  runBaseline: number
}

const KEY = 'layercanvas.guide'

function loadVisible(): boolean {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as { visible?: unknown } | null
    return typeof saved?.visible === 'boolean' ? saved.visible : true
  } catch {
    return true
  }
}

const projectFacts = () => ({
  dataViewed: false,
  lossReviewed: false,
  exported: false,
  runBaseline: trainingStore.getState().runId,
})

export const guideStore = createStore<GuideState>()(() => ({
  visible: loadVisible(),
  current: 'data',
  lesson: null,
  ...projectFacts(),
  // A run made before the guide loaded still counts: the guide loads with the app.
  runBaseline: -1,
}))

export const useGuide = <T>(selector: (state: GuideState) => T): T => useStore(guideStore, selector)

export function toggleGuide(): void {
  guideStore.setState((state) => ({ visible: !state.visible }))
}

guideStore.subscribe((state, prev) => {
  if (state.visible === prev.visible) return
  try {
    localStorage.setItem(KEY, JSON.stringify({ visible: state.visible }))
  } catch {
    // Private mode: the choice lasts this session.
  }
})

/**
 * The same network and settings, whatever the positions: a freshly opened template is replaced
 * once more by its laid-out copy (app/arrange.ts), which is not another project.
 */
function sameProjectExceptLayout(a: ProjectDocument, b: ProjectDocument): boolean {
  const essence = (doc: ProjectDocument) =>
    JSON.stringify([doc.name, doc.nodes.map((n) => [n.id, n.kind, n.params]), doc.edges, doc.training])
  return a === b || essence(a) === essence(b)
}

// Another project (open, new, template, lesson): its steps start over and any lesson ends.
documentStore.subscribe((state, prev) => {
  if (state.replaced === prev.replaced || sameProjectExceptLayout(prev.doc, state.doc)) return
  guideStore.setState({ ...projectFacts(), lesson: null, current: 'data' })
})

// What the learner looked at: the dock's Data tab, and its Train tab (the loss and optimizer).
trainingStore.subscribe((state) => {
  if (!state.dockOpen) return
  const guide = guideStore.getState()
  if (state.tab === 'data' && !guide.dataViewed) guideStore.setState({ dataViewed: true })
  if (state.tab === 'train' && !guide.lossReviewed) guideStore.setState({ lossReviewed: true })
})

exportStore.subscribe((state, prev) => {
  if (state.saved && !prev.saved) guideStore.setState({ exported: true })
})
