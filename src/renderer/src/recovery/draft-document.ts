import { needsContainer } from '../../../core/document/project-file'
import type { ProjectDocument } from '../../../core/document/types'

/**
 * The document an autosave draft holds. Hosts whose drafts cannot hold weights (the browser:
 * localStorage keeps a few megabytes of text) get it with the weights stripped BEFORE encoding —
 * the trained weights and the weights kept with runs (their metrics stay) — so the draft is plain
 * JSON and the restore offer says the weights are not in it.
 */
export function draftDocument(
  doc: ProjectDocument,
  keepWeights: boolean,
): { document: ProjectDocument; weightsOmitted: boolean } {
  if (keepWeights || !needsContainer(doc)) return { document: doc, weightsOmitted: false }
  const { trained: _trained, ...rest } = doc
  const runs = doc.runs?.map(({ weights: _weights, ...run }) => run)
  return { document: { ...rest, ...(runs ? { runs } : {}) } as ProjectDocument, weightsOmitted: true }
}
