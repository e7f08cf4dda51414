import type { LocalText } from '../i18n/text'

/**
 * Why an export failed, or what it had to approximate: on the node where the user should look,
 * or on the whole graph (`nodeId` null). The one problem type of every exporter.
 */
export interface ExportProblem {
  nodeId: string | null
  message: string
  /** The message in both languages (core/i18n/export-messages.ts). */
  text?: LocalText
}

/** Relative path → file content (text, or bytes for weights and models). */
export type ExportFiles = Record<string, string | Uint8Array>

/** What every exporter in EXPORTERS returns. */
export type ExportOutcome =
  { ok: true; files: ExportFiles; warnings: ExportProblem[] } | { ok: false; problems: ExportProblem[] }
