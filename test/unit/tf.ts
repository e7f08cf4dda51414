import * as tf from '@tensorflow/tfjs'
import type { Tf } from '../../src/core/layers/kind'

/** The tfjs namespace as the core expects it (hosts pass it in; core never imports tfjs). */
export const tfjs: Tf = tf
