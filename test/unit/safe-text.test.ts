import { describe, expect, it } from 'vitest'
import { localize } from '../../src/core/data/errors'
import { parseProject } from '../../src/core/document/parse'
import { capText, escapeControls, MAX_VALUE_CHARS, quote, safeValue } from '../../src/core/i18n/safe-text'
import { fill } from '../../src/core/i18n/text'
import { checkWeightPath, weightPathMessage } from '../../src/core/import/weight-paths'
import { terminalText } from '../../src/cli/terminal'
import { oneLine } from '../../src/cli/command'

describe('safe text for messages', () => {
  it('escapes C0, DEL, C1, line separators and bidi overrides; keeps ordinary text, CJK and emoji', () => {
    expect(escapeControls('a\u001b[31mb\u0007\u009b\u007f\u202e\u2066\u2028')).toBe(
      'a\\u001b[31mb\\u0007\\u009b\\u007f\\u202e\\u2066\\u2028',
    )
    expect(escapeControls('tab\there\nline\rcr')).toBe('tab\\there\\nline\\rcr')
    expect(escapeControls('卷积层 ✓ 🙂 café')).toBe('卷积层 ✓ 🙂 café')
    expect(escapeControls('a\nb\tc', ['\n', '\t'])).toBe('a\nb\tc')
  })

  it('caps long values without splitting a surrogate pair', () => {
    expect(capText('abcdef', 4)).toBe('abc…')
    expect(capText('ab🙂cd', 4)).toBe('ab…')
    expect(capText('short', 10)).toBe('short')
    const huge = safeValue(`\u001b${'x'.repeat(10_000_000)}`)
    expect(huge.length).toBeLessThan(MAX_VALUE_CHARS + 10)
    expect(huge.startsWith('\\u001bx')).toBe(true)
  })

  it('quote() is JSON-like for strings, but capped and escaped', () => {
    expect(quote('plain')).toBe('"plain"')
    expect(quote('say "hi"')).toBe('"say \\"hi\\""')
    expect(quote(42)).toBe('42')
    expect(quote(undefined)).toBe('undefined')
    expect(quote('x'.repeat(1000)).length).toBeLessThan(MAX_VALUE_CHARS + 3)
  })

  it('fill() makes every value safe, in both languages (catalogue messages)', () => {
    expect(fill('got {x}', { x: '\u001b[2J' })).toBe('got \\u001b[2J')
    const message = localize('csvUnknownTarget', { target: 'y', columns: `\u001b]0;t\u0007${'c,'.repeat(1_000_000)}` })
    for (const text of [message.en, message['zh-CN']]) {
      expect(text.length).toBeLessThan(400)
      expect(text).not.toContain('\u001b')
    }
  })

  it("the parser's path-precise errors and warnings are capped and escaped", () => {
    const format = `\u001b[31m${'f'.repeat(5_000_000)}`
    const result = parseProject({ format })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.message.length).toBeLessThan(2100)
      expect(result.error.message).not.toContain('\u001b')
    }
    const key = `w\u001b[2J${'k'.repeat(10_000)}`
    const warned = parseProject({
      format: 'layercanvas',
      schemaVersion: 1,
      nodes: [{ id: 'a', kind: 'input', position: { x: 0, y: 0 }, params: { [key]: 1 } }],
      edges: [],
    })
    expect(warned.ok).toBe(true)
    if (warned.ok) {
      expect(warned.warnings[0]).not.toContain('\u001b')
      expect(warned.warnings[0].length).toBeLessThan(2100)
    }
  })

  it("the CLI's output keeps line breaks, tabs and the progress bar's redraw, and escapes everything else", () => {
    expect(terminalText('ok\tline\n')).toBe('ok\tline\n')
    expect(terminalText('\r\u001b[2K[====] epoch 1')).toBe('\r\u001b[2K[====] epoch 1')
    expect(terminalText('name \r\u001b[2Kfake')).toBe('name \\r\\u001b[2Kfake')
    // Inside JSON, the escape is the JSON escape of the same character: still valid, still equal.
    const json = JSON.stringify({ id: 'a\u009bb\u202e' })
    expect(JSON.parse(terminalText(json))).toEqual({ id: 'a\u009bb\u202e' })
    expect(oneLine('one\ntwo\u001b')).toBe('one two\\u001b')
  })
})

describe('weight file paths (one rule for the app and the CLI)', () => {
  it('accepts relative, URL-encoded paths in the folder or below it', () => {
    expect(checkWeightPath('group1-shard1of1.bin')).toEqual({ ok: true, path: 'group1-shard1of1.bin' })
    expect(checkWeightPath('shards/w%201.bin')).toEqual({ ok: true, path: 'shards/w 1.bin' })
    expect(checkWeightPath('./a..b.bin')).toEqual({ ok: true, path: './a..b.bin' })
  })

  it('refuses URLs, absolute paths, .. steps (also encoded), control characters and malformed escapes', () => {
    const cases: [unknown, string][] = [
      ['https://x/w.bin', 'url'],
      ['data:application/octet-stream;base64,AAAA', 'url'],
      ['file:///etc/passwd', 'url'],
      ['/etc/shadow', 'absolute'],
      ['%2Fetc%2Fshadow', 'absolute'],
      ['C:\\Windows\\win.ini', 'absolute'],
      ['\\\\server\\share\\w.bin', 'absolute'],
      ['../../../../etc/passwd', 'parentFolder'],
      ['a/%2e%2e/%2e%2e/b.bin', 'parentFolder'],
      ['a\\..\\..\\b.bin', 'parentFolder'],
      ['w%00.bin', 'controlCharacter'],
      ['w%E0%A4%A.bin', 'malformedEscape'],
      ['%', 'malformedEscape'],
      ['', 'notText'],
      [42, 'notText'],
      ['x'.repeat(5000), 'notText'],
    ]
    for (const [entry, problem] of cases) expect(checkWeightPath(entry), String(entry)).toEqual({ ok: false, problem })
  })

  it('says why in English and Chinese, quoting the entry safely', () => {
    expect(weightPathMessage('malformedEscape', 'w%E0.bin', 'en')).toMatch(
      /^the weight file path "w%E0\.bin" has a malformed % escape/,
    )
    expect(weightPathMessage('parentFolder', '../x', 'zh-CN')).toMatch(/位于模型所在文件夹之外/)
    expect(weightPathMessage('url', 'a\u001b', 'en')).not.toContain('\u001b')
  })
})
