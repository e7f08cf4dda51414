import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { encodeProjectFile, parseProjectFile } from '../../../core/document/project-file'
import { projectName } from '../../../core/i18n/names'
import { documentStore } from '../app/document-store'
import { loadDocument } from '../app/files'
import { loadNotices } from '../app/load-notices'
import { showBanner, showToast, uiStore } from '../app/ui-store'
import '../export/strings'
import { i18n } from '../i18n'
import type { DraftInfo, Platform } from '../platform/types'
import { draftDocument } from './draft-document'

/**
 * Autosave for crash recovery (VS Code hot-exit style). While the document has unsaved changes,
 * it is sent to the host a few seconds after the last edit: Electron writes it to the app's
 * data folder (src/main/drafts.ts), the browser to localStorage. When the document is clean
 * again (saved, or replaced by New/Open/a template/an import, or undone back to the saved
 * state) the draft is deleted. A draft still there at the next start is offered back.
 */

/** Quiet time after the last edit before the draft is written. */
export const AUTOSAVE_DELAY_MS = 2500

const newDraftId = (): string =>
  (crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`).replace(
    /[^A-Za-z0-9_-]/g,
    '',
  )

let platform: Platform | null = null
let draftId = newDraftId()
let timer: ReturnType<typeof setTimeout> | undefined
let written = false
/** Host calls run one after another, so a late save can never resurrect a discarded draft. */
let chain: Promise<void> = Promise.resolve()
const enqueue = (task: () => Promise<void>) => {
  chain = chain.then(task).catch((error: unknown) => console.warn('[autosave]', (error as Error)?.message ?? error))
}

const isDirty = () => {
  const { doc, savedDoc } = documentStore.getState()
  return doc !== savedDoc
}

/** Writes the draft now (if there are unsaved changes). */
export function flushDraft(): void {
  clearTimeout(timer)
  timer = undefined
  if (!platform || !isDirty()) return
  const host = platform
  const { doc } = documentStore.getState()
  const { fileName, filePath, language } = uiStore.getState()
  const title = projectName(doc, language) || fileName || i18n.t('project.untitled')
  const { document, weightsOmitted } = draftDocument(doc, host.draftsKeepWeights)
  const encoded = encodeProjectFile(document)
  if (!encoded.ok) {
    // Over the size policy: no draft (a later explicit save shows the reason in its banner).
    console.warn('[autosave]', encoded.error)
    return
  }
  const draft = {
    draftId,
    parts: encoded.parts,
    byteLength: encoded.byteLength,
    title,
    path: filePath ?? undefined,
    ...(weightsOmitted ? { weightsOmitted } : {}),
  }
  written = true
  enqueue(() => host.saveDraft(draft))
}

function discardDraft(): void {
  clearTimeout(timer)
  timer = undefined
  if (!platform || !written) return
  const host = platform
  const id = draftId
  written = false
  enqueue(() => host.discardDraft(id))
}

export function startAutosave(host: Platform): void {
  platform = host
  documentStore.subscribe((state, prev) => {
    if (state.doc === prev.doc && state.savedDoc === prev.savedDoc) return
    if (state.doc === state.savedDoc) {
      discardDraft()
      return
    }
    clearTimeout(timer)
    timer = setTimeout(flushDraft, AUTOSAVE_DELAY_MS)
  })
  // Leaving the page (browser reload or close): write what is pending at once.
  window.addEventListener('pagehide', () => {
    if (timer !== undefined) flushDraft()
  })
}

// ── The restore offer ──────────────────────────────────────────────────────────────────────

export interface RecoveryState {
  /** Drafts from earlier sessions still to be offered (newest first). */
  offers: DraftInfo[]
  busy: boolean
}

export const recoveryStore = createStore<RecoveryState>()(() => ({ offers: [], busy: false }))
export const useRecovery = <T>(selector: (state: RecoveryState) => T): T => useStore(recoveryStore, selector)

/** Asks the host for drafts left by an earlier session (after a crash) and queues the offer. */
export async function offerRestore(host: Platform): Promise<void> {
  try {
    const drafts = await host.listDrafts()
    recoveryStore.setState({ offers: drafts.filter((d) => d.draftId !== draftId) })
  } catch (error) {
    console.warn('[autosave] could not list drafts', (error as Error)?.message ?? error)
  }
}

const next = () => recoveryStore.setState((s) => ({ offers: s.offers.slice(1), busy: false }))

export async function restoreOffered(): Promise<void> {
  const offer = recoveryStore.getState().offers[0]
  if (!offer || !platform) return
  recoveryStore.setState({ busy: true })
  try {
    const draft = await platform.restoreDraft(offer.draftId)
    const parsed = parseProjectFile(draft.bytes, { repair: true })
    if (!parsed.ok) {
      showBanner({ kind: 'error', title: i18n.t('recovery.restoreFailed'), detail: parsed.error.message })
      next()
      return
    }
    const name = draft.path
      ? draft.path.slice(Math.max(draft.path.lastIndexOf('/'), draft.path.lastIndexOf('\\')) + 1)
      : null
    const notices = loadNotices(parsed, uiStore.getState().language)
    const loaded = await loadDocument(parsed.document, { name, path: draft.path }, notices)
    if (!loaded) {
      recoveryStore.setState({ busy: false })
      return
    }
    // The restored work is unsaved: keep autosaving it into the same draft.
    clearTimeout(timer)
    draftId = draft.draftId
    written = true
    documentStore.setState({ savedDoc: { ...parsed.document } })
    showToast(i18n.t('recovery.restored', { title: draft.title }))
    next()
  } catch (error) {
    showBanner({ kind: 'error', title: i18n.t('recovery.restoreFailed'), detail: (error as Error).message })
    next()
  }
}

export async function discardOffered(): Promise<void> {
  const offer = recoveryStore.getState().offers[0]
  if (!offer || !platform) return
  const host = platform
  enqueue(() => host.discardDraft(offer.draftId))
  next()
}

/** Closes the offer without deciding: the draft stays and is offered again next start. */
export function postponeOffers(): void {
  recoveryStore.setState({ offers: [], busy: false })
}
