import type { AnyLayerKind } from '../layers/kind'
import type { LayerNode } from './types'

/**
 * Per-kind migrations, as tldraw does them per shape: the document's own version (migrate.ts)
 * covers the file's structure, and each layer kind upgrades its own params. A node records the
 * version of its kind's params it was written with (`kindVersion`, absent = 1); on load every
 * step from that version up to the kind's current one runs, oldest first.
 */

export type KindMigrationResult =
  | { ok: true; params: Record<string, unknown>; migrated: boolean }
  | { ok: false; reason: 'newer' | 'missingStep' | 'threw'; from: number; to: number }

export function currentKindVersion(kind: AnyLayerKind): number {
  return kind.version ?? 1
}

/** Runs the kind's migrations on a node's stored params. Never throws: a failing step is a result. */
export function migrateKindParams(node: LayerNode, kind: AnyLayerKind): KindMigrationResult {
  const target = currentKindVersion(kind)
  let version = node.kindVersion ?? 1
  if (version === target) return { ok: true, params: node.params, migrated: false }
  if (version > target) return { ok: false, reason: 'newer', from: version, to: target }
  let params = node.params
  while (version < target) {
    // Own properties only: a version number must never reach Object.prototype.
    const step = kind.migrations && Object.hasOwn(kind.migrations, version) ? kind.migrations[version] : undefined
    if (!step) return { ok: false, reason: 'missingStep', from: version, to: target }
    try {
      params = step({ ...params })
    } catch {
      return { ok: false, reason: 'threw', from: version, to: target }
    }
    version += 1
  }
  return { ok: true, params, migrated: true }
}

/**
 * The node as it should be written: nodes of kinds above version 1 carry the version they were
 * made with, so the next load knows which steps to run; kinds still at 1 write nothing, so every
 * file written before kinds had versions stays byte-identical.
 */
export function withKindVersion(node: LayerNode, kind: AnyLayerKind | undefined): LayerNode {
  if (!kind || node.kindVersion !== undefined) return node
  const version = currentKindVersion(kind)
  return version > 1 ? { ...node, kindVersion: version } : node
}
