import { describe, expect, it } from 'vitest'
import { GUIDE_STEPS, STEP_DONE_TEXT, guideSteps, splitIsValid, type GuideFacts } from '../../../src/core/guide/steps'
import { analyzeGraph } from '../../../src/core/shapes/analyze'
import { checkLossChoice } from '../../../src/core/training/loss-choice'
import { LOSSES, TASKS } from '../../../src/core/training/config'
import type { ProjectDocument } from '../../../src/core/document/types'
import { graph, loadTemplate } from '../helpers'

/** The step rules of the guided path, from real documents and their real analysis. */

function facts(doc: ProjectDocument, extra: Partial<GuideFacts> = {}): GuideFacts {
  return {
    doc,
    diagnostics: analyzeGraph(doc).diagnostics,
    datasetPreviewed: false,
    lossReviewed: false,
    run: { status: 'idle', epochs: 0 },
    evaluated: false,
    exported: false,
    ...extra,
  }
}

const withTraining = (doc: ProjectDocument, training: Partial<ProjectDocument['training']>): ProjectDocument => ({
  ...doc,
  training: { ...doc.training, ...training },
})

describe('guided path: step completion', () => {
  const mlp = loadTemplate('mlp-mnist')

  it("lists the tutorial's seven steps in order", () => {
    expect(GUIDE_STEPS).toEqual(['data', 'split', 'design', 'lossOptimizer', 'train', 'evaluate', 'deploy'])
  })

  it('a freshly opened template: split and design done, the rest waits for the learner', () => {
    const steps = guideSteps(facts(mlp))
    expect(Object.fromEntries(GUIDE_STEPS.map((s) => [s, steps[s].done]))).toEqual({
      data: false,
      split: true,
      design: true,
      lossOptimizer: false,
      train: false,
      evaluate: false,
      deploy: false,
    })
    expect(steps.data.hint?.en).toMatch(/preview/)
    expect(steps.data.hint?.['zh-CN']).toMatch(/预览/)
  })

  it('data: a dataset picked AND previewed; "no dataset" asks for one', () => {
    expect(guideSteps(facts(mlp, { datasetPreviewed: true })).data.done).toBe(true)
    const none = withTraining(mlp, { dataset: { id: 'none', options: {} } })
    const step = guideSteps(facts(none, { datasetPreviewed: true })).data
    expect(step.done).toBe(false)
    expect(step.hint?.en).toMatch(/Choose a dataset/)
  })

  it('split: must sum to 100 % with a training share and a test share', () => {
    const split = (train: number, validation: number, test: number) =>
      guideSteps(facts(withTraining(mlp, { split: { train, validation, test, seed: 1 } }))).split
    expect(split(0.7, 0.15, 0.15).done).toBe(true)
    expect(split(0.7, 0.1, 0.1).done).toBe(false)
    expect(split(0.7, 0.1, 0.1).hint?.en).toMatch(/100 %/)
    expect(split(0, 0.5, 0.5).done).toBe(false)
    expect(split(0.9, 0.1, 0).done).toBe(false)
    expect(split(0.9, 0.1, 0).hint?.en).toMatch(/test set/)
    expect(splitIsValid({ train: 0.8, validation: 0.1, test: 0.1, seed: 1 })).toBe(true)
    expect(splitIsValid({ train: Number.NaN, validation: 0.1, test: 0.1, seed: 1 })).toBe(false)
  })

  it('design: an empty canvas or a layer error keeps it open', () => {
    const empty = graph([], [])
    expect(guideSteps(facts(empty)).design.done).toBe(false)
    expect(guideSteps(facts(empty)).design.hint?.en).toMatch(/no layers/)
    // A 9×9 kernel on a 4×4 image (valid padding): the analysis reports an error.
    const broken = graph(
      [
        ['in', 'input', { mode: 'image', height: 4, width: 4, channels: 1 }],
        ['conv', 'conv2d', { filters: 2, kernelSize: [9, 9] }],
      ],
      [['in', 'conv']],
    )
    const diagnostics = analyzeGraph(broken).diagnostics
    expect(diagnostics.some((d) => d.severity === 'error')).toBe(true)
    expect(guideSteps(facts(broken)).design.done).toBe(false)
    expect(guideSteps(facts(broken)).design.hint?.en).toMatch(/errors/)
  })

  it('loss and optimizer: done once looked at, unless the loss does not suit the task', () => {
    expect(guideSteps(facts(mlp, { lossReviewed: true })).lossOptimizer.done).toBe(true)
    const mse = guideSteps(facts(withTraining(mlp, { loss: 'meanSquaredError' }), { lossReviewed: true })).lossOptimizer
    expect(mse.done).toBe(false)
    expect(mse.notes.map((n) => n.code)).toEqual(['loss.regressionOnClasses'])
    expect(mse.notes[0].text['zh-CN']).toMatch(/交叉熵/)
  })

  it('train: a finished run (or a stopped one with at least one epoch); evaluate needs it too', () => {
    const state = (run: GuideFacts['run'], evaluated = false) => guideSteps(facts(mlp, { run, evaluated }))
    expect(state({ status: 'running', epochs: 3 }).train.done).toBe(false)
    expect(state({ status: 'error', epochs: 1 }).train.done).toBe(false)
    expect(state({ status: 'stopped', epochs: 0 }).train.done).toBe(false)
    expect(state({ status: 'stopped', epochs: 1 }).train.done).toBe(true)
    expect(state({ status: 'done', epochs: 1 }).train.done).toBe(true)
    expect(state({ status: 'done', epochs: 1 }).evaluate.done).toBe(false)
    expect(state({ status: 'done', epochs: 1 }, true).evaluate.done).toBe(true)
    expect(state({ status: 'running', epochs: 0 }, true).evaluate.done).toBe(false)
  })

  it('every hint a learner can see is in both languages', () => {
    const states = [
      facts(mlp),
      facts(graph([], []), { lossReviewed: true }),
      facts(
        withTraining(mlp, {
          dataset: { id: 'none', options: {} },
          split: { train: 0.5, validation: 0.1, test: 0.1, seed: 1 },
        }),
      ),
      facts(withTraining(mlp, { loss: 'huber', split: { train: 0.9, validation: 0.1, test: 0, seed: 1 } }), {
        lossReviewed: true,
      }),
    ]
    const hints = new Set(
      states.flatMap((f) => GUIDE_STEPS.map((s) => guideSteps(f)[s].hint)).filter((h) => h !== null),
    )
    expect(hints.size).toBeGreaterThanOrEqual(10)
    for (const hint of hints) expect(hint!['zh-CN'], hint!.en).toMatch(/[\u4e00-\u9fff]/)
  })

  it('every step is finished with no hint left, and each has its own done text in both languages', () => {
    const finished = guideSteps(
      facts(mlp, {
        datasetPreviewed: true,
        lossReviewed: true,
        run: { status: 'done', epochs: 1 },
        evaluated: true,
        exported: true,
      }),
    )
    const texts = GUIDE_STEPS.map((step) => {
      expect(finished[step].done, step).toBe(true)
      expect(finished[step].hint, step).toBeNull()
      return STEP_DONE_TEXT[step]
    })
    expect(new Set(texts.map((text) => text.en)).size).toBe(GUIDE_STEPS.length)
    for (const text of texts) expect(text['zh-CN'], text.en).toMatch(/[\u4e00-\u9fff]/)
  })

  it('deploy: an export', () => {
    expect(guideSteps(facts(mlp)).deploy.done).toBe(false)
    expect(guideSteps(facts(mlp, { exported: true })).deploy.done).toBe(true)
    expect(guideSteps(facts(mlp, { exported: true })).deploy.hint).toBeNull()
  })
})

