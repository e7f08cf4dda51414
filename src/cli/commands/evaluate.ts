import { dirname, resolve } from 'node:path'
import { compileModel } from '../../core/compile/compile'
import { dataFailure } from '../../core/data/errors'
import { normalizeDataset } from '../../core/data/normalize'
import { loadDataset } from '../../core/data/registry'
import { splitFor } from '../../core/data/split'
import { customLayers } from '../../core/layers/custom/index'
import { NO_DATASET } from '../../core/training/config'
import { createTask, trainerTask } from '../../core/training/tasks/index'
import { applyTrainedWeights } from '../../core/training/weights'
import { EXIT, oneLine, type Command } from '../command'
import { nodeDatasetSources } from '../dataset-sources'
import { loadProject } from '../project-file'
import { loadTf } from '../train/load-tf'
import { backendFrom, backendOption } from '../train/options'

/** NaN and infinities as null, as `train --json` prints them. */
const jsonValue = (_key: string, value: unknown): unknown =>
  typeof value === 'number' && !Number.isFinite(value) ? null : value

const evaluate: Command = {
  description:
    "Evaluates a project's weights (its trained weights, e.g. after load-weights; freshly initialised ones when it has none) on the test split of its dataset, split and normalised exactly as `train` does, with the same evaluation as the end of a training run. Generative tasks without a test split are scored on the training split, as in training. Exits 0 when it ran, 1 when the model cannot be built or evaluated, 2 when the project or its data cannot be read.",
  positionals: [{ name: 'project.json' }],
  options: {
    json: { type: 'boolean', description: 'print JSON lines; the last is {"event":"done","test":{…}}' },
    backend: backendOption,
  },
  async run({ values, positionals }, io) {
    const json = values.json === true
    const backendChoice = backendFrom('evaluate', values)
    const file = positionals[0]
    const line = (object: unknown) => io.out(JSON.stringify(object, jsonValue) + '\n')
    const fail = (message: string, code: number) => {
      if (json) line({ event: 'error', message })
      io.err(`layercanvas: ${oneLine(message)}\n`)
      return code
    }
    const loaded = await loadProject(file, io.cwd)
    if (!loaded.ok) return fail(loaded.line, EXIT.usage)
    for (const warning of loaded.warnings) io.err(`layercanvas: warning: ${file}: ${warning}\n`)
    const doc = loaded.document
    const config = doc.training
    if (config.dataset.id === NO_DATASET) return fail(`${file}: ${dataFailure('noDataset').error}`, EXIT.usage)
    const data = await loadDataset(config.dataset, nodeDatasetSources({ baseDir: dirname(resolve(io.cwd, file)) }))
    if (!data.ok) return fail(`${file}: dataset "${config.dataset.id}": ${data.error}`, EXIT.usage)
    const split = splitFor(data.dataset, config.split)
    const { dataset } = normalizeDataset(data.dataset, split, config.normalization)

    const { tf, backend } = await loadTf(backendChoice)
    customLayers(tf)
    const compiled = compileModel(tf, doc)
    if (!compiled.ok)
      return fail(`${file}: cannot build the model: ${compiled.message} (see layercanvas check ${file})`, EXIT.problems)
    const { model, layerNames } = compiled
    try {
      const restored = doc.trained ? applyTrainedWeights(tf, model, layerNames, doc.trained) : null
      for (const skipped of restored?.skipped ?? []) {
        io.err(
          `layercanvas: warning: node ${skipped.nodeId}: its trained weights do not fit (${skipped.reason}); it is evaluated with fresh weights\n`,
        )
      }
      if (!doc.trained)
        io.err('layercanvas: warning: the project has no trained weights; evaluating freshly initialised ones\n')
      const graph = { document: doc, layerNames, inputs: compiled.inputs, outputs: compiled.outputs }
      const taskId = trainerTask(undefined, config, dataset)
      const made = createTask(taskId, { tf, model, dataset, split, config, graph })
      if (!made.ok) return fail(`${made.error.message} ${made.error.suggestion}`, EXIT.problems)
      const labelTask = taskId === 'classification' || taskId === 'regression'
      const indices = split.test.length > 0 ? split.test : labelTask ? null : split.train
      if (!indices) {
        made.task.dispose()
        return fail(`${file}: the test split is empty (give it a share in the Data panel)`, EXIT.usage)
      }
      if (json)
        line({
          event: 'start',
          project: doc.name,
          backend,
          dataset: dataset.id,
          task: taskId,
          samples: indices.length,
          trained: !!doc.trained,
        })
      const { summary } = await made.task.evaluate(indices)
      made.task.dispose()
      if (json) line({ event: 'done', test: summary })
      else {
        const parts = Object.entries(summary)
          .filter(([key, value]) => key !== 'task' && key !== 'samples' && typeof value === 'number')
          .map(([key, value]) => `${key} ${(value as number).toFixed(4)}`)
        io.out(`Test (${summary.task}, ${summary.samples} samples): ${parts.join(', ')}\n`)
      }
      return EXIT.ok
    } finally {
      model.dispose()
    }
  },
}

export default evaluate
