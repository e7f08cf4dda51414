/**
 * The one place user text (project names, layer names, ids) is escaped for the files the
 * exporters generate: one helper per target language. A project named `C:\Users\me` or
 * `say """hi"""` must still give Python that parses, Markdown that shows the name as written,
 * and JavaScript that runs. Generated code never pastes user text any other way.
 */

/** Control characters, DEL and lone UTF-16 surrogates (which no UTF-8 file can hold). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

const hex = (char: string, width: number) => char.charCodeAt(0).toString(16).padStart(width, '0')

/**
 * A Python string literal. JSON's escapes (`\\`, `\"`, `\n`, `\uXXXX` …) all mean the same in
 * Python, so a JSON string is a valid Python `str` literal with the same value.
 */
export function pyStr(value: string): string {
  return JSON.stringify(value)
}

/**
 * Text for inside a Python triple-quoted docstring (`"""…"""`): backslashes and quotes escaped
 * (so neither `\U` nor `"""` can end or break the literal), control characters and lone
 * surrogates as `\xNN` / `\uXXXX`. Python reads the same text back.
 */
export function pyDocText(value: string): string {
  return value
    .replace(/[\\"]/g, '\\$&')
    .replace(UNSAFE, (char) => (char.charCodeAt(0) < 0x100 ? `\\x${hex(char, 2)}` : `\\u${hex(char, 4)}`))
}

/** Any JSON value as a JavaScript literal (ES2019 made every JSON text a valid JS expression). */
export function jsValue(value: unknown): string {
  return JSON.stringify(value)
}

/**
 * One line of Markdown showing `value` as written: line breaks and other control characters
 * become spaces (a name must not start a new block), and the characters Markdown would read
 * as formatting, links, HTML or entities are backslash-escaped (CommonMark allows that for
 * every ASCII punctuation character).
 */
export function mdText(value: string): string {
  return value
    .replace(UNSAFE, (char) => (char.charCodeAt(0) < 0x80 ? ' ' : '\ufffd'))
    .replace(/[\\`*_[\]<>#|~&]/g, '\\$&')
}

/**
 * Text for HTML element content or a double-quoted attribute value: `& < > " '` become
 * entities, control characters spaces (lone surrogates U+FFFD), so a name can never open a tag,
 * end an attribute or start a script.
 */
export function htmlText(value: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
  return value
    .replace(UNSAFE, (char) => (char.charCodeAt(0) < 0x80 ? ' ' : '\ufffd'))
    .replace(/[&<>"']/g, (char) => entities[char])
}

/**
 * A JSON value as a JavaScript expression that is safe inside an HTML `<script>` element or a
 * .js file loaded by one: `<` is written `\u003c` (so neither `</script>` nor `<!--` can appear),
 * and U+2028/U+2029 escaped (line terminators in older JavaScript). Reads back as the same value.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}
