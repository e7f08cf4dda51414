import { useEffect, useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { projectName } from '../../../core/i18n/names'
import { pick } from '../../../core/i18n/text'
import { openTemplate } from '../app/files'
import { LessonsSection } from '../guide/LessonsSection'
import { uiStore, useLang, useUi } from '../app/ui-store'
import { RecentFiles } from '../recovery/RecentFiles'
import { formatCount } from '../i18n/numbers'
import { Icon } from './icons'
import { templatesByFamily, thumbnailUrl } from './templates'

const close = () => uiStore.setState({ templatesOpen: false })

const OTHER = { en: 'Other', 'zh-CN': '其他' }

/**
 * Template gallery, in sections by family (the seed tutorial's table), each card with a
 * thumbnail of the network: choosing one replaces the canvas after it parsed (and a confirm if dirty).
 */
export function TemplateGallery() {
  const { t } = useTranslation()
  const lang = useLang()
  const open = useUi((s) => s.templatesOpen)
  const sections = useMemo(() => (open ? templatesByFamily() : []), [open])
  const first = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (open) first.current?.focus()
  }, [open])

  if (!open) return null
  const choose = async (id: string, json: unknown) => {
    close()
    await openTemplate(json, id)
  }

  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && close()}>
      <div
        className="dialog template-gallery"
        data-testid="template-gallery"
        role="dialog"
        aria-modal="true"
        aria-labelledby="gallery-title"
        onKeyDown={(event) => event.key === 'Escape' && close()}
      >
        <div className="dialog-header">
          <h2 id="gallery-title">{t('templates.title')}</h2>
          <button type="button" className="icon-button" onClick={close} aria-label={t('dialog.close')}>
            <Icon name="close" />
          </button>
        </div>
        <p className="dialog-intro">{t('templates.intro')}</p>
        <RecentFiles />
        <LessonsSection />
        {sections.length === 0 && <p className="panel-empty">{t('templates.none')}</p>}
        {sections.map((section, s) => (
          <section
            key={section.family?.id ?? 'other'}
            className="gallery-family"
            aria-labelledby={`gallery-family-${s}`}
          >
            <h3 id={`gallery-family-${s}`} className="gallery-family-name">
              {pick(section.family?.name ?? OTHER, lang)}
            </h3>
            {section.family && <p className="gallery-family-use">{pick(section.family.use, lang)}</p>}
            <div className="gallery-grid">
              {section.entries.map((entry, i) => (
                <button
                  key={entry.id}
                  ref={s === 0 && i === 0 ? first : undefined}
                  type="button"
                  className="template-card"
                  data-testid={`template-${entry.id}`}
                  disabled={!entry.document}
                  title={entry.error ?? undefined}
                  onClick={() => void choose(entry.id, entry.json)}
                >
                  {entry.thumbnail && (
                    <img
                      className="template-thumb"
                      src={thumbnailUrl(entry.thumbnail)}
                      alt=""
                      width={160}
                      height={100}
                    />
                  )}
                  <span className="template-name">{entry.document ? projectName(entry.document, lang) : entry.id}</span>
                  <span className="template-description">
                    {entry.document?.meta.description
                      ? pick(entry.document.meta.description, lang)
                      : (entry.error ?? '')}
                  </span>
                  {entry.document && (
                    <span className="template-stats">
                      {t('templates.stats', {
                        layers: formatCount(entry.layers, lang),
                        params: formatCount(entry.params, lang),
                      })}
                    </span>
                  )}
                </button>
              ))}
            </div>
          </section>
        ))}
      </div>
    </div>
  )
}
