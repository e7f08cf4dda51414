import { pick, type Lang } from '../../../core/i18n/text'
import { commit, documentStore } from '../app/document-store'
import { getPlatform } from '../app/platform-ref'
import { showBanner, showToast } from '../app/ui-store'
import { i18n } from '../i18n'
import { requestLoadTrained } from '../training/session'
import './load-trained-strings'

/**
 * File → Load Trained Weights…: weights.json + weights.bin that an exported train.py wrote (on a
 * GPU machine, a cluster) become the project's trained weights, one undo step. The worker checks
 * every layer and shape first; any mismatch is listed and the project is left as it was.
 * The files are picked with the model picker: train.py's weights.json names weights.bin in a
 * tfjs-style weightsManifest, so both platforms read the pair with their checked path rules.
 */
export async function loadTrainedWeightsFromFiles(): Promise<void> {
  const failed = (detail: string) => showBanner({ kind: 'error', title: i18n.t('loadTrained.failed'), detail })
  let files
  try {
    files = await getPlatform().openModelFiles()
  } catch (error) {
    failed((error as Error).message)
    return
  }
  if (!files) return
  let manifest: unknown
  try {
    manifest = JSON.parse(files.text.charCodeAt(0) === 0xfeff ? files.text.slice(1) : files.text)
  } catch (error) {
    failed(i18n.t('loadTrained.notJson', { detail: (error as Error).message }))
    return
  }
  const bin = files.weights[0]?.bytes
  if (!bin) {
    failed(i18n.t('loadTrained.noBin'))
    return
  }
  const doc = documentStore.getState().doc
  const result = await requestLoadTrained(doc, manifest, bin)
  if (!result.ok) {
    const lang: Lang = i18n.language === 'zh-CN' ? 'zh-CN' : 'en'
    showBanner({
      kind: 'error',
      title: i18n.t('loadTrained.mismatch', { count: result.problems.length }),
      detail: result.problems.map((p) => pick(p, lang)).join('\n'),
    })
    return
  }
  // The document may have changed while the worker checked: apply only to the one that was checked.
  if (documentStore.getState().doc !== doc) return
  commit({ ...doc, trained: result.trained })
  showToast(i18n.t('loadTrained.done', { layers: result.layers }))
}
