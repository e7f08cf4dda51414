import type { Tf } from '../layers/kind'

/**
 * Reproducible initial weights. tfjs draws initial weights from an unseeded source unless each
 * initializer carries a `seed`, so the same project started twice trained (and exported) from
 * different weights. The compiler seeds every weight here, in one place, instead of every layer
 * kind passing seeded initializers: that also covers weights tfjs creates inside wrappers (the
 * two cells of a Bidirectional RNN), recurrent kernels (orthogonal) and our custom layers.
 *
 * Each weight's seed is a stable hash of (project seed, node id, weight name, occurrence of that
 * name in the node), so adding or removing a node leaves every other node's weights unchanged,
 * and a Bidirectional layer's forward and backward `kernel` still differ.
 *
 * Only the values are seeded: the layers keep their configured initializers, so a saved
 * model.json is the same as before (no seeds written into it).
 */

/** What tfjs' Initializer offers that this module uses (the class itself is not exported as a type). */
interface InitializerLike {
  getConfig(): Record<string, unknown>
  apply(shape: number[], dtype?: string): unknown
}

type AddWeight = (
  this: object,
  name: string,
  shape: number[],
  dtype?: string,
  initializer?: InitializerLike,
  ...rest: unknown[]
) => unknown

/** cyrb53: a fast, well-mixed 53-bit string hash; stable across platforms and runs. */
export function stableHash(text: string): number {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 2654435761)
    h2 = Math.imul(h2 ^ c, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

/** The seed of one weight: same inputs, same seed, in every process. */
export function weightSeed(projectSeed: number, nodeId: string, weightName: string, occurrence: number): number {
  // JSON keeps the parts apart whatever characters an id contains.
  return stableHash(JSON.stringify([projectSeed, nodeId, weightName, occurrence]))
}

/**
 * The same initializer with a seed: tfjs' random initializers (random uniform / normal, truncated
 * normal, the variance-scaling family such as Glorot and He, orthogonal) all take `seed` in their
 * config and are rebuilt from it as tfjs deserialisation does; the others (zeros, ones,
 * constant, identity) are deterministic and returned as they are.
 */
function seeded(initializer: InitializerLike, seed: number): InitializerLike {
  const config = initializer.getConfig()
  if (!('seed' in config)) return initializer
  const Class = initializer.constructor as new (args: Record<string, unknown>) => InitializerLike
  return new Class({ ...config, seed })
}

export interface SeedingScope {
  /** Weights created from now on belong to this canvas node. */
  node(nodeId: string): void
  /** Puts tfjs back as it was; call in `finally`. */
  end(): void
}

/**
 * Seeds every weight that tfjs creates until `end()`. It wraps `Layer.prototype.addWeight`,
 * through which every layer (tfjs' own, RNN cells, our custom ones) creates its weights; the
 * compiler builds synchronously, so nothing else runs while the wrapper is in place.
 */
export function seedInitializers(tf: Tf, projectSeed: number): SeedingScope {
  const proto = tf.layers.Layer.prototype as unknown as { addWeight: AddWeight }
  const original = proto.addWeight
  let nodeId: string | null = null
  let counts = new Map<string, number>()
  proto.addWeight = function addSeededWeight(name, shape, dtype, initializer, ...rest) {
    if (nodeId === null) {
      // Every weight belongs to a node; one that does not would escape the seed silently.
      throw new Error(`weight "${name}" was created outside a canvas node while compiling`)
    }
    const occurrence = counts.get(name) ?? 0
    counts.set(name, occurrence + 1)
    const init =
      initializer === undefined ? undefined : seeded(initializer, weightSeed(projectSeed, nodeId, name, occurrence))
    return original.call(this, name, shape, dtype, init, ...rest)
  }
  return {
    node(id) {
      nodeId = id
      counts = new Map()
    },
    end() {
      proto.addWeight = original
    },
  }
}
