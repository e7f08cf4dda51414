import { memo, useEffect, useMemo, useRef, useState, type DragEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { LAYER_CATEGORIES, type AnyLayerKind } from '../../../core/layers/kind'
import { LAYER_KINDS } from '../../../core/layers/registry'
import { pick, type Lang } from '../../../core/i18n/text'
import { addLayerAtCentre, LAYER_MIME } from '../app/add-layer'
import { useLang, useUi } from '../app/ui-store'
import { Icon } from './icons'

/** Matches the query against the label in both languages and the kind id. */
function matches(kind: AnyLayerKind, query: string): boolean {
  if (!query) return true
  const q = query.toLowerCase()
  return [kind.id, kind.label.en, kind.label['zh-CN']].some((text) => text.toLowerCase().includes(q))
}

const onDragStart = (event: DragEvent<HTMLButtonElement>, kindId: string) => {
  event.dataTransfer.setData(LAYER_MIME, kindId)
  event.dataTransfer.effectAllowed = 'copy'
}

const PaletteItem = memo(function PaletteItem({ kind, lang }: { kind: AnyLayerKind; lang: Lang }) {
  const { t } = useTranslation()
  const label = pick(kind.label, lang)
  const other = pick(kind.label, lang === 'en' ? 'zh-CN' : 'en')
  return (
    <button
      type="button"
      className={`palette-item cat-${kind.category}`}
      data-testid={`palette-item-${kind.id}`}
      draggable
      onDragStart={(event) => onDragStart(event, kind.id)}
      onClick={() => addLayerAtCentre(kind.id)}
      title={`${label} — ${kind.docs[lang].summary}\n\n${t('palette.addHint')}`}
    >
      <span className="palette-dot" aria-hidden />
      <span className="palette-label">{label}</span>
      <span className="palette-alt">{other}</span>
    </button>
  )
})

export function Palette() {
  const { t } = useTranslation()
  const lang = useLang()
  const [query, setQuery] = useState('')
  const search = useRef<HTMLInputElement>(null)
  const focusRequest = useUi((s) => s.paletteFocusRequest)

  useEffect(() => {
    if (focusRequest > 0) {
      search.current?.focus()
      search.current?.select()
    }
  }, [focusRequest])

  const groups = useMemo(
    () =>
      LAYER_CATEGORIES.map((category) => ({
        category,
        kinds: LAYER_KINDS.filter((kind) => kind.category === category && matches(kind, query.trim())),
      })).filter((group) => group.kinds.length > 0),
    [query],
  )

  return (
    <aside className="panel palette" aria-label={t('palette.title')}>
      <div className="panel-header">{t('palette.title')}</div>
      <div className="search-box">
        <Icon name="search" size={14} />
        <input
          ref={search}
          type="search"
          data-testid="palette-search"
          placeholder={t('palette.search')}
          aria-label={t('palette.search')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setQuery('')
            if (event.key === 'Enter' && groups.length > 0) addLayerAtCentre(groups[0].kinds[0].id)
          }}
        />
      </div>
      <div className="palette-list">
        {groups.map(({ category, kinds }) => (
          <section key={category} className="palette-group" aria-label={t(`category.${category}`)}>
            <h3 className="palette-group-title">{t(`category.${category}`)}</h3>
            {kinds.map((kind) => (
              <PaletteItem key={kind.id} kind={kind} lang={lang} />
            ))}
          </section>
        ))}
        {groups.length === 0 && <p className="panel-empty">{t('palette.noMatch', { query })}</p>}
      </div>
      <p className="palette-footer">{t('palette.dragHint')}</p>
    </aside>
  )
}
