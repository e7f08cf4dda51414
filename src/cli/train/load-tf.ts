import type { Tf } from '../../core/layers/kind'
import { installFastCpuKernels } from '../../core/training/cpu-kernels'

export interface LoadedTf {
  tf: Tf
  /** 'tensorflow' with @tensorflow/tfjs-node, else 'cpu'. */
  backend: string
}

/**
 * tfjs for the command line: the native @tensorflow/tfjs-node when the user installed it
 * (many times faster), else the pure-JS CPU backend of @tensorflow/tfjs. Production mode
 * silences tfjs' "install the node backend" banner and its other console chatter, which
 * would otherwise mix into the output.
 */
export async function loadTf(): Promise<LoadedTf> {
  // A variable specifier: tfjs-node is optional and not a dependency of this package.
  const nodeBackend = '@tensorflow/tfjs-node'
  try {
    const mod = (await import(nodeBackend)) as Tf & { default?: Tf }
    const tf = (mod.default ?? mod) as Tf
    tf.enableProdMode()
    await tf.ready()
    return { tf, backend: tf.getBackend() }
  } catch {
    // Not installed, or its native library does not load on this machine: use the JS backend.
  }
  const tf = (await import('@tensorflow/tfjs')) as Tf
  tf.enableProdMode()
  await tf.setBackend('cpu')
  await tf.ready()
  // The pure-JS backend's conv weight-gradient kernel is very slow; swap in a direct one.
  installFastCpuKernels(tf)
  return { tf, backend: tf.getBackend() }
}
