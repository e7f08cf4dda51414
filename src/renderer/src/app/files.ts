import { parseProject, parseProjectText, serializeProject } from '../../../core/document/parse'
import { emptyDocument, type ProjectDocument } from '../../../core/document/types'
import { i18n } from '../i18n'
import { arrangeOpenedSoon } from './arrange'
import { documentStore, replaceDocument } from './document-store'
import { fitViewSoon } from './flow-bridge'
import { loadNotices } from './load-notices'
import { getPlatform } from './platform-ref'
import { askConfirm, select, showBanner, showToast, uiStore } from './ui-store'

/** Project file operations shared by the toolbar, shortcuts and native menus. */

const isDirty = (): boolean => {
  const { doc, savedDoc } = documentStore.getState()
  return doc !== savedDoc
}

/** Resolves true when there are no unsaved changes or the user agrees to drop them. */
export async function confirmDiscard(): Promise<boolean> {
  if (!isDirty()) return true
  return askConfirm({
    title: i18n.t('confirm.discardTitle'),
    message: i18n.t('confirm.discardMessage'),
    confirmLabel: i18n.t('confirm.discard'),
  })
}

function load(
  doc: ProjectDocument,
  file: { name: string | null; path: string | null },
  warnings: string[] = [],
  options: { arrange?: boolean } = {},
): void {
  replaceDocument(doc)
  select([])
  uiStore.setState({ fileName: file.name, filePath: file.path })
  showBanner(
    warnings.length > 0
      ? {
          kind: 'warning',
          title: i18n.t('banner.openedWithWarnings', { count: warnings.length }),
          detail: warnings.join('\n'),
        }
      : null,
  )
  // Templates are laid out on the canvas (their stored positions do not know the real node
  // sizes); the user's own files keep the positions they chose.
  if (options.arrange) arrangeOpenedSoon()
  else fitViewSoon()
}

/**
 * Replaces the canvas with a document made elsewhere (model import, restored draft) after the
 * unsaved-changes question. False when the user kept the current canvas.
 */
export async function loadDocument(
  doc: ProjectDocument,
  file: { name: string | null; path: string | null },
  warnings: string[] = [],
): Promise<boolean> {
  if (!(await confirmDiscard())) return false
  load(doc, file, warnings)
  return true
}

/** File → Open Recent (Electron): main reads only paths on its recent list. */
export async function openRecentProject(path: string): Promise<void> {
  let opened
  try {
    opened = await getPlatform().openRecentFile(path)
  } catch (error) {
    showBanner({ kind: 'error', title: i18n.t('banner.openFailed'), detail: (error as Error).message })
    return
  }
  // Repairing: an invalid value or an unknown layer never keeps the user from their work.
  const result = parseProjectText(opened.text, { repair: true })
  if (!result.ok) {
    showBanner({
      kind: 'error',
      title: i18n.t('banner.openInvalid', { name: opened.name }),
      detail: result.error.message,
    })
    return
  }
  if (!(await confirmDiscard())) return
  const notices = loadNotices(result, uiStore.getState().language)
  load(result.document, { name: opened.name, path: opened.path ?? null }, notices)
}

export async function newProject(): Promise<void> {
  if (!(await confirmDiscard())) return
  load(emptyDocument(i18n.t('project.untitled')), { name: null, path: null })
}

export async function openProject(): Promise<void> {
  let opened
  try {
    opened = await getPlatform().openProjectFile()
  } catch (error) {
    showBanner({ kind: 'error', title: i18n.t('banner.openFailed'), detail: (error as Error).message })
    return
  }
  if (!opened) return
  // Parse first: a bad file must never replace the user's canvas.
  // Repairing: an invalid value or an unknown layer never keeps the user from their work.
  const result = parseProjectText(opened.text, { repair: true })
  if (!result.ok) {
    showBanner({
      kind: 'error',
      title: i18n.t('banner.openInvalid', { name: opened.name }),
      detail: result.error.message,
    })
    return
  }
  if (!(await confirmDiscard())) return
  const notices = loadNotices(result, uiStore.getState().language)
  load(result.document, { name: opened.name, path: opened.path ?? null }, notices)
}

/** Loads a template (already-parsed JSON module). Returns false when it was not loaded. */
export async function openTemplate(json: unknown, id: string): Promise<boolean> {
  const result = parseProject(json)
  if (!result.ok) {
    showBanner({ kind: 'error', title: i18n.t('banner.templateInvalid', { id }), detail: result.error.message })
    return false
  }
  if (!(await confirmDiscard())) return false
  load(result.document, { name: null, path: null }, result.warnings, { arrange: true })
  return true
}

function suggestedName(doc: ProjectDocument): string {
  const base = (doc.name || 'project').replace(/[\\/:*?"<>|]+/g, '-').trim() || 'project'
  return `${base}.layercanvas.json`
}

export async function saveProject(saveAs: boolean): Promise<boolean> {
  const { doc } = documentStore.getState()
  const { filePath, fileName } = uiStore.getState()
  try {
    const saved = await getPlatform().saveProjectFile({
      text: serializeProject(doc),
      path: filePath ?? undefined,
      suggestedName: fileName ?? suggestedName(doc),
      saveAs,
    })
    if (!saved) return false
    // Mark the document that was written, even if the user kept editing during the save.
    documentStore.setState({ savedDoc: doc })
    uiStore.setState({ fileName: saved.name, filePath: saved.path ?? null })
    showToast(i18n.t('toast.saved', { name: saved.name }))
    return true
  } catch (error) {
    showBanner({ kind: 'error', title: i18n.t('banner.saveFailed'), detail: (error as Error).message })
    return false
  }
}
