import { useMemo, type DragEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { pick } from '../../../core/i18n/text'
import { uiStore, useLang } from '../app/ui-store'
import './guide.css'
import { listLessons, openLesson, pickLessonFile } from './lessons'
import './strings'
import { useLessonDrop } from './use-lesson-drop'

/**
 * The template gallery's Lessons section: one card per bundled lesson (a broken file shows its
 * error and cannot be opened), and a button to open a teacher's own lesson file.
 */
export function LessonsSection() {
  const { t } = useTranslation()
  const lang = useLang()
  const lessons = useMemo(() => listLessons(), [])
  const close = () => uiStore.setState({ templatesOpen: false })
  const lessonDrop = useLessonDrop()
  const drop = {
    ...lessonDrop,
    onDrop: (event: DragEvent) => {
      if (event.dataTransfer.files.length > 0) close()
      lessonDrop.onDrop(event)
    },
  }

  return (
    <section
      className="gallery-family gallery-lessons"
      aria-labelledby="gallery-lessons-title"
      data-testid="gallery-lessons"
      {...drop}
    >
      <h3 id="gallery-lessons-title" className="gallery-family-name">
        {t('guide.lessons.title')}
      </h3>
      <p className="gallery-family-use">{t('guide.lessons.intro')}</p>
      <button
        type="button"
        className="guide-button lesson-open-file"
        data-testid="lesson-open-file"
        onClick={() => {
          close()
          pickLessonFile()
        }}
      >
        {t('guide.lessons.openFile')}
      </button>
      <div className="gallery-grid">
        {lessons.map((entry) => (
          <button
            key={entry.id}
            type="button"
            className="lesson-card"
            data-testid={`lesson-${entry.id}`}
            disabled={!entry.lesson}
            title={entry.error ?? undefined}
            onClick={() => {
              if (!entry.lesson) return
              close()
              void openLesson(entry.lesson)
            }}
          >
            <span className="lesson-name">{entry.lesson ? pick(entry.lesson.title, lang) : entry.id}</span>
            <span className="lesson-description" role={entry.error ? 'alert' : undefined}>
              {entry.lesson ? pick(entry.lesson.summary, lang) : `${t('guide.lessons.broken')}: ${entry.error}`}
            </span>
            {entry.lesson && (
              <span className="lesson-steps">
                {entry.lesson.steps.map((s) => t(`guide.steps.${s.step}.name`)).join(' → ')}
              </span>
            )}
          </button>
        ))}
      </div>
    </section>
  )
}
