import { useTranslation } from 'react-i18next'
import type { Preview } from './store'

/** "Epoch 2 · batch 300" (where the run was), or "Sampled just now" for an on-demand preview. */
export function PreviewWhen({ preview }: { preview: Preview }) {
  const { t } = useTranslation()
  if (preview.epoch === null || preview.batch === null) return <>{t('training.generative.onDemand')}</>
  return <>{t('training.generative.at', { epoch: preview.epoch + 1, batch: preview.batch + 1 })}</>
}

/** When the first preview will come: every N batches, or at the end of each epoch. */
export function WaitingText({ every }: { every: number }) {
  const { t } = useTranslation()
  return (
    <p className="panel-empty small gen-waiting">
      {every > 0 ? t('training.generative.waitingBatches', { count: every }) : t('training.generative.waitingEpoch')}
    </p>
  )
}
