import { memo, useId, useState } from 'react'
import { setParams } from '../../../core/graph/edits'
import { formatParamProblem } from '../../../core/i18n/format'
import { pick, type Lang } from '../../../core/i18n/text'
import { checkParam, type ParamSpec } from '../../../core/params/schema'
import { commit, documentStore } from '../app/document-store'
import { formatParamValue, parseParamText, sameValue } from './param-text'

interface Props {
  nodeId: string
  name: string
  spec: ParamSpec
  value: unknown
  lang: Lang
}

/** Writes a valid value; a run of edits to one field is one undo step. */
function commitParam(nodeId: string, name: string, value: unknown): void {
  commit(setParams(documentStore.getState().doc, nodeId, { [name]: value }), { coalesce: `param:${nodeId}:${name}` })
}

/**
 * One inspector field generated from a param spec. Text fields keep the user's raw text while
 * it is invalid (with the problem shown under the field); only valid values reach the document.
 */
function ParamFieldComponent({ nodeId, name, spec, value, lang }: Props) {
  const id = useId()
  const helpId = `${id}-help`
  const label = pick(spec.label, lang)
  const help = pick(spec.help, lang)
  const [text, setText] = useState(() => formatParamValue(spec, value))
  const [problem, setProblem] = useState<string | null>(null)

  // Follow outside changes (undo, a fix) unless the text already means the value. Adjusting
  // state while rendering (not in an effect) avoids a frame showing the stale text.
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
    if (!issue && !sameValue(parsed, value)) commitParam(nodeId, name, parsed)
  }

  let control: React.ReactNode
  if (spec.type === 'bool') {
    control = (
      <input
        id={id}
        type="checkbox"
        data-testid={`param-${name}`}
        checked={value === true}
        aria-describedby={helpId}
        onChange={(event) => commitParam(nodeId, name, event.target.checked)}
      />
    )
  } else if (spec.type === 'enum') {
    control = (
      <select
        id={id}
        data-testid={`param-${name}`}
        value={String(value)}
        aria-describedby={helpId}
        onChange={(event) => commitParam(nodeId, name, event.target.value)}
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
        inputMode={spec.type === 'float' ? 'decimal' : spec.type === 'int' ? 'numeric' : 'text'}
        spellCheck={false}
        autoComplete="off"
        data-testid={`param-${name}`}
        value={text}
        aria-invalid={problem !== null}
        aria-describedby={helpId}
        onChange={(event) => onText(event.target.value)}
        onBlur={() => {
          if (problem) return
          setText(formatParamValue(spec, value))
        }}
      />
    )
  }

  return (
    <div className={`field${spec.type === 'bool' ? ' field-bool' : ''}${problem ? ' invalid' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
        <span className="field-name">{name}</span>
      </label>
      {control}
      {problem ? (
        <p className="field-problem" role="alert" data-testid={`param-${name}-problem`}>
          {problem}
        </p>
      ) : (
        <p className="field-help" id={helpId}>
          {help}
        </p>
      )}
    </div>
  )
}

export const ParamField = memo(ParamFieldComponent)
