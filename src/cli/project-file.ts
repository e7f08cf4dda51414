import { resolve } from 'node:path'
import type { ParseError, ParseOptions, ParseRepair } from '../core/document/parse'
import { parseProjectFile } from '../core/document/project-file'
import type { ProjectDocument } from '../core/document/types'
import { oneLine } from './command'
import { fsErrorReason, MAX_PROJECT_FILE_BYTES, readRegularFile } from './read-file'

export type LoadResult =
  | { ok: true; document: ProjectDocument; warnings: string[]; repairs: ParseRepair[] }
  | {
      ok: false
      /** `path` is the place inside the document ('' for the whole file or a read error). */
      error: ParseError
      /** The one stderr line, without the `layercanvas: ` prefix. */
      line: string
    }

/**
 * Reads and parses a project file for any command, in either form (plain JSON, or the
 * `.layercanvas` container with weights.bin; older files with base64 weights too): the bytes go
 * to the project format's own reader, never through one big string. `file` is shown as the user typed it;
 * it is resolved against `cwd`. Never throws: every problem becomes one line.
 */
export async function loadProject(file: string, cwd: string, options: ParseOptions = {}): Promise<LoadResult> {
  const fullPath = resolve(cwd, file)
  const cannotRead = (what: string): LoadResult => {
    const message = `cannot read ${file}: ${what}`
    return { ok: false, error: { path: '', message }, line: message }
  }
  let bytes: Uint8Array
  try {
    bytes = await readRegularFile(fullPath, MAX_PROJECT_FILE_BYTES, 'projects')
  } catch (error) {
    return cannotRead(fsErrorReason(error))
  }
  const parsed = parseProjectFile(bytes, options)
  if (!parsed.ok) {
    const error = { path: parsed.error.path, message: oneLine(parsed.error.message) }
    return { ok: false, error, line: `${file}: ${error.message}` }
  }
  return parsed
}
