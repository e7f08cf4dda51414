import { compileModel } from '../../../core/compile/compile'
import type { Tf } from '../../../core/layers/kind'
import {
  expectedWeights,
  loadTrainedWeights,
  type LoadTrainedResult,
} from '../../../core/training/load-trained-weights'
import type { LoadTrainedMessage } from './protocol'

/**
 * File → Load Trained Weights, the worker's part: the document's layers are compiled (only the
 * worker has tfjs) to learn every weight's shape, and the files are checked against them.
 */
export function checkTrainedWeights(tf: Tf, message: LoadTrainedMessage): LoadTrainedResult {
  const compiled = compileModel(tf, message.document)
  if (!compiled.ok) {
    return {
      ok: false,
      problems: [
        { en: `The model cannot be built: ${compiled.message}`, 'zh-CN': `无法构建模型：${compiled.message}` },
      ],
    }
  }
  try {
    return loadTrainedWeights(
      message.document,
      expectedWeights(compiled.model, compiled.layerNames),
      message.manifest,
      message.bin,
    )
  } finally {
    compiled.model.dispose()
  }
}
