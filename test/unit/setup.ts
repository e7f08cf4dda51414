import * as tf from '@tensorflow/tfjs'
import { installFastCpuKernels } from '../../src/core/training/cpu-kernels'

// Unit tests run tfjs on its pure-JS CPU backend: deterministic and available everywhere.
await tf.setBackend('cpu')
await tf.ready()
// The same faster conv weight-gradient kernel the CLI and the worker's CPU fallback use.
installFastCpuKernels(tf)
