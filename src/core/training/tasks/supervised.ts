import type * as tfjs from '@tensorflow/tfjs'
import { featureSize, targetSize } from '../../data/dataset'
import type { LabelTask } from '../config'
import { makeBatch } from '../batches'
import { evaluateModel, outputUnits, scoreSplit, summarize } from '../evaluate'
import { correctCount, createLoss } from '../losses'
import { optimizerSet, shapeError, trainableVariables, inferenceBatch, type TaskOptions, type TaskResult, type TrainingTask, withRegularizers } from './task'

/**
 * Learning the dataset's labels with one model (one Input, one output): what the trainer did
 * before tasks existed, unchanged. classification.ts and regression.ts are this with their id.
 */
export function supervisedTask(id: LabelTask, options: TaskOptions): TaskResult {
  const { tf, model, dataset, config } = options
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    return shapeError(
      `This model has ${model.inputs.length} input(s) and ${model.outputs.length} output(s); training supports one of each.`,
      'Keep one Input layer and one output layer, or merge the branches before the output.',
    )
  }
  if (id !== dataset.task) {
    return shapeError(`The project trains for ${id}, but the dataset "${dataset.id}" is a ${dataset.task} dataset.`, `Pick a ${id} dataset or set the task to ${dataset.task}.`)
  }
  const declared = model.inputs[0].shape.slice(1) as (number | null)[]
  if (declared.some((d) => d === null)) {
    if (declared.length !== dataset.inputShape.length) {
      return shapeError(`The Input layer takes shape [${declared.join(', ')}], the data has [${dataset.inputShape.join(', ')}].`, 'Set the Input layer to the shape of the data.')
    }
  } else {
    const size = (declared as number[]).reduce((a, b) => a * b, 1)
    if (size !== featureSize(dataset)) {
      return shapeError(
        `The Input layer takes [${declared.join(', ')}] (${size} values), but each sample of "${dataset.id}" has shape [${dataset.inputShape.join(', ')}] (${featureSize(dataset)} values).`,
        `Set the Input layer to [${dataset.inputShape.join(', ')}].`,
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
        `The output layer has ${units} unit(s), but the dataset has ${classes} classes.`,
        `Give the last Dense layer ${classes} units (with softmax)${classes === 2 ? ', or 1 unit with sigmoid' : ''}.`,
      )
    }
  } else if (outShape.reduce((a, b) => a * b, 1) !== targetSize(dataset)) {
    return shapeError(
      `The output has shape [${outShape.join(', ')}], but each target has shape [${dataset.targetShape.join(', ')}].`,
      `Make the last layer output ${targetSize(dataset)} value(s) with a linear activation.`,
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
