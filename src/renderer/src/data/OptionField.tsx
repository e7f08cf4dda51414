import { memo, useId, useState } from 'react'
import { formatParamProblem } from '../../../core/i18n/format'
import { pick, type Lang } from '../../../core/i18n/text'
import { checkParam, type ParamSpec } from '../../../core/params/schema'
import { formatParamValue, parseParamText, sameValue } from '../panels/param-text'

interface Props {
  name: string
  spec: ParamSpec
  value: unknown
  lang: Lang
  /** Called with valid values only. */
  onChange: (value: unknown) => void
}

/**
 * One dataset option generated from its spec (the same param DSL as layer params): the text
 * stays as typed while it is invalid, with the problem shown under the field.
 */
function OptionFieldComponent({ name, spec, value, lang, onChange }: Props) {
  const id = useId()
  const helpId = `${id}-help`
  const [text, setText] = useState(() => formatParamValue(spec, value))
  const [problem, setProblem] = useState<string | null>(null)
  const [shown, setShown] = useState(value)
  if (!sameValue(shown, value)) {
    setShown(value)
    if (!sameValue(parseParamText(spec, text), value)) setText(formatParamValue(spec, value))
    setProblem(null)
  }

  const onText = (next: string) => {
    setText(next)
    const parsed = parseParamText(spec, next)
    const issue = checkParam(spec, parsed)
    setProblem(issue ? formatParamProblem(issue, lang) : null)
    if (!issue && !sameValue(parsed, value)) onChange(parsed)
  }

  let control: React.ReactNode
  if (spec.type === 'bool') {
    control = (
      <input
        id={id}
        type="checkbox"
        data-testid={`data-option-${name}`}
        checked={value === true}
        aria-describedby={helpId}
        onChange={(event) => onChange(event.target.checked)}
      />
    )
  } else if (spec.type === 'enum') {
    control = (
      <select
        id={id}
        data-testid={`data-option-${name}`}
        value={String(value)}
        aria-describedby={helpId}
        onChange={(event) => onChange(event.target.value)}
      >
        {spec.options.map((option) => {
          const optionLabel = spec.optionLabels?.[option]
          return (
            <option key={option} value={option}>
              {optionLabel ? pick(optionLabel, lang) : option}
            </option>
          )
        })}
      </select>
    )
  } else {
    control = (
      <input
        id={id}
        type="text"
        inputMode={spec.type === 'float' ? 'decimal' : 'numeric'}
        spellCheck={false}
        autoComplete="off"
        data-testid={`data-option-${name}`}
        value={text}
        aria-invalid={problem !== null}
        aria-describedby={helpId}
        onChange={(event) => onText(event.target.value)}
        onBlur={() => {
          if (!problem) setText(formatParamValue(spec, value))
        }}
      />
    )
  }

  return (
    <div className={`field${spec.type === 'bool' ? ' field-bool' : ''}${problem ? ' invalid' : ''}`}>
      <label htmlFor={id} className="field-label">
        {pick(spec.label, lang)}
      </label>
      {control}
      {problem ? (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      ) : (
        <p className="field-help" id={helpId}>
          {pick(spec.help, lang)}
        </p>
      )}
    </div>
  )
}

export const OptionField = memo(OptionFieldComponent)
