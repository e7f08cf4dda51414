import { needsContainer, projectFileName } from '../../../core/document/project-file'
import type { ProjectDocument } from '../../../core/document/types'

/**
 * Where a save goes. A project with weights is a container (`.layercanvas`), one without is
 * JSON (`.layercanvas.json`). When the document changed form since its file was written (it was
 * trained, or its weights were cleared), the save goes to the sibling with the right extension
 * instead: a zip is never written into a .json file, and JSON never into a .layercanvas one.
 * Decided here, not in a host, so the desktop app and the browser build name files alike.
 */

export interface SaveTarget {
  name: string
  /** Null for a new document (the host asks where to save). */
  path: string | null
  /** The file the document came from, when the save goes to a sibling instead of it. */
  switchedFrom: string | null
}

/** A file name in the wrong form for this document: the one to use instead, else the name unchanged. */
export function nameForSave(name: string, doc: ProjectDocument): string {
  const container = needsContainer(doc)
  if (container && /\.json$/i.test(name)) return projectFileName(name, doc)
  if (!container && /\.layercanvas$/i.test(name)) return projectFileName(name, doc)
  return name
}

/** The name a new document is offered under (from its title). */
export function suggestedFileName(doc: ProjectDocument): string {
  const base = (doc.name || 'project').replace(/[\\/:*?"<>|]+/g, '-').trim() || 'project'
  return projectFileName(base, doc)
}

export function saveTarget(doc: ProjectDocument, file: { name: string | null; path: string | null }): SaveTarget {
  if (!file.name) return { name: suggestedFileName(doc), path: file.path, switchedFrom: null }
  const name = nameForSave(file.name, doc)
  if (name === file.name) return { name, path: file.path, switchedFrom: null }
  // Same folder, other extension (both separators: the path comes from Windows or POSIX).
  const path = file.path === null ? null : file.path.slice(0, file.path.length - file.name.length) + name
  const pathEndsWithName = file.path === null || file.path.endsWith(file.name)
  return { name, path: pathEndsWithName ? path : null, switchedFrom: file.name }
}