describe('loss choice check', () => {
  it('warns for distance losses on classes and cross-entropy on numbers', () => {
    expect(checkLossChoice('classification', 'meanSquaredError').map((n) => n.code)).toEqual([
      'loss.regressionOnClasses',
    ])
    expect(checkLossChoice('classification', 'huber').map((n) => n.severity)).toEqual(['warning'])
    expect(checkLossChoice('languageModel', 'meanAbsoluteError').map((n) => n.code)).toEqual([
      'loss.regressionOnClasses',
    ])
    expect(checkLossChoice('regression', 'categoricalCrossentropy').map((n) => n.code)).toEqual([
      'loss.crossEntropyOnNumbers',
    ])
    expect(checkLossChoice('autoencoder', 'sparseCategoricalCrossentropy').map((n) => n.code)).toEqual([
      'loss.reconstruction',
    ])
    expect(checkLossChoice('gan', 'meanSquaredError').map((n) => n.severity)).toEqual(['info'])
  })

  it('says nothing for a suitable pair, and every note has both languages', () => {
    expect(checkLossChoice('classification', 'categoricalCrossentropy')).toEqual([])
    expect(checkLossChoice('regression', 'huber')).toEqual([])
    expect(checkLossChoice('autoencoder', 'binaryCrossentropy')).toEqual([])
    for (const task of TASKS) {
      for (const loss of LOSSES) {
        for (const note of checkLossChoice(task, loss)) {
          expect(note.text.en.length).toBeGreaterThan(20)
          expect(note.text['zh-CN']).toMatch(/[\u4e00-\u9fff]/)
        }
      }
    }
  })
})
