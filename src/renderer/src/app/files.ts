import { parseProject } from '../../../core/document/parse'
import { encodeProjectFile, needsContainer, parseProjectFile } from '../../../core/document/project-file'
import { emptyDocument, type ProjectDocument } from '../../../core/document/types'
import { i18n } from '../i18n'
import { arrangeOpenedSoon } from './arrange'
import { documentStore, replaceDocument } from './document-store'
import { fitViewSoon } from './flow-bridge'
import { loadNotices } from './load-notices'
import type { OpenedFile } from '../platform/types'
import { getPlatform } from './platform-ref'
import { encodeFailureText } from './project-file-strings'
import { saveTarget } from './save-target'
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
  await openParsed(opened)
}

/**
 * Parses a picked or recent file (either form: container or JSON, old base64 weights included)
 * and loads it. Parse first: a bad file must never replace the user's canvas. Repairing: an
 * invalid value or an unknown layer never keeps the user from their work.
 */
async function openParsed(opened: OpenedFile): Promise<void> {
  const result = parseProjectFile(opened.bytes, { repair: true })
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
  await openParsed(opened)
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

export async function saveProject(saveAs: boolean): Promise<boolean> {
  const { doc } = documentStore.getState()
  const { filePath, fileName } = uiStore.getState()
  // Encoded before anything is written: over the size policy, the banner says why and the
  // document, its file and the dirty state stay as they were.
  const encoded = encodeProjectFile(doc)
  if (!encoded.ok) {
    showBanner({ kind: 'error', title: i18n.t('banner.saveFailed'), detail: encodeFailureText(doc, encoded.error) })
    return false
  }
  const target = saveTarget(doc, { name: fileName, path: filePath })
  try {
    const saved = await getPlatform().saveProjectFile({
      parts: encoded.parts,
      byteLength: encoded.byteLength,
      path: target.path ?? undefined,
      suggestedName: target.name,
      saveAs,
    })
    if (!saved) return false
    // Mark the document that was written, even if the user kept editing during the save.
    documentStore.setState({ savedDoc: doc })
    uiStore.setState({ fileName: saved.name, filePath: saved.path ?? null })
    if (target.switchedFrom && !saveAs && saved.name === target.name) {
      const key = needsContainer(doc) ? 'projectFile.savedAs' : 'projectFile.savedAsJson'
      showToast(i18n.t(key, { name: saved.name, from: target.switchedFrom }))
    } else showToast(i18n.t('toast.saved', { name: saved.name }))
    return true
  } catch (error) {
    showBanner({ kind: 'error', title: i18n.t('banner.saveFailed'), detail: (error as Error).message })
    return false
  }
}
