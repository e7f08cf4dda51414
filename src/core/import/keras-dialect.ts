import { isObject } from './tfjs-topology'

/**
 * Which library wrote a model file, as far as the meaning of its names depends on it. Keras 3
 * gave the name "hard_sigmoid" to relu6(x + 3) / 6; tfjs and Keras 2 mean clip(0.2·x + 0.5, 0, 1)
 * by it, and they default LSTM/GRU gates to it while Keras 3 defaults them to sigmoid.
 *
 * Keras 3 is recognised by what only it writes: a `module` beside the topology's class_name
 * (config.json inside .keras files) or a keras_version of 3 or above. Everything else (tfjs'
 * model.json with keras_version "tfjs-layers …", Keras 2's converter output, bare topologies)
 * reads as tfjs/Keras 2.
 */
export type KerasDialect = 'tfjs' | 'keras3'

function versionOf(json: Record<string, unknown>): unknown {
  if (json.keras_version !== undefined) return json.keras_version
  if (isObject(json.modelTopology)) return versionOf(json.modelTopology)
  return undefined
}

export function kerasDialect(modelJson: unknown, topology: Record<string, unknown>): KerasDialect {
  if (typeof topology.module === 'string') return 'keras3'
  const version = isObject(modelJson) ? versionOf(modelJson) : undefined
  const major = typeof version === 'string' ? /^(\d+)\./.exec(version) : null
  return major && Number(major[1]) >= 3 ? 'keras3' : 'tfjs'
}
