import { readFile, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseProjectText, type ParseError } from '../core/document/parse'
import type { ProjectDocument } from '../core/document/types'
import { oneLine } from './command'

export type LoadResult =
  | { ok: true; document: ProjectDocument; warnings: string[] }
  | {
      ok: false
      /** `path` is the place inside the document ('' for the whole file or a read error). */
      error: ParseError
      /** The one stderr line, without the `layercanvas: ` prefix. */
      line: string
    }

/** Larger than any project the parser accepts (20,000 layers); stops a wrong file from being slurped. */
const MAX_BYTES = 256 * 1024 * 1024

function readProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file'
    case 'EISDIR':
      return 'is a directory'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'ELOOP':
      return 'too many symbolic links'
    default:
      return oneLine(code ? `${code}: ${(error as Error).message}` : String((error as Error)?.message ?? error))
  }
}

/**
 * Reads and parses a project file for any command. `file` is shown as the user typed it;
 * it is resolved against `cwd`. Never throws: every problem becomes one line.
 */
export async function loadProject(file: string, cwd: string): Promise<LoadResult> {
  const fullPath = resolve(cwd, file)
  const cannotRead = (what: string): LoadResult => {
    const message = `cannot read ${file}: ${what}`
    return { ok: false, error: { path: '', message }, line: message }
  }
  let text: string
  try {
    const info = await stat(fullPath)
    if (info.isDirectory()) return cannotRead('is a directory')
    if (info.size > MAX_BYTES) return cannotRead(`too large (${Math.round(info.size / 1024 / 1024)} MB)`)
    text = await readFile(fullPath, 'utf8')
  } catch (error) {
    return cannotRead(readProblem(error))
  }
  // Editors on Windows like to start UTF-8 files with a byte-order mark; JSON.parse does not.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const parsed = parseProjectText(text)
  if (!parsed.ok) {
    const error = { path: parsed.error.path, message: oneLine(parsed.error.message) }
    return { ok: false, error, line: `${file}: ${error.message}` }
  }
  return parsed
}
