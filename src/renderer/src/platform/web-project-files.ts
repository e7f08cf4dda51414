import { CONTAINER_EXTENSION, JSON_EXTENSION } from '../../../core/document/project-file'
import { MAX_PROJECT_FILE_BYTES, megabytes } from '../../../core/document/size-policy'
import { looksLikeZip } from '../../../core/document/zip-store'
import type { Draft, DraftInfo, DraftRequest, OpenedFile, SaveRequest, SavedFile } from './types'

/**
 * The browser's project files: Open reads the picked file as bytes (a `.layercanvas` container
 * or JSON; parseProjectFile tells them apart), Save downloads a Blob built from the encoded parts
 * (the browser copies them into the Blob; nothing here joins them), and autosave keeps drafts in
 * localStorage — as JSON text without weights, because localStorage holds only a few megabytes.
 */

const TEXT = {
  en: {
    tooLarge: (name: string, mb: number) =>
      `"${name}" is ${mb} MB; LayerCanvas opens project files up to ${megabytes(MAX_PROJECT_FILE_BYTES)} MB.`,
    saveTooLarge: (mb: number) =>
      `The project file would take ${mb} MB; LayerCanvas saves project files up to ${megabytes(MAX_PROJECT_FILE_BYTES)} MB.`,
    draftTooLarge: 'The unsaved work is too large to keep in the browser; save the project to keep it.',
    draftWithWeights: 'Drafts in the browser cannot hold weights; save the project to keep them.',
    draftGone: 'This unsaved work is no longer available.',
  },
  'zh-CN': {
    tooLarge: (name: string, mb: number) =>
      `“${name}”大小为 ${mb} MB；LayerCanvas 只能打开不超过 ${megabytes(MAX_PROJECT_FILE_BYTES)} MB 的项目文件。`,
    saveTooLarge: (mb: number) =>
      `项目文件将有 ${mb} MB；LayerCanvas 只能保存不超过 ${megabytes(MAX_PROJECT_FILE_BYTES)} MB 的项目文件。`,
    draftTooLarge: '未保存的工作太大，浏览器无法保留；请保存项目以保留它。',
    draftWithWeights: '浏览器中的草稿不能保存权重；请保存项目以保留权重。',
    draftGone: '这份未保存的工作已不可用。',
  },
}
const text = () => (document.documentElement.lang === 'zh-CN' ? TEXT['zh-CN'] : TEXT.en)

/** What the file picker offers: containers, today's JSON projects and older `.json` ones. */
export const PROJECT_ACCEPT = `${CONTAINER_EXTENSION},${JSON_EXTENSION},.json,application/json,application/zip`

/** Reads a picked project file as bytes, refusing one over the size policy before reading it. */
export async function readProjectFile(file: File): Promise<OpenedFile> {
  if (file.size > MAX_PROJECT_FILE_BYTES) throw new Error(text().tooLarge(file.name, megabytes(file.size)))
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }
}

/** The download name: the suggested one when it has a project extension, else one matching the content. */
export function downloadName(request: Pick<SaveRequest, 'parts' | 'suggestedName'>): string {
  const base = request.suggestedName.trim() || 'project'
  if (/\.layercanvas(\.json)?$/i.test(base)) return base
  const container = request.parts.length > 0 && looksLikeZip(request.parts[0])
  return base.replace(/\.json$/i, '') + (container ? CONTAINER_EXTENSION : JSON_EXTENSION)
}

export function downloadProject(request: SaveRequest, download: (blob: Blob, name: string) => void): SavedFile {
  if (request.byteLength > MAX_PROJECT_FILE_BYTES) throw new Error(text().saveTooLarge(megabytes(request.byteLength)))
  const name = downloadName(request)
  const type = name.toLowerCase().endsWith(CONTAINER_EXTENSION) ? 'application/zip' : 'application/json'
  download(new Blob(request.parts as Uint8Array<ArrayBuffer>[], { type }), name)
  return { name }
}

// ── Drafts in localStorage ─────────────────────────────────────────────────────────────────

const DRAFT_PREFIX = 'layercanvas.draft.'
/** localStorage holds about 5 MB (of UTF-16) per site; one draft may take at most this much text. */
export const MAX_WEB_DRAFT_CHARS = 2_000_000

/** What localStorage keeps per draft: the project as JSON text (drafts of every version so far). */
interface StoredDraft extends DraftInfo {
  text: string
}

function readDrafts(): StoredDraft[] {
  const drafts: StoredDraft[] = []
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i)
    if (!key?.startsWith(DRAFT_PREFIX)) continue
    try {
      const value = JSON.parse(localStorage.getItem(key) ?? '') as StoredDraft
      if (
        typeof value.text === 'string' &&
        typeof value.savedAt === 'number' &&
        value.draftId === key.slice(DRAFT_PREFIX.length)
      )
        drafts.push(value)
    } catch {
      localStorage.removeItem(key)
    }
  }
  return drafts.sort((a, b) => b.savedAt - a.savedAt)
}

/**
 * Keeps a draft. Autosave strips the weights before encoding for this host (draftsKeepWeights is
 * false), so the draft is plain JSON; a container here would be a bug, refused rather than stored.
 */
export function saveWebDraft(draft: DraftRequest): void {
  if (draft.parts.length > 0 && looksLikeZip(draft.parts[0])) throw new Error(text().draftWithWeights)
  const decoder = new TextDecoder()
  const content = draft.parts.map((part) => decoder.decode(part, { stream: true })).join('') + decoder.decode()
  const key = DRAFT_PREFIX + draft.draftId
  const record: StoredDraft = {
    draftId: draft.draftId,
    title: draft.title,
    path: null,
    savedAt: Date.now(),
    text: content,
    ...(draft.weightsOmitted ? { weightsOmitted: true } : {}),
  }
  if (content.length <= MAX_WEB_DRAFT_CHARS) {
    try {
      localStorage.setItem(key, JSON.stringify(record))
      return
    } catch {
      // quota exceeded: fall through
    }
  }
  localStorage.removeItem(key)
  throw new Error(text().draftTooLarge)
}

export function discardWebDraft(draftId: string): void {
  localStorage.removeItem(DRAFT_PREFIX + draftId)
}

export function listWebDrafts(): DraftInfo[] {
  return readDrafts().map(({ text: _text, ...info }) => info)
}

export function restoreWebDraft(draftId: string): Draft {
  const found = readDrafts().find((d) => d.draftId === draftId)
  if (!found) throw new Error(text().draftGone)
  const { text: content, ...info } = found
  return { ...info, bytes: new TextEncoder().encode(content) }
}
