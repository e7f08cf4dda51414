import { onCopyEvent, onPasteEvent } from './clipboard'
import { commandForEvent } from './accelerators'
import { APP_COMMANDS, runCommand } from './commands'
import { select } from './ui-store'

/** True when keys belong to a text field (its own undo, copy, select-all, delete). */
export function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  const tag = target.tagName
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag !== 'INPUT') return false
  const type = (target as HTMLInputElement).type
  return !['checkbox', 'radio', 'button', 'submit', 'range', 'color', 'file'].includes(type)
}

/** Has an open modal dialog: shortcuts must not edit the graph behind it. */
const modalOpen = () => document.querySelector('[aria-modal="true"]') !== null

/**
 * Installs the app's shortcuts (from COMMANDS' accelerators) and clipboard handling.
 * Copy, cut and paste go through the DOM clipboard events rather than keydown, so the system
 * clipboard works without permission prompts and the native Edit menu's roles work too.
 */
export function installKeyboard(): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing) return
    const id = commandForEvent(event)
    if (!id) {
      if (event.key === 'Escape' && !isTextTarget(event.target) && !modalOpen()) select([])
      return
    }
    if (id === 'edit.copy' || id === 'edit.cut' || id === 'edit.paste') return
    const inText = isTextTarget(event.target)
    if ((inText || modalOpen()) && !APP_COMMANDS[id].global) return
    event.preventDefault()
    runCommand(id, 'keyboard')
  }
  const clipboardAllowed = (event: Event) =>
    !isTextTarget(event.target) && !isTextTarget(document.activeElement) && !modalOpen()
  const onCopy = (event: ClipboardEvent) => clipboardAllowed(event) && onCopyEvent(event, false)
  const onCut = (event: ClipboardEvent) => clipboardAllowed(event) && onCopyEvent(event, true)
  const onPaste = (event: ClipboardEvent) => clipboardAllowed(event) && onPasteEvent(event)

  window.addEventListener('keydown', onKeyDown)
  document.addEventListener('copy', onCopy)
  document.addEventListener('cut', onCut)
  document.addEventListener('paste', onPaste)
  return () => {
    window.removeEventListener('keydown', onKeyDown)
    document.removeEventListener('copy', onCopy)
    document.removeEventListener('cut', onCut)
    document.removeEventListener('paste', onPaste)
  }
}
