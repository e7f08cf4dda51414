import type { MessageValues } from '../i18n/text'
import type { FixSuggestion } from '../layers/kind'

/**
 * One problem found in a document. `code` names a message in the diagnostics catalogue (or
 * in the kind's own `messages`); `values` fill its placeholders. Errors make the graph
 * invalid (it will not compile); warnings do not.
 */
export interface Diagnostic {
  code: string
  severity: 'error' | 'warning'
  nodeId?: string
  edgeId?: string
  values: MessageValues
  fix?: FixSuggestion
}
