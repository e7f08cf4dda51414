import { useTranslation } from 'react-i18next'
import { NOISE_SCHEDULES, type TrainingConfig } from '../../../../core/training/config'
import { useDocumentStore } from '../../app/document-store'
import { commitTraining, NumberField, SelectField } from '../ConfigForm'

/**
 * The options of the generative tasks (doc.training.gan / diffusion / autoencoder /
 * languageModel), shown in the settings form under the task's name. Each edit is one undo
 * step, like the other settings.
 */
export function TaskOptions() {
  const { t } = useTranslation()
  const config = useDocumentStore((state) => state.doc.training)
  const label = (key: string) => t(`training.generative.options.${key}`)
  const everyHelp = t('training.generative.options.sampleEveryHelp')

  if (config.task === 'gan') {
    const set =
      <K extends keyof TrainingConfig['gan']>(key: K) =>
      (value: TrainingConfig['gan'][K]) =>
        commitTraining(`gan.${key}`, (c) => ({ ...c, gan: { ...c.gan, [key]: value } }))
    const o = config.gan
    return (
      <fieldset data-testid="train-task-options">
        <legend>{t('training.option.task.gan')}</legend>
        <NumberField
          id="gan-dSteps"
          label={label('dSteps')}
          value={o.dSteps}
          integer
          min={1}
          max={10}
          help={label('dStepsHelp')}
          onValid={set('dSteps')}
        />
        <NumberField
          id="gan-labelSmoothing"
          label={label('labelSmoothing')}
          value={o.labelSmoothing}
          min={0}
          max={0.5}
          help={label('labelSmoothingHelp')}
          onValid={set('labelSmoothing')}
        />
        <NumberField
          id="gan-sampleEvery"
          label={label('sampleEvery')}
          value={o.sampleEvery}
          integer
          min={0}
          max={1_000_000}
          help={everyHelp}
          onValid={set('sampleEvery')}
        />
        <NumberField
          id="gan-samples"
          label={label('samples')}
          value={o.samples}
          integer
          min={1}
          max={256}
          onValid={set('samples')}
        />
      </fieldset>
    )
  }
  if (config.task === 'diffusion') {
    const set =
      <K extends keyof TrainingConfig['diffusion']>(key: K) =>
      (value: TrainingConfig['diffusion'][K]) =>
        commitTraining(`diffusion.${key}`, (c) => ({ ...c, diffusion: { ...c.diffusion, [key]: value } }))
    const o = config.diffusion
    return (
      <fieldset data-testid="train-task-options">
        <legend>{t('training.option.task.diffusion')}</legend>
        <NumberField
          id="diffusion-timesteps"
          label={label('timesteps')}
          value={o.timesteps}
          integer
          min={2}
          max={4000}
          help={label('timestepsHelp')}
          onValid={set('timesteps')}
        />
        <SelectField
          id="diffusion-schedule"
          label={label('schedule')}
          value={o.schedule}
          options={NOISE_SCHEDULES}
          labelOf={(s) => label(`schedule_${s}`)}
          onChange={set('schedule')}
        />
        {o.schedule === 'linear' ? (
          <>
            <NumberField
              id="diffusion-betaStart"
              label={label('betaStart')}
              value={o.betaStart}
              min={0}
              exclusiveMin
              max={0.5}
              onValid={set('betaStart')}
            />
            <NumberField
              id="diffusion-betaEnd"
              label={label('betaEnd')}
              value={o.betaEnd}
              min={0}
              exclusiveMin
              max={0.999}
              help={label('betaHelp')}
              onValid={set('betaEnd')}
            />
          </>
        ) : null}
        <NumberField
          id="diffusion-samplingSteps"
          label={label('samplingSteps')}
          value={o.samplingSteps}
          integer
          min={1}
          max={4000}
          help={label('samplingStepsHelp')}
          onValid={set('samplingSteps')}
        />
        <NumberField
          id="diffusion-keepSteps"
          label={label('keepSteps')}
          value={o.keepSteps}
          integer
          min={1}
          max={100}
          onValid={set('keepSteps')}
        />
        <NumberField
          id="diffusion-sampleEvery"
          label={label('sampleEvery')}
          value={o.sampleEvery}
          integer
          min={0}
          max={1_000_000}
          help={everyHelp}
          onValid={set('sampleEvery')}
        />
        <NumberField
          id="diffusion-samples"
          label={label('samples')}
          value={o.samples}
          integer
          min={1}
          max={256}
          onValid={set('samples')}
        />
      </fieldset>
    )
  }
  if (config.task === 'autoencoder') {
    const set =
      <K extends keyof TrainingConfig['autoencoder']>(key: K) =>
      (value: TrainingConfig['autoencoder'][K]) =>
        commitTraining(`autoencoder.${key}`, (c) => ({ ...c, autoencoder: { ...c.autoencoder, [key]: value } }))
    const o = config.autoencoder
    return (
      <fieldset data-testid="train-task-options">
        <legend>{t('training.option.task.autoencoder')}</legend>
        <NumberField
          id="ae-inputNoise"
          label={label('inputNoise')}
          value={o.inputNoise}
          min={0}
          max={10}
          help={label('inputNoiseHelp')}
          onValid={set('inputNoise')}
        />
        <NumberField
          id="ae-sampleEvery"
          label={label('sampleEvery')}
          value={o.sampleEvery}
          integer
          min={0}
          max={1_000_000}
          help={everyHelp}
          onValid={set('sampleEvery')}
        />
        <NumberField
          id="ae-samples"
          label={label('samples')}
          value={o.samples}
          integer
          min={1}
          max={256}
          onValid={set('samples')}
        />
        <NumberField
          id="ae-latentPoints"
          label={label('latentPoints')}
          value={o.latentPoints}
          integer
          min={2}
          max={5000}
          onValid={set('latentPoints')}
        />
      </fieldset>
    )
  }
  if (config.task === 'languageModel') {
    const set =
      <K extends keyof TrainingConfig['languageModel']>(key: K) =>
      (value: TrainingConfig['languageModel'][K]) =>
        commitTraining(`languageModel.${key}`, (c) => ({ ...c, languageModel: { ...c.languageModel, [key]: value } }))
    const o = config.languageModel
    return (
      <fieldset data-testid="train-task-options">
        <legend>{t('training.option.task.languageModel')}</legend>
        <NumberField
          id="lm-temperatureOption"
          label={label('temperature')}
          value={o.temperature}
          min={0}
          exclusiveMin
          max={10}
          help={label('temperatureHelp')}
          onValid={set('temperature')}
        />
        <NumberField
          id="lm-sampleLength"
          label={label('sampleLength')}
          value={o.sampleLength}
          integer
          min={1}
          max={2000}
          onValid={set('sampleLength')}
        />
        <NumberField
          id="lm-sampleEvery"
          label={label('sampleEvery')}
          value={o.sampleEvery}
          integer
          min={0}
          max={1_000_000}
          help={everyHelp}
          onValid={set('sampleEvery')}
        />
        <NumberField
          id="lm-samples"
          label={label('samples')}
          value={o.samples}
          integer
          min={1}
          max={256}
          onValid={set('samples')}
        />
      </fieldset>
    )
  }
  return null
}
