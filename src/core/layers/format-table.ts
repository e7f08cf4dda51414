import type { KindId } from './registry'

/**
 * A format's explicit decision to have no entry for a kind, with the reason. Every per-format
 * table (ONNX converters, .keras layers, Keras import, …) is a `KindTable`: adding a kind to the
 * registry does not compile until each table has either its entry or `unsupported('because …')`.
 */
export interface NoEntry {
  readonly unsupported: string
}

export const unsupported = (because: string): NoEntry => ({ unsupported: because })

export const isNoEntry = (value: unknown): value is NoEntry =>
  typeof value === 'object' && value !== null && 'unsupported' in value && typeof value.unsupported === 'string'

/** One entry per layer kind: the format's converter (or whatever it keeps per kind), or why it has none. */
export type KindTable<T> = Readonly<Record<KindId, T | NoEntry>>

/** The table's entry for a kind id read from a document (any string): undefined for unknown ids and for NoEntry. */
export function entryFor<T>(table: KindTable<T>, id: string): T | undefined {
  if (!Object.hasOwn(table, id)) return undefined
  const entry = (table as Readonly<Record<string, T | NoEntry>>)[id]
  return isNoEntry(entry) ? undefined : entry
}
