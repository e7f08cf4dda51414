import { useMemo } from 'react'
import { guideSteps, type GuideStepId, type StepState } from '../../../core/guide/steps'
import { analysisOf, datasetKey } from '../app/analysis'
import { useDocumentStore } from '../app/document-store'
import { useDataState } from '../data/dataset-state'
import { useTraining } from '../training/training-store'
import { useGuide } from './guide-store'

/** Tasks without a test evaluation: their samples, shown at the end of a run, are what is judged. */
const SAMPLE_JUDGED = new Set(['gan', 'diffusion'])

/** Every step's state from the live stores (the rules themselves are core/guide/steps.ts). */
export function useGuideSteps(): Record<GuideStepId, StepState> {
  const doc = useDocumentStore((state) => state.doc)
  const analysis = useDocumentStore((state) => analysisOf(state.doc))
  const dataKey = useDataState((state) => (state.status === 'ready' ? state.key : null))
  const dataViewed = useGuide((state) => state.dataViewed)
  const lossReviewed = useGuide((state) => state.lossReviewed)
  const exported = useGuide((state) => state.exported)
  const baseline = useGuide((state) => state.runBaseline)
  const ours = useTraining((state) => state.runId > baseline)
  const status = useTraining((state) => state.status)
  const epochs = useTraining((state) => state.epochs.length)
  const evaluation = useTraining((state) => state.evaluation !== null)
  const samples = useTraining((state) => state.samples !== null)

  return useMemo(() => {
    const generative = SAMPLE_JUDGED.has(doc.training.task)
    return guideSteps({
      doc,
      diagnostics: analysis.diagnostics,
      datasetPreviewed: dataViewed && dataKey !== null && dataKey === datasetKey(doc.training.dataset),
      lossReviewed,
      run: ours ? { status, epochs } : { status: 'idle', epochs: 0 },
      evaluated: ours && (evaluation || (generative && samples)),
      exported,
    })
  }, [doc, analysis, dataViewed, dataKey, lossReviewed, ours, status, epochs, evaluation, samples, exported])
}
