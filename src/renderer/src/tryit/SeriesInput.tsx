import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { parseWindow, windowText } from '../../../core/tryit/series'
import { tryInput } from './tryit-store'

/**
 * A forecaster's input: a window of numbers — one of the test windows, or typed / edited in
 * the text field — sent to the model on Predict. A window of the wrong length or with text
 * that is not a number says so under the field and keeps what was typed.
 */
export function SeriesInput({ length, examples }: { length: number; examples: number[][] }) {
  const { t } = useTranslation()
  const [text, setText] = useState(() => (examples[0] ? windowText(examples[0]) : ''))
  const [error, setError] = useState<string | null>(null)
  const predict = (source = text) => {
    const parsed = parseWindow(source, length)
    if (!parsed.ok) {
      setError(t(`tryit.series.${parsed.error}`, { length, count: parsed.count }))
      return
    }
    setError(null)
    void tryInput({ kind: 'features', raw: parsed.values })
  }
  return (
    <div className="tryit-prompt">
      {examples.length > 0 && (
        <div className="tryit-tools">
          <span>{t('tryit.series.examples')}</span>
          {examples.map((values, i) => (
            <button
              key={i}
              type="button"
              className="button"
              data-testid={`tryit-example-${i}`}
              onClick={() => {
                const next = windowText(values)
                setText(next)
                predict(next)
              }}
            >
              {i + 1}
            </button>
          ))}
        </div>
      )}
      <label className="tryit-field">
        <span>{t('tryit.series.window', { length })}</span>
        <textarea rows={3} value={text} data-testid="tryit-window" onChange={(event) => setText(event.target.value)} />
        <small>{t('tryit.series.hint')}</small>
      </label>
      {error && (
        <p className="tryit-message error" role="alert" data-testid="tryit-window-error">
          {error}
        </p>
      )}
      <button type="button" className="button primary" data-testid="tryit-run" onClick={() => predict()}>
        {t('tryit.series.predict')}
      </button>
    </div>
  )
}
