import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { isStepLocked } from '../../../core/guide/lesson'
import { GUIDE_STEPS, STEP_DONE_TEXT, type GuideStepId } from '../../../core/guide/steps'
import { pick } from '../../../core/i18n/text'
import { useLang } from '../app/ui-store'
import { Icon } from '../panels/icons'
import './guide.css'
import { guideStore, toggleGuide, useGuide } from './guide-store'
import { endLesson } from './lessons'
import { openStepTarget } from './step-targets'
import { useLessonDrop } from './use-lesson-drop'
import './strings'
import { useGuideSteps } from './use-guide-steps'

/**
 * The guided path: the tutorial's seven workflow steps as a bar above the canvas. Each step
 * opens the panel it concerns and says what it is for; a tick shows when it is done (from
 * real state: core/guide/steps.ts). With a lesson open, only its steps are shown, each with
 * what to look at in this network, and panels the lesson hides are hidden.
 */
export function GuideBar() {
  const { t } = useTranslation()
  const lang = useLang()
  const visible = useGuide((state) => state.visible)
  const current = useGuide((state) => state.current)
  const lesson = useGuide((state) => state.lesson)
  const steps = useGuideSteps()
  const drop = useLessonDrop()
  useLessonHiddenPanels(visible ? (lesson?.hide ?? []) : [])

  if (!visible) return null
  const shown = lesson ? lesson.steps.map((entry) => entry.step) : [...GUIDE_STEPS]
  const locked = (step: GuideStepId) => isStepLocked(lesson, step, (s) => steps[s].done)
  const choose = (step: GuideStepId) => {
    guideStore.setState({ current: step })
    if (!locked(step)) openStepTarget(step)
  }
  const active = shown.includes(current) ? current : shown[0]
  const state = steps[active]
  const lessonText = lesson?.steps.find((entry) => entry.step === active)?.text
  const isLocked = locked(active)

  return (
    <section className="guide-bar" data-testid="guide-bar" aria-label={t('guide.label')} {...drop}>
      <div className="guide-head">
        <ol className="guide-steps">
          {shown.map((step) => {
            const number = GUIDE_STEPS.indexOf(step) + 1
            const done = steps[step].done
            return (
              <li key={step}>
                <button
                  type="button"
                  className={`guide-step${step === active ? ' current' : ''}${done ? ' done' : ''}${locked(step) ? ' locked' : ''}`}
                  data-testid={`guide-step-${step}`}
                  data-done={done}
                  aria-current={step === active ? 'step' : undefined}
                  title={`${t('guide.stepNumber', { number })}: ${done ? t('guide.done') : locked(step) ? t('guide.lockedShort') : t('guide.notDone')}`}
                  onClick={() => choose(step)}
                >
                  <span className="guide-step-mark" aria-hidden>
                    {done ? '✓' : number}
                  </span>
                  <span className="guide-step-name">{t(`guide.steps.${step}.name`)}</span>
                  <span className="guide-sr">{done ? t('guide.done') : t('guide.notDone')}</span>
                </button>
              </li>
            )
          })}
        </ol>
        {lesson && (
          <span className="guide-lesson" data-testid="guide-lesson">
            <span className="guide-lesson-label">{t('guide.lesson')}:</span> {pick(lesson.title, lang)}
            <button type="button" className="guide-button" data-testid="guide-end-lesson" onClick={endLesson}>
              {t('guide.endLesson')}
            </button>
          </span>
        )}
        <button
          type="button"
          className="icon-button"
          data-testid="guide-hide"
          title={t('guide.hide')}
          aria-label={t('guide.hide')}
          onClick={toggleGuide}
        >
          <Icon name="close" />
        </button>
      </div>
      <div className="guide-body" data-testid="guide-body" data-step={active}>
        <p className="guide-about">{t(`guide.steps.${active}.about`)}</p>
        {lessonText && (
          <p className="guide-lesson-text" data-testid="guide-lesson-text">
            <strong>{t('guide.lookAt')}:</strong> {pick(lessonText, lang)}
          </p>
        )}
        {isLocked ? (
          <p className="guide-hint locked" data-testid="guide-locked">
            {t('guide.locked')}
          </p>
        ) : (
          // One line either way: "To do" becomes "Done" in place, so a step finishing in the
          // background (the preview loads, the run ends) does not move the canvas below.
          <p
            className={`guide-hint${state.hint ? '' : ' done'}`}
            data-testid={state.hint ? 'guide-hint' : 'guide-done'}
          >
            <strong>{state.hint ? t('guide.toDo') : `✓ ${t('guide.doneLabel')}`}:</strong>{' '}
            {pick(state.hint ?? STEP_DONE_TEXT[active], lang)}{' '}
            <button
              type="button"
              className="guide-link"
              data-testid="guide-open"
              onClick={() => openStepTarget(active)}
            >
              {t('guide.open')}
            </button>
          </p>
        )}
        {state.notes.map((note) => (
          <p
            key={note.code}
            className={`guide-note ${note.severity}`}
            role={note.severity === 'warning' ? 'alert' : undefined}
            data-testid={`guide-note-${note.code}`}
          >
            <Icon name={note.severity === 'warning' ? 'alert' : 'info'} size={14} /> {pick(note.text, lang)}
          </p>
        ))}
      </div>
    </section>
  )
}

/** Lessons hide panels as Playground's teacher URLs do: one attribute on the root, read by guide.css. */
function useLessonHiddenPanels(hide: readonly string[]) {
  const value = hide.join(' ')
  useEffect(() => {
    const root = document.documentElement
    if (value) root.setAttribute('data-lesson-hide', value)
    else root.removeAttribute('data-lesson-hide')
    return () => root.removeAttribute('data-lesson-hide')
  }, [value])
}
