import { capText, escapeControls } from '../core/i18n/safe-text'
import type { CliIO } from './command'

/**
 * The last stop before the terminal. Whatever a command writes — tables, JSON, messages that
 * quote the user's ids, names, paths or CSV cells — reaches stdout and stderr only through
 * here, so no file can send the terminal an escape sequence, a carriage return that hides
 * the line it is on, or a bidirectional override. Line breaks and tabs stay. Inside JSON
 * output the escapes (`\u009b`) are JSON escapes of the same characters, so JSON stays valid
 * and equal. stderr lines are also capped: a message about a 10 MB value stays short.
 */

/** The progress bar's redraw (back to column 0, clear the line): allowed only where a write starts. */
const REDRAW = '\r\x1b[2K'
/** The longest stderr line; only a runaway message comes near it. */
export const MAX_ERROR_LINE_CHARS = 4000

/** Text for the terminal: control characters other than line breaks and tabs as escapes. */
export function terminalText(text: string): string {
  const redraw = text.startsWith(REDRAW)
  const safe = escapeControls(redraw ? text.slice(REDRAW.length) : text, ['\n', '\t'])
  return redraw ? REDRAW + safe : safe
}

function capLines(text: string, max: number): string {
  if (text.length <= max) return text
  return text
    .split('\n')
    .map((line) => capText(line, max))
    .join('\n')
}

/** `io` with every write made terminal-safe (see above). */
export function terminalIO(io: CliIO): CliIO {
  return {
    cwd: io.cwd,
    out: (text) => io.out(terminalText(text)),
    err: (text) => io.err(terminalText(capLines(text, MAX_ERROR_LINE_CHARS))),
  }
}
