import { resolve } from 'node:path'
import { CONTAINER_EXTENSION, encodeProjectFile, JSON_EXTENSION } from '../core/document/project-file'
import type { ProjectDocument } from '../core/document/types'
import { writeProjectFile } from './write-files'

export type SaveResult =
  | {
      ok: true
      /** The path written, as `requested` was given (relative stays relative). */
      path: string
      /** True when the extension was changed to fit the document's form. */
      renamed: boolean
      container: boolean
      byteLength: number
    }
  | { ok: false; error: string }

/** `x` of x.layercanvas, x.layercanvas.json and x.json (as core's projectFileName strips them). */
const stemOf = (name: string): string => name.replace(/\.layercanvas(\.json)?$/i, '').replace(/\.json$/i, '')

/**
 * The name to write under: a `.json` name for a container, or a `.layercanvas` name for plain
 * JSON, gets the extension of its form (projectFileName); any other name is kept as given.
 */
export function fittingName(requested: string, container: boolean): string {
  const saysJson = /\.json$/i.test(requested)
  const saysContainer = /\.layercanvas$/i.test(requested)
  if ((container && saysJson) || (!container && saysContainer))
    return stemOf(requested) + (container ? CONTAINER_EXTENSION : JSON_EXTENSION)
  return requested
}

/**
 * THE way the command line writes a project file (import, load-weights, train, sweep). The
 * document is encoded by the project format (core/document/project-file.ts): plain JSON without
 * weights, a `.layercanvas` container with them. Its parts are streamed to a temp file in the
 * target's folder and renamed over the target (src/node/atomic-write.ts, as the app saves):
 * the replaced file's permissions are kept and, with `keepBackup`, its content as `<file>.bak`.
 * Missing parent folders are created.
 *
 * A name whose extension does not fit the form (`--out x.json` for a document with weights) is
 * written under the right one (`x.layercanvas`): a container named .json would look like text
 * to every other tool. Other names are written as given; every reader sniffs the form. Never throws for a document over the size policy: that is
 * `{ ok: false, error }`, a sentence for the user; file-system errors are thrown.
 */
export async function saveProjectDocument(
  requested: string,
  doc: ProjectDocument,
  cwd: string,
  options: { keepBackup?: boolean } = {},
): Promise<SaveResult> {
  const encoded = encodeProjectFile(doc)
  if (!encoded.ok) return { ok: false, error: encoded.error }
  const path = fittingName(requested, encoded.container)
  await writeProjectFile(resolve(cwd, path), encoded.parts, options)
  return {
    ok: true,
    path,
    renamed: path !== requested,
    container: encoded.container,
    byteLength: encoded.byteLength,
  }
}

/** The stdout sentence for a name that was corrected, or ''. */
export function renamedNote(requested: string, saved: { path: string; renamed: boolean; container: boolean }): string {
  if (!saved.renamed) return ''
  const why = saved.container
    ? 'a project with weights is saved as a .layercanvas container (project.json + weights.bin)'
    : 'a project without weights is saved as plain JSON (.layercanvas.json)'
  return `Wrote ${saved.path} instead of ${requested}: ${why}\n`
}
