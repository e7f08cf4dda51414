import type { CommandId } from '../../../shared/commands'
import { COMMANDS } from '../../../shared/commands'

/** Electron accelerator strings (`CmdOrCtrl+Shift+Z`) matched against keydown events. */
export const IS_MAC =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)

interface Chord {
  mod: boolean
  shift: boolean
  alt: boolean
  key: string
}

function parse(accelerator: string): Chord {
  const parts = accelerator.split('+')
  const key = parts.pop() as string
  const has = (name: string) => parts.includes(name)
  return {
    mod: has('CmdOrCtrl') || has('CommandOrControl'),
    shift: has('Shift'),
    alt: has('Alt') || has('Option'),
    key: key.toLowerCase(),
  }
}

const BINDINGS: { id: CommandId; chord: Chord }[] = [
  ...COMMANDS.filter((c) => c.accelerator).map((c) => ({ id: c.id, chord: parse(c.accelerator as string) })),
  // Conventional extras: Backspace deletes on macOS keyboards, Ctrl+Y redoes on Windows.
  { id: 'edit.delete', chord: parse('Backspace') },
  ...(IS_MAC ? [] : [{ id: 'edit.redo' as CommandId, chord: parse('CmdOrCtrl+Y') }]),
]

export function commandForEvent(event: KeyboardEvent): CommandId | null {
  const mod = IS_MAC ? event.metaKey : event.ctrlKey
  const other = IS_MAC ? event.ctrlKey : event.metaKey
  if (other) return null
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key.toLowerCase()
  for (const { id, chord } of BINDINGS) {
    if (chord.key === key && chord.mod === mod && chord.shift === event.shiftKey && chord.alt === event.altKey)
      return id
  }
  return null
}

/** `Ctrl+Shift+Z` / `⇧⌘Z`, for tooltips and menus. */
export function formatAccelerator(accelerator: string | undefined): string {
  if (!accelerator) return ''
  const { mod, shift, alt, key } = parse(accelerator)
  const names: Record<string, string> = { delete: IS_MAC ? '⌫' : 'Del', backspace: '⌫' }
  const keyText = names[key] ?? (key.length === 1 ? key.toUpperCase() : key[0].toUpperCase() + key.slice(1))
  if (IS_MAC) return `${alt ? '⌥' : ''}${shift ? '⇧' : ''}${mod ? '⌘' : ''}${keyText}`
  return [mod && 'Ctrl', shift && 'Shift', alt && 'Alt', keyText].filter(Boolean).join('+')
}
