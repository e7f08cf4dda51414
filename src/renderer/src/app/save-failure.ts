import { weightBytes } from '../../../core/document/project-file'
import { MAX_DOCUMENT_BYTES, MAX_WEIGHT_BYTES, megabytes } from '../../../core/document/size-policy'
import type { ProjectDocument } from '../../../core/document/types'

/**
 * Which limit of the size policy a refused encode passed, with the numbers for the message (the
 * core's own message is English only). Null when the reason is something else.
 */
export type SaveFailure =
  | { key: 'projectFile.tooManyWeights'; values: { mb: number; max: number } }
  | { key: 'projectFile.documentTooLarge'; values: { mb: number; max: number } }

export function saveFailure(doc: ProjectDocument, coreMessage: string): SaveFailure | null {
  const weights = weightBytes(doc)
  if (weights > MAX_WEIGHT_BYTES)
    return { key: 'projectFile.tooManyWeights', values: { mb: megabytes(weights), max: megabytes(MAX_WEIGHT_BYTES) } }
  const mb = /(\d+) MB/.exec(coreMessage)?.[1]
  if (mb) return { key: 'projectFile.documentTooLarge', values: { mb: Number(mb), max: megabytes(MAX_DOCUMENT_BYTES) } }
  return null
}
