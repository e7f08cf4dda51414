import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useDocumentStore } from '../../app/document-store'
import { requestGenerate } from '../session'
import { isActive, useTraining } from '../training-store'
import { PreviewWhen, WaitingText } from './common'
import { generativeStore, useGenerative, type PayloadOf, type Preview } from './store'
import { Block, Caption } from './views'

const MIN_T = 0.2
const MAX_T = 2

/**
 * Character-level language model: names (or text) the model writes, one character at a time,
 * at a chosen temperature; refreshed at the end of every epoch, or now with Generate.
 */
export function LanguageModelPanel() {
  const { t } = useTranslation()
  const options = useDocumentStore((state) => state.doc.training.languageModel)
  const status = useTraining((state) => state.status)
  const hasModel = useTraining((state) => state.hasModel)
  const busy = useTraining((state) => state.busy)
  const chosen = useGenerative((state) => state.temperature)
  const pending = useGenerative((state) => state.pending)
  const requestError = useGenerative((state) => state.requestError)
  const epochText = useGenerative((state) => state.text)
  const generated = useGenerative((state) => state.generated)
  const sliderId = useId()
  const temperature = chosen ?? Math.min(MAX_T, Math.max(MIN_T, options.temperature))
  const canGenerate =
    (status === 'running' || status === 'paused' || (!isActive(status) && hasModel && !busy)) && pending === null
  const shown: Preview<PayloadOf<'text'>> | null =
    [epochText, generated]
      .filter((p): p is Preview<PayloadOf<'text'>> => p !== null)
      .sort((a, b) => b.seq - a.seq)[0] ?? null
  const count = shown?.samples.lines.length || options.samples

  return (
    <div className="gen-panel language-model" data-testid="lm-panel">
      <Block title={t('training.generative.lm.title')} help={t('training.generative.lm.help')} className="gen-wide">
        <div className="gen-controls">
          <label htmlFor={sliderId} className="gen-control-label">
            {t('training.generative.lm.temperature')}
          </label>
          <input
            id={sliderId}
            type="range"
            min={MIN_T}
            max={MAX_T}
            step={0.1}
            value={temperature}
            data-testid="lm-temperature"
            title={t('training.generative.lm.temperatureHelp')}
            onChange={(event) => generativeStore.setState({ temperature: Number(event.target.value) })}
          />
          <output className="gen-temperature" data-testid="lm-temperature-value" htmlFor={sliderId}>
            {temperature.toFixed(1)}
          </output>
          <button
            type="button"
            className="button primary"
            data-testid="lm-generate"
            disabled={!canGenerate}
            onClick={() => void requestGenerate(temperature, count)}
          >
            {pending === 'generate' ? t('training.generative.lm.generating') : t('training.generative.lm.generate')}
          </button>
          {requestError ? (
            <span className="field-problem" role="alert" data-testid="lm-error">
              {requestError}
            </span>
          ) : null}
        </div>
        <p className="field-help">{t('training.generative.lm.temperatureHelp')}</p>
        {shown ? (
          <>
            <ol className="gen-lines" data-testid="lm-lines" data-count={shown.samples.lines.length}>
              {shown.samples.lines.map((line, i) => (
                <li key={i} data-testid="lm-line">
                  {shown.samples.prompts?.[i] ? <span className="gen-prompt">{shown.samples.prompts[i]}</span> : null}
                  <span className="gen-line">{line || '∅'}</span>
                </li>
              ))}
            </ol>
            <Caption>
              {t('training.generative.lm.at', { temperature: shown.samples.temperature.toFixed(1) })} ·{' '}
              <PreviewWhen preview={shown} />
            </Caption>
          </>
        ) : (
          <WaitingText every={options.sampleEvery} />
        )}
      </Block>
    </div>
  )
}
