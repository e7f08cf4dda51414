import type { ParseRepair } from '../../../core/document/parse'
import { pick, type Lang } from '../../../core/i18n/text'

/**
 * What the "opened with notes" banner lists after a repairing load: each repair in the UI's
 * language first (they changed the canvas), then the parser's plain warnings.
 */
export function loadNotices(result: { warnings: string[]; repairs: ParseRepair[] }, lang: Lang): string[] {
  return [...result.repairs.map((repair) => pick(repair.message, lang)), ...result.warnings]
}
