import * as tf from '@tensorflow/tfjs'

// Unit tests run tfjs on its pure-JS CPU backend: deterministic and available everywhere.
await tf.setBackend('cpu')
await tf.ready()
