import type { ProjectDocument } from '../document/types'
import type { GraphAnalysis } from '../shapes/analyze'
import { NO_DATASET, defaultTrainingConfig, type TrainingConfig } from '../training/config'

/**
 * The training settings of an imported model. A model file says nothing about the data it was
 * trained on, so the dataset is left unchosen (training then asks for one) instead of MNIST,
 * whose 10 classes would be wrong for almost any real model. What the model itself shows is
 * used: the activation of its one output decides the task and a loss that fits it.
 *
 *  - softmax over N units  → classification, categorical cross-entropy (one class per sample)
 *  - sigmoid over N units  → classification, binary cross-entropy (each unit its own yes/no;
 *                            categorical cross-entropy assumes the units sum to 1, sigmoid's do not)
 *  - linear                → regression, mean squared error
 *  - anything else, or several outputs → the default task and loss
 * Input normalisation stays 'none': the model's own preprocessing, if any, is unknown.
 */
export function importedTrainingConfig(doc: ProjectDocument, analysis: GraphAnalysis): TrainingConfig {
  const config: TrainingConfig = { ...defaultTrainingConfig(), dataset: { id: NO_DATASET, options: {} } }
  if (analysis.outputs.length !== 1) return config
  const outputId = analysis.outputs[0]
  const activation = doc.nodes.find((n) => n.id === outputId)?.params.activation
  const shape = analysis.nodes[outputId]?.outputShape
  if (!shape) return config
  // Class probabilities come as one vector per sample; a softmax over pixels is not a classifier here.
  if ((activation === 'softmax' || activation === 'sigmoid') && shape.length === 1) {
    return {
      ...config,
      task: 'classification',
      loss: activation === 'softmax' ? 'categoricalCrossentropy' : 'binaryCrossentropy',
    }
  }
  if (activation === 'linear') return { ...config, task: 'regression', loss: 'meanSquaredError' }
  return config
}
