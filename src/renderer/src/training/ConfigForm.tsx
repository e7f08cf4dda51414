import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  LOSSES,
  MONITORS,
  OPTIMIZERS,
  SCHEDULES,
  TASKS,
  trainingConfigSchema,
  type TrainingConfig,
} from '../../../core/training/config'
import { commit, documentStore, useDocumentStore } from '../app/document-store'
import { BACKEND_PREFERENCES, type BackendPreference } from '../worker/protocol'
import { TaskOptions } from './generative/TaskOptions'
import { LossChoiceNotes } from './LossChoiceNotes'
import { trainingStore, useTraining } from './training-store'

/**
 * The training settings, read from and written to doc.training through the document store:
 * every valid edit is one undo step (typing is coalesced per field) and marks the project
 * dirty. Invalid text stays in its field with the problem under it and never reaches the doc.
 */

type Patch = (config: TrainingConfig) => TrainingConfig

export function commitTraining(key: string, patch: Patch): void {
  const doc = documentStore.getState().doc
  const parsed = trainingConfigSchema.safeParse(patch(doc.training))
  if (!parsed.success) return
  commit({ ...doc, training: parsed.data }, { coalesce: `training:${key}` })
}

interface NumberFieldProps {
  id: string
  label: string
  value: number
  integer?: boolean
  min?: number
  max?: number
  /** Strictly greater than `min`. */
  exclusiveMin?: boolean
  help?: string
  onValid: (value: number) => void
}

export function NumberField({ id, label, value, integer, min, max, exclusiveMin, help, onValid }: NumberFieldProps) {
  const { t } = useTranslation()
  const inputId = useId()
  const [text, setText] = useState(String(value))
  const [shown, setShown] = useState(value)
  const [problem, setProblem] = useState<string | null>(null)
  // Follow outside changes (undo, another run) unless the text already means the value.
  if (shown !== value) {
    setShown(value)
    if (Number(text) !== value) setText(String(value))
    setProblem(null)
  }
  const check = (raw: string): string | null => {
    const n = Number(raw.trim().replace(',', '.'))
    if (raw.trim() === '' || !Number.isFinite(n)) return t('training.problem.number')
    if (integer && !Number.isInteger(n)) return t('training.problem.integer')
    if (min !== undefined && (exclusiveMin ? n <= min : n < min))
      return exclusiveMin && min === 0 ? t('training.problem.positive') : t('training.problem.min', { min })
    if (max !== undefined && n > max) return t('training.problem.max', { max })
    return null
  }
  return (
    <div className={`field${problem ? ' invalid' : ''}`}>
      <label htmlFor={inputId} className="field-label">
        {label}
      </label>
      <input
        id={inputId}
        type="text"
        inputMode={integer ? 'numeric' : 'decimal'}
        spellCheck={false}
        autoComplete="off"
        data-testid={`train-${id}`}
        value={text}
        aria-invalid={problem !== null}
        onChange={(event) => {
          const raw = event.target.value
          setText(raw)
          const issue = check(raw)
          setProblem(issue)
          if (!issue) {
            const n = Number(raw.trim().replace(',', '.'))
            if (n !== value) onValid(n)
          }
        }}
        onBlur={() => {
          if (!problem) setText(String(value))
        }}
      />
      {problem ? (
        <p className="field-problem" role="alert" data-testid={`train-${id}-problem`}>
          {problem}
        </p>
      ) : help ? (
        <p className="field-help">{help}</p>
      ) : null}
    </div>
  )
}

interface SelectFieldProps<T extends string> {
  id: string
  label: string
  value: T
  options: readonly T[]
  labelOf: (option: T) => string
  disabledOptions?: readonly T[]
  help?: string
  onChange: (value: T) => void
}

export function SelectField<T extends string>({
  id,
  label,
  value,
  options,
  labelOf,
  disabledOptions,
  help,
  onChange,
}: SelectFieldProps<T>) {
  const inputId = useId()
  return (
    <div className="field">
      <label htmlFor={inputId} className="field-label">
        {label}
      </label>
      <select
        id={inputId}
        data-testid={`train-${id}`}
        value={value}
        onChange={(event) => onChange(event.target.value as T)}
      >
        {options.map((option) => (
          <option key={option} value={option} disabled={disabledOptions?.includes(option)}>
            {labelOf(option)}
          </option>
        ))}
      </select>
      {help ? <p className="field-help">{help}</p> : null}
    </div>
  )
}

