import type { Tf } from '../../core/layers/kind'
import { installFastCpuKernels } from '../../core/training/cpu-kernels'
import { installWasmTrainingKernels } from '../../core/training/wasm-kernels'

/** What the command line may train on: tfjs-node when installed, else WebAssembly, else pure JS. */
export const CLI_BACKENDS = ['auto', 'wasm', 'cpu'] as const
export type CliBackend = (typeof CLI_BACKENDS)[number]

export interface LoadedTf {
  tf: Tf
  /** 'tensorflow' with @tensorflow/tfjs-node, 'wasm' (WebAssembly), or 'cpu' (pure JavaScript). */
  backend: string
  /** Why a faster backend was not used ('' when it was); shown once by the commands that train. */
  note: string
}

/** The backend asked for with --backend, else LAYERCANVAS_BACKEND, else auto. */
export function backendChoice(flag: string | undefined, env = process.env.LAYERCANVAS_BACKEND): CliBackend | string {
  return flag ?? (env && env.length > 0 ? env : 'auto')
}

export function isCliBackend(value: string): value is CliBackend {
  return (CLI_BACKENDS as readonly string[]).includes(value)
}

async function nativeTf(): Promise<Tf | null> {
  // A variable specifier: tfjs-node is optional and not a dependency of this package.
  const nodeBackend = '@tensorflow/tfjs-node'
  try {
    const mod = (await import(nodeBackend)) as Tf & { default?: Tf }
    const tf = (mod.default ?? mod) as Tf
    tf.enableProdMode()
    await tf.ready()
    return tf
  } catch {
    return null // not installed, or its native library does not load on this machine
  }
}

/**
 * tfjs for the command line. 'auto': the native @tensorflow/tfjs-node when the user installed it
 * (many times faster), else tfjs' WebAssembly backend (XNNPACK, SIMD; our training kernels make
 * it complete, see core/training/wasm-kernels.ts), else the pure-JS CPU backend. 'wasm' and
 * 'cpu' skip tfjs-node. For converting, 'auto' does not try WebAssembly. Production mode silences tfjs' "install the node backend" banner and its
 * other console chatter, which would otherwise mix into the output.
 */
export async function loadTf(choice: CliBackend = 'auto', purpose: 'train' | 'convert' = 'train'): Promise<LoadedTf> {
  if (choice === 'auto') {
    const native = await nativeTf()
    if (native) return { tf: native, backend: native.getBackend(), note: '' }
  }
  const tf = (await import('@tensorflow/tfjs')) as Tf
  tf.enableProdMode()
  let note = ''
  // Converting (export, load-weights) runs no maths worth speeding up and may hold a model of
  // hundreds of MB, which the pure-JS backend keeps outside WebAssembly's 4 GB address space.
  if (choice === 'wasm' || (choice === 'auto' && purpose === 'train')) {
    try {
      await import('@tensorflow/tfjs-backend-wasm')
      installWasmTrainingKernels(tf)
      if (await tf.setBackend('wasm')) {
        await tf.ready()
        return { tf, backend: 'wasm', note }
      }
      note = 'the WebAssembly backend did not start'
    } catch (error) {
      note = `the WebAssembly backend did not load (${error instanceof Error ? error.message : String(error)})`
    }
  }
  await tf.setBackend('cpu')
  await tf.ready()
  // The pure-JS backend's conv weight-gradient kernel is very slow; swap in a direct one.
  installFastCpuKernels(tf)
  return { tf, backend: tf.getBackend(), note }
}
