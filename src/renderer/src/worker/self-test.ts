import * as tf from '@tensorflow/tfjs'
import { compileModel } from '../../../core/compile/compile'
import type { ProjectDocument } from '../../../core/document/types'
import type { SelfTest } from './backend'

/**
 * WebGPU's self-test: builds the project's model, trains one step (SGD on the mean square of
 * its outputs) on one tiny random batch of the model's input shapes and checks the loss is
 * finite. A graph that does not compile is not the backend's fault: the run reports it later.
 */
export function modelSelfTest(document: ProjectDocument | null): SelfTest {
  return async () => {
    if (!document) return
    const compiled = compileModel(tf, document)
    if (!compiled.ok) return
    const model = compiled.model
    const optimizer = tf.train.sgd(1e-3)
    const xs = model.inputs.map((input) => {
      const shape = input.shape.map((d, i) => (i === 0 ? 2 : (d ?? 4)))
      return input.dtype === 'int32' ? tf.zeros(shape, 'int32') : tf.randomUniform(shape)
    })
    try {
      const objective = () =>
        tf.tidy(() => {
          const out = model.apply(xs, { training: true }) as tf.Tensor | tf.Tensor[]
          const outs = Array.isArray(out) ? out : [out]
          return tf.addN(outs.map((o) => tf.mean(tf.square(o.toFloat())))) as tf.Scalar
        })
      const variables = model.trainableWeights.map((w) => w.read() as tf.Variable)
      const loss = variables.length > 0 ? optimizer.minimize(objective, true, variables) : objective()
      if (!loss) throw new Error('the test step gave no loss')
      const value = (await loss.data())[0]
      loss.dispose()
      if (!Number.isFinite(value)) throw new Error(`the test step's loss is ${value}`)
    } finally {
      tf.dispose(xs)
      optimizer.dispose()
      model.dispose()
    }
  }
}