function CheckField({
  id,
  label,
  checked,
  help,
  onChange,
}: {
  id: string
  label: string
  checked: boolean
  help?: string
  onChange: (value: boolean) => void
}) {
  const inputId = useId()
  return (
    <div className="field field-bool">
      <label htmlFor={inputId} className="field-label">
        {label}
      </label>
      <input
        id={inputId}
        type="checkbox"
        data-testid={`train-${id}`}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      {help ? <p className="field-help">{help}</p> : null}
    </div>
  )
}

export function ConfigForm() {
  const { t } = useTranslation()
  const config = useDocumentStore((state) => state.doc.training)
  const hasSaved = useDocumentStore((state) => state.doc.trained !== undefined)
  const backend = useTraining((state) => state.backendPreference)
  const useSaved = useTraining((state) => state.useSavedWeights)
  const { optimizer, schedule, earlyStopping } = config
  const set = (key: string, patch: Patch) => commitTraining(key, patch)
  const opt = (key: keyof TrainingConfig['optimizer']) => (value: number | boolean) =>
    set(`optimizer.${key}`, (c) => ({ ...c, optimizer: { ...c.optimizer, [key]: value } }))
  const sched = (key: keyof TrainingConfig['schedule']) => (value: number | string) =>
    set(`schedule.${key}`, (c) => ({ ...c, schedule: { ...c.schedule, [key]: value } }))
  const early = (key: keyof TrainingConfig['earlyStopping']) => (value: number | boolean | string) =>
    set(`earlyStopping.${key}`, (c) => ({ ...c, earlyStopping: { ...c.earlyStopping, [key]: value } }))

  return (
    <form className="train-config" data-testid="train-config" onSubmit={(event) => event.preventDefault()}>
      <fieldset>
        <legend>{t('training.config.objective')}</legend>
        <SelectField
          id="task"
          label={t('training.config.task')}
          value={config.task}
          options={TASKS}
          labelOf={(o) => t(`training.option.task.${o}`)}
          onChange={(task) => set('task', (c) => ({ ...c, task }))}
        />
        <SelectField
          id="loss"
          label={t('training.config.loss')}
          value={config.loss}
          options={LOSSES}
          labelOf={(o) => t(`training.option.loss.${o}`)}
          onChange={(loss) => set('loss', (c) => ({ ...c, loss }))}
        />
        <LossChoiceNotes />
      </fieldset>
      <TaskOptions />

      <fieldset>
        <legend>{t('training.config.optimizer')}</legend>
        <SelectField
          id="optimizer"
          label={t('training.config.type')}
          value={optimizer.type}
          options={OPTIMIZERS}
          labelOf={(o) => t(`training.option.optimizer.${o}`)}
          onChange={(type) => set('optimizer.type', (c) => ({ ...c, optimizer: { ...c.optimizer, type } }))}
        />
        <NumberField
          id="learningRate"
          label={t('training.config.learningRate')}
          value={optimizer.learningRate}
          min={0}
          exclusiveMin
          onValid={opt('learningRate')}
        />
        {optimizer.type === 'sgd' || optimizer.type === 'rmsprop' ? (
          <NumberField
            id="momentum"
            label={t('training.config.momentum')}
            value={optimizer.momentum}
            min={0}
            max={0.999}
            onValid={opt('momentum')}
          />
        ) : null}
        {optimizer.type === 'sgd' ? (
          <CheckField
            id="nesterov"
            label={t('training.config.nesterov')}
            checked={optimizer.nesterov}
            onChange={opt('nesterov')}
          />
        ) : null}
        {optimizer.type === 'adam' || optimizer.type === 'adamax' ? (
          <>
            <NumberField
              id="beta1"
              label={t('training.config.beta1')}
              value={optimizer.beta1}
              min={0}
              max={0.9999}
              onValid={opt('beta1')}
            />
            <NumberField
              id="beta2"
              label={t('training.config.beta2')}
              value={optimizer.beta2}
              min={0}
              max={0.99999}
              onValid={opt('beta2')}
            />
          </>
        ) : null}
      </fieldset>

      <fieldset>
        <legend>{t('training.config.schedule')}</legend>
        <SelectField
          id="schedule"
          label={t('training.config.scheduleType')}
          value={schedule.type}
          options={SCHEDULES}
          labelOf={(o) => t(`training.option.schedule.${o}`)}
          onChange={sched('type')}
        />
        <NumberField
          id="warmupEpochs"
          label={t('training.config.warmupEpochs')}
          value={schedule.warmupEpochs}
          integer
          min={0}
          help={t('training.config.warmupHelp')}
          onValid={sched('warmupEpochs')}
        />
        {schedule.type === 'step' || schedule.type === 'exponential' ? (
          <NumberField
            id="factor"
            label={t('training.config.factor')}
            value={schedule.factor}
            min={0}
            exclusiveMin
            max={1}
            help={t(
              schedule.type === 'step' ? 'training.config.factorHelpStep' : 'training.config.factorHelpExponential',
            )}
            onValid={sched('factor')}
          />
        ) : null}
        {schedule.type === 'step' ? (
          <NumberField
            id="stepEpochs"
            label={t('training.config.stepEpochs')}
            value={schedule.stepEpochs}
            integer
            min={1}
            onValid={sched('stepEpochs')}
          />
        ) : null}
        {schedule.type === 'cosine' ? (
          <NumberField
            id="minLearningRate"
            label={t('training.config.minLearningRate')}
            value={schedule.minLearningRate}
            min={0}
            help={t('training.config.minLearningRateHelp')}
            onValid={sched('minLearningRate')}
          />
        ) : null}
      </fieldset>

      <fieldset>
        <legend>{t('training.config.run')}</legend>
        <NumberField
          id="batchSize"
          label={t('training.config.batchSize')}
          value={config.batchSize}
          integer
          min={1}
          max={65_536}
          onValid={(batchSize) => set('batchSize', (c) => ({ ...c, batchSize }))}
        />
        <NumberField
          id="epochs"
          label={t('training.config.epochs')}
          value={config.epochs}
          integer
          min={1}
          max={100_000}
          onValid={(epochs) => set('epochs', (c) => ({ ...c, epochs }))}
        />
        <CheckField
          id="earlyStopping"
          label={t('training.config.earlyStopping')}
          checked={earlyStopping.enabled}
          help={t('training.config.earlyStoppingHelp')}
          onChange={early('enabled')}
        />
        {earlyStopping.enabled ? (
          <>
            <NumberField
              id="patience"
              label={t('training.config.patience')}
              value={earlyStopping.patience}
              integer
              min={1}
              onValid={early('patience')}
            />
            <SelectField
              id="monitor"
              label={t('training.config.monitor')}
              value={earlyStopping.monitor}
              options={MONITORS}
              labelOf={(o) => t(`training.option.monitor.${o}`)}
              onChange={early('monitor')}
            />
          </>
        ) : null}
        <NumberField
          id="seed"
          label={t('training.config.seed')}
          value={config.seed}
          integer
          help={t('training.config.seedHelp')}
          onValid={(seed) => set('seed', (c) => ({ ...c, seed }))}
        />
        <SelectField<BackendPreference>
          id="backendPreference"
          label={t('training.backend.label')}
          value={backend}
          options={BACKEND_PREFERENCES}
          labelOf={(o) => t(`training.backend.${o}`)}
          onChange={(backendPreference) => trainingStore.setState({ backendPreference })}
        />
        {hasSaved ? (
          <CheckField
            id="useSaved"
            label={t('training.config.useSaved')}
            checked={useSaved}
            help={t('training.config.useSavedHelp')}
            onChange={(useSavedWeights) => trainingStore.setState({ useSavedWeights })}
          />
        ) : null}
      </fieldset>
    </form>
  )
}
