import { copyNodes, pasteClipboard, type Clipboard } from '../../../core/graph/clipboard'
import { removeElements } from '../../../core/graph/edits'
import { i18n } from '../i18n'
import { commit, documentStore } from './document-store'
import { select, showToast, uiStore } from './ui-store'

/**
 * Copy and paste of layers. The JSON goes to the system clipboard (so it survives between
 * windows and can be pasted into another LayerCanvas) AND to an in-app copy used when the
 * system clipboard is unavailable. Whatever is pasted is validated by the core first.
 */
let inApp: Clipboard | null = null
/** Each paste of the same clipboard lands a little further down-right. */
let pasteCount = 0
const STEP = 32

function selectionClip(): Clipboard | null {
  const ids = uiStore.getState().selectedNodeIds
  if (ids.length === 0) return null
  return copyNodes(documentStore.getState().doc, ids)
}

/** Handles the DOM `copy`/`cut` event (Ctrl+C, or the native Edit menu's role). */
export function onCopyEvent(event: ClipboardEvent, cut: boolean): void {
  const clip = selectionClip()
  if (!clip) return
  event.preventDefault()
  event.clipboardData?.setData('text/plain', JSON.stringify(clip))
  remember(clip, cut)
}

/** Handles the DOM `paste` event; reads the pasted text without a permission prompt. */
export function onPasteEvent(event: ClipboardEvent): void {
  const text = event.clipboardData?.getData('text/plain') ?? ''
  if (pasteText(text)) event.preventDefault()
}

/** Toolbar/menu copy: the async clipboard API where allowed, the in-app copy always. */
export function copySelection(cut: boolean): void {
  const clip = selectionClip()
  if (!clip) return
  remember(clip, cut)
  void navigator.clipboard?.writeText(JSON.stringify(clip)).catch(() => undefined)
}

export async function pasteFromClipboard(): Promise<void> {
  let text = ''
  try {
    text = (await navigator.clipboard?.readText()) ?? ''
  } catch {
    // Permission denied or no focus: fall back to the in-app clipboard.
  }
  pasteText(text)
}

function remember(clip: Clipboard, cut: boolean): void {
  inApp = clip
  pasteCount = 0
  if (cut) {
    const { selectedNodeIds } = uiStore.getState()
    commit(removeElements(documentStore.getState().doc, { nodeIds: selectedNodeIds }))
    select([])
  } else {
    showToast(i18n.t('toast.copied', { count: clip.nodes.length }))
  }
}

/** Pastes text if it is a LayerCanvas clipboard, else the in-app clipboard. True if pasted. */
function pasteText(text: string): boolean {
  let clip: unknown = null
  try {
    clip = text.trim().startsWith('{') ? JSON.parse(text) : null
  } catch {
    clip = null
  }
  const doc = documentStore.getState().doc
  pasteCount++
  const offset = { x: STEP * pasteCount, y: STEP * pasteCount }
  const result =
    (clip !== null ? pasteClipboard(doc, clip, offset) : null) ?? (inApp ? pasteClipboard(doc, inApp, offset) : null)
  if (!result) {
    pasteCount--
    if (text.trim()) showToast(i18n.t('toast.nothingToPaste'), 'info')
    return false
  }
  commit(result.doc)
  select(result.nodeIds)
  return true
}
