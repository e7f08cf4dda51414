/**
 * Text from the user's files (layer names, ids, CSV cells, paths) ends up inside messages that
 * are printed to a terminal or shown in a dialog. A file must not be able to drive the terminal
 * (escape sequences, carriage returns that overwrite a line, bidirectional overrides that
 * reorder what is read) or turn one message into megabytes. Every quoted value is therefore
 * cut to a few hundred characters and its control characters are shown as escapes (`\u001b`).
 */

/** Longest value quoted in a message; longer ones end in `…`. */
export const MAX_VALUE_CHARS = 240
/** Longest whole message (path-precise parser errors, import errors). */
export const MAX_MESSAGE_CHARS = 2000

/** C0 and C1 controls, DEL, line/paragraph separators and the bidirectional formatting marks. */
function isControl(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x200e ||
    code === 0x200f ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  )
}

const SHORT: Record<number, string> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r' }

/**
 * Control characters as visible escapes (`\n`, `\u001b`, `\u202e`). `keep` lists characters
 * left as they are (the CLI keeps its own line breaks and tabs).
 */
export function escapeControls(text: string, keep: readonly string[] = []): string {
  let out = ''
  let from = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (!isControl(code) || keep.includes(text[i])) continue
    out += text.slice(from, i) + (SHORT[code] ?? `\\u${code.toString(16).padStart(4, '0')}`)
    from = i + 1
  }
  return from === 0 ? text : out + text.slice(from)
}

/** At most `max` UTF-16 units, never splitting a surrogate pair; cut text ends in `…`. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text
  let end = Math.max(0, max - 1)
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  return `${text.slice(0, end)}…`
}

/** A value for a message: capped first (a 10 MB cell costs nothing), then escaped. */
export function safeValue(text: string, max = MAX_VALUE_CHARS): string {
  return escapeControls(capText(text, max))
}

/** A whole one-line message (already built from safe values, or not): escaped and capped. */
export function safeMessage(text: string, max = MAX_MESSAGE_CHARS): string {
  return escapeControls(capText(text, max))
}

/** `"value"` for a message, like JSON.stringify for strings but capped and terminal-safe. */
export function quote(value: unknown): string {
  if (typeof value === 'string') return `"${safeValue(value).replace(/"/g, '\\"')}"`
  let json: string | undefined
  try {
    json = JSON.stringify(value)
  } catch {
    json = undefined
  }
  return safeValue(json ?? String(value))
}
