import { memo, useEffect, useMemo, useRef, useState, type DragEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { LAYER_CATEGORIES, type AnyLayerKind } from '../../../core/layers/kind'
import { LAYER_KINDS } from '../../../core/layers/registry'
import { pick, type Lang } from '../../../core/i18n/text'
import { BLOCK_IDS, BLOCK_KINDS, BLOCK_NAMES, type BlockId } from '../../../core/graph/blocks'
import { addLayerAtCentre, LAYER_MIME } from '../app/add-layer'
import { BLOCK_MIME, insertBlockAt } from '../app/groups'
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

/** Matches a ready-made block by its name (both languages), id or the kinds it is made of. */
function blockMatches(id: BlockId, query: string): boolean {
  if (!query) return true
  const q = query.toLowerCase()
  return [id, BLOCK_NAMES[id].en, BLOCK_NAMES[id]['zh-CN'], ...BLOCK_KINDS[id]].some((text) =>
    text.toLowerCase().includes(q),
  )
}

const PaletteBlock = memo(function PaletteBlock({ id, lang }: { id: BlockId; lang: Lang }) {
  const { t } = useTranslation()
  const label = pick(BLOCK_NAMES[id], lang)
  const other = pick(BLOCK_NAMES[id], lang === 'en' ? 'zh-CN' : 'en')
  return (
    <button
      type="button"
      className="palette-item palette-block"
      data-testid={`palette-block-${id}`}
      draggable
      onDragStart={(event) => {
        event.dataTransfer.setData(BLOCK_MIME, id)
        event.dataTransfer.effectAllowed = 'copy'
      }}
      onClick={() => insertBlockAt(id)}
      title={`${label} — ${t(`blocks.${id}`)}\n\n${t('palette.blockHint')}`}
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
  const blocks = useMemo(() => BLOCK_IDS.filter((id) => blockMatches(id, query.trim())), [query])

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
            else if (event.key === 'Enter' && blocks.length > 0) insertBlockAt(blocks[0])
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
        {blocks.length > 0 && (
          <section className="palette-group" aria-label={t('palette.blocks')} data-testid="palette-blocks">
            <h3 className="palette-group-title">{t('palette.blocks')}</h3>
            {blocks.map((id) => (
              <PaletteBlock key={id} id={id} lang={lang} />
            ))}
          </section>
        )}
        {groups.length === 0 && blocks.length === 0 && <p className="panel-empty">{t('palette.noMatch', { query })}</p>}
      </div>
      <p className="palette-footer">{t('palette.dragHint')}</p>
    </aside>
  )
}
