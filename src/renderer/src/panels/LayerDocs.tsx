import { useTranslation } from 'react-i18next'
import type { AnyLayerKind } from '../../../core/layers/kind'
import type { Lang } from '../../../core/i18n/text'

/** The layer's own docs (from its kind file) in the reader's language. */
export function LayerDocs({ kind, lang }: { kind: AnyLayerKind; lang: Lang }) {
  const { t } = useTranslation()
  const doc = kind.docs[lang] ?? kind.docs.en
  return (
    <section className="inspector-section layer-docs" data-testid="layer-docs">
      <h3>{t('inspector.about')}</h3>
      <p>{doc.summary}</p>
      <h4>{t('inspector.formula')}</h4>
      <pre className="formula">{doc.formula}</pre>
      <h4>{t('inspector.whenToUse')}</h4>
      <p>{doc.whenToUse}</p>
    </section>
  )
}
