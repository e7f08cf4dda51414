import { resolve } from 'node:path'
import { parseProjectText, type ParseError, type ParseOptions, type ParseRepair } from '../core/document/parse'
import type { ProjectDocument } from '../core/document/types'
import { oneLine } from './command'
import { fsErrorReason, MAX_PROJECT_FILE_BYTES, readRegularText } from './read-file'

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
 * Reads and parses a project file for any command. `file` is shown as the user typed it;
 * it is resolved against `cwd`. Never throws: every problem becomes one line.
 */
export async function loadProject(file: string, cwd: string, options: ParseOptions = {}): Promise<LoadResult> {
  const fullPath = resolve(cwd, file)
  const cannotRead = (what: string): LoadResult => {
    const message = `cannot read ${file}: ${what}`
    return { ok: false, error: { path: '', message }, line: message }
  }
  let text: string
  try {
    text = await readRegularText(fullPath, MAX_PROJECT_FILE_BYTES, 'projects')
  } catch (error) {
    return cannotRead(fsErrorReason(error))
  }
  const parsed = parseProjectText(text, options)
  if (!parsed.ok) {
    const error = { path: parsed.error.path, message: oneLine(parsed.error.message) }
    return { ok: false, error, line: `${file}: ${error.message}` }
  }
  return parsed
}
