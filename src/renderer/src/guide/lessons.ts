import { applyPresets, parseLesson, parseLessonText, type Lesson } from '../../../core/guide/lesson'
import { serializeProject } from '../../../core/document/parse'
import { openTemplate } from '../app/files'
import { getPlatform } from '../app/platform-ref'
import { showBanner } from '../app/ui-store'
import { i18n } from '../i18n'
import { findTemplate, listTemplates } from '../panels/templates'
import { guideStore } from './guide-store'
import './strings'

/** Every templates/lessons/*.json, bundled at build time (the file name is the lesson's id). */
const modules = import.meta.glob<unknown>('../../../../templates/lessons/*.json', { eager: true, import: 'default' })

export interface LessonEntry {
  id: string
  lesson: Lesson | null
  /** The path-precise error of a broken lesson file (shown on its card; it cannot be opened). */
  error: string | null
}

let entries: LessonEntry[] | null = null

const templateIds = (): string[] => listTemplates().map((entry) => entry.id)

/** The bundled lessons in the gallery's family order (their templates' order). */
export function listLessons(): LessonEntry[] {
  if (entries) return entries
  const order = templateIds()
  entries = Object.entries(modules)
    .map(([path, json]): LessonEntry => {
      const id = path.replace(/^.*\//, '').replace(/\.json$/, '')
      const result = parseLesson(json, order)
      return result.ok ? { id, lesson: result.lesson, error: null } : { id, lesson: null, error: result.error.message }
    })
    .sort((a, b) => rank(order, a) - rank(order, b) || a.id.localeCompare(b.id))
  return entries
}

function rank(order: readonly string[], entry: LessonEntry): number {
  const i = order.indexOf(entry.lesson?.template ?? entry.id)
  return i === -1 ? order.length : i
}

/**
 * Opens a lesson: its template with the presets set (asking first if the canvas has unsaved
 * changes), then the guided path at the lesson's first step. A problem leaves the canvas as it was.
 */
export async function openLesson(lesson: Lesson): Promise<boolean> {
  const template = findTemplate(lesson.template)
  if (!template?.document) {
    showBanner({
      kind: 'error',
      title: i18n.t('guide.lessonTemplateBroken'),
      detail: template?.error ?? `template: ${lesson.template}`,
    })
    return false
  }
  const preset = applyPresets(template.document, lesson.presets)
  if (!preset.ok) {
    showBanner({
      kind: 'error',
      title: i18n.t('guide.lessonInvalid', { name: lesson.title[i18n.language === 'zh-CN' ? 'zh-CN' : 'en'] }),
      detail: preset.error.message,
    })
    return false
  }
  if (!(await openTemplate(JSON.parse(serializeProject(preset.document)), template.id))) return false
  guideStore.setState({ lesson, visible: true, current: lesson.steps[0].step })
  return true
}

/** Opens a teacher's lesson file (text); a broken file is reported with the exact path. */
export async function openLessonText(name: string, text: string): Promise<boolean> {
  const result = parseLessonText(text, templateIds())
  if (!result.ok) {
    showBanner({ kind: 'error', title: i18n.t('guide.lessonInvalid', { name }), detail: result.error.message })
    return false
  }
  return openLesson(result.lesson)
}

/** At most this many bytes are read from a lesson file (bundled ones are about 5 KB). */
const MAX_LESSON_BYTES = 1_000_000

export async function openLessonFile(file: File): Promise<boolean> {
  if (file.size > MAX_LESSON_BYTES) {
    showBanner({
      kind: 'error',
      title: i18n.t('guide.lessonInvalid', { name: file.name }),
      detail: `the file is larger than ${MAX_LESSON_BYTES / 1_000_000} MB`,
    })
    return false
  }
  let text: string
  try {
    text = await file.text()
  } catch (error) {
    showBanner({
      kind: 'error',
      title: i18n.t('guide.lessonInvalid', { name: file.name }),
      detail: (error as Error).message,
    })
    return false
  }
  return openLessonText(file.name, text)
}

/**
 * File → Open Lesson…: the desktop app's native open dialog (a menu click is no user gesture
 * in the page, so a file input could not open there); the browser's file input.
 */
export function pickLessonFile(): void {
  const platform = getPlatform()
  if (platform.kind === 'electron') {
    platform.openProjectFile().then(
      (opened) => opened && void openLessonText(opened.name, new TextDecoder().decode(opened.bytes)),
      (error: Error) => showBanner({ kind: 'error', title: i18n.t('banner.openFailed'), detail: error.message }),
    )
    return
  }
  const input = document.createElement('input')
  input.type = 'file'
  input.accept = '.json,application/json'
  input.style.display = 'none'
  input.setAttribute('data-testid', 'lesson-file-input')
  const finish = () => input.remove()
  input.addEventListener(
    'change',
    () => {
      const file = input.files?.[0]
      finish()
      if (file) void openLessonFile(file)
    },
    { once: true },
  )
  input.addEventListener('cancel', finish, { once: true })
  document.body.appendChild(input)
  input.click()
}

export function endLesson(): void {
  guideStore.setState({ lesson: null })
}
