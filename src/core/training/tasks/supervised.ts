import type * as tfjs from '@tensorflow/tfjs'
import { featureSize, targetSize } from '../../data/dataset'
import type { LabelTask } from '../config'
import { makeBatch } from '../batches'
import { evaluateModel, outputUnits, scoreSplit, summarize } from '../evaluate'
import { correctCount, createLoss } from '../losses'
import { shapeText, trainingText } from '../../i18n/training-messages'
import {
  optimizerSet,
  shapeError,
  trainableVariables,
  inferenceBatch,
  type TaskOptions,
  type TaskResult,
  type TrainingTask,
  withRegularizers,
} from './task'

/**
 * Learning the dataset's labels with one model (one Input, one output): what the trainer did
 * before tasks existed, unchanged. classification.ts and regression.ts are this with their id.
 */
export function supervisedTask(id: LabelTask, options: TaskOptions): TaskResult {
  const { tf, model, dataset, config } = options
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    return shapeError(
      trainingText('oneInputOneOutput', { inputs: model.inputs.length, outputs: model.outputs.length }),
      trainingText('oneInputOneOutputFix'),
    )
  }
  if (id !== dataset.task) {
    return shapeError(
      trainingText('taskMismatch', { task: id, dataset: dataset.id, datasetTask: dataset.task }),
      trainingText('taskMismatchFix', { task: id, datasetTask: dataset.task }),
    )
  }
  const declared = model.inputs[0].shape.slice(1) as (number | null)[]
  if (declared.some((d) => d === null)) {
    if (declared.length !== dataset.inputShape.length) {
      return shapeError(
        trainingText('inputRank', { declared: shapeText(declared), data: shapeText(dataset.inputShape) }),
        trainingText('inputRankFix'),
      )
    }
  } else {
    const size = (declared as number[]).reduce((a, b) => a * b, 1)
    if (size !== featureSize(dataset)) {
      return shapeError(
        trainingText('inputSize', {
          declared: shapeText(declared),
          size,
          dataset: dataset.id,
          data: shapeText(dataset.inputShape),
          dataSize: featureSize(dataset),
        }),
        trainingText('setInputTo', { data: shapeText(dataset.inputShape) }),
      )
    }
  }
  const units = outputUnits(model)
  const outShape = model.outputs[0].shape.slice(1) as number[]
  const classification = id === 'classification'
  if (classification) {
    const classes = dataset.classNames?.length ?? 0
    if (!(units === classes || (units === 1 && classes === 2))) {
      return shapeError(
        trainingText('classCount', { units, classes }),
        trainingText(classes === 2 ? 'classCountFixBinary' : 'classCountFix', { classes }),
      )
    }
  } else if (outShape.reduce((a, b) => a * b, 1) !== targetSize(dataset)) {
    return shapeError(
      trainingText('targetShape', { output: shapeText(outShape), target: shapeText(dataset.targetShape) }),
      trainingText('targetShapeFix', { size: targetSize(dataset) }),
    )
  }
  const inputShape = declared.map((d, i) => d ?? dataset.inputShape[i])
  const lossFn = createLoss(tf, config.loss, id, units)
  const optimizers = optimizerSet(tf, config, 1)
  const optimizer = optimizers.list[0]
  const variables = trainableVariables(model)
  const batchSize = inferenceBatch(options)
  const scoring = { tf, model, dataset, loss: config.loss, batchSize, inputShape }

  const task: TrainingTask = {
    id,
    root: model,
    models: { model },
    metricNames: classification ? ['accuracy'] : [],
    hasAccuracy: classification,
    sampleEvery: null,
    setLearningRate: optimizers.setRate,
    trainStep(indices) {
      const metrics: tfjs.Scalar[] = []
      const loss = tf.tidy(() => {
        const { x, y, size } = makeBatch(tf, dataset, indices, 0, indices.length, inputShape)
        const cost = optimizer.minimize(
          () => {
            const pred = model.apply(x, { training: true }) as tfjs.Tensor
            const total = withRegularizers(tf, lossFn(y, pred) as tfjs.Scalar, model)
            // Kept: survives this tidy (and the gradient scope); the caller disposes it.
            if (classification) metrics.push(tf.keep(tf.div(correctCount(tf, y, pred, units), size)))
            return total as tfjs.Scalar
          },
          true,
          variables,
        )
        return cost as tfjs.Scalar
      })
      return { loss, metrics, size: indices.length }
    },
    validate: (indices) => scoreSplit({ ...scoring, indices }),
    async evaluate(indices) {
      const evaluation = await evaluateModel({ ...scoring, indices })
      return { evaluation, summary: summarize(evaluation) }
    },
    samples: async () => [],
    dispose: optimizers.dispose,
  }
  return { ok: true, task }
}
