import { SCHEMA_VERSION } from './types'

/**
 * Upgrades a raw document object from an older schema version, one step at a time. Each entry
 * takes version N and returns version N+1. Version 1 is the first, so the chain is empty; the
 * mechanism is here so that the first format change is one function, not a redesign.
 */
const MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {}

export type MigrateResult = { ok: true; doc: Record<string, unknown> } | { ok: false; message: string }

export function migrate(raw: Record<string, unknown>): MigrateResult {
  let doc = raw
  let version = doc.schemaVersion
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, message: `schemaVersion: expected a whole number ≥ 1, got ${JSON.stringify(version)}` }
  }
  if (version > SCHEMA_VERSION) {
    return {
      ok: false,
      message: `schemaVersion: this file was written by a newer LayerCanvas (format ${version}; this version reads up to ${SCHEMA_VERSION}). Update LayerCanvas to open it.`,
    }
  }
  while (version < SCHEMA_VERSION) {
    const step = MIGRATIONS[version]
    if (!step) return { ok: false, message: `schemaVersion: no migration from version ${version}` }
    doc = { ...step(doc), schemaVersion: version + 1 }
    version += 1
  }
  return { ok: true, doc }
}
