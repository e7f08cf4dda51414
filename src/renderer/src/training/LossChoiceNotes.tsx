import { useMemo } from 'react'
import { pick } from '../../../core/i18n/text'
import { checkLossChoice } from '../../../core/training/loss-choice'
import { useDocumentStore } from '../app/document-store'
import { useLang } from '../app/ui-store'

/** Under the loss field: a note when the loss does not suit the task (core/training/loss-choice.ts). */
export function LossChoiceNotes() {
  const lang = useLang()
  const task = useDocumentStore((state) => state.doc.training.task)
  const loss = useDocumentStore((state) => state.doc.training.loss)
  const notes = useMemo(() => checkLossChoice(task, loss), [task, loss])
  return (
    <>
      {notes.map((note) => (
        <p
          key={note.code}
          className={note.severity === 'warning' ? 'field-problem' : 'field-help'}
          role={note.severity === 'warning' ? 'alert' : undefined}
          data-testid={`train-loss-note-${note.code}`}
        >
          {pick(note.text, lang)}
        </p>
      ))}
    </>
  )
}
