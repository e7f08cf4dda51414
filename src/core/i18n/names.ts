import type { Group, LayerNode, NameTranslations, ProjectDocument } from '../document/types'
import type { Lang } from './text'

/**
 * User-visible names in the UI language.
 *
 * A project's plain `name` fields (project, layers, groups) are the default text: shown in
 * every language that has no text of its own, and the only text exporters and code generators
 * use (so generated files do not depend on the UI language). `meta.translations['zh-CN']` may
 * hold Chinese texts for the same names, by node id and group id; the templates carry them.
 *
 * Editing rule (the inspector): typing a name changes what the current language shows. When
 * the name has its own text in the UI language (the templates' Chinese names), that text is
 * edited and the plain name stays; clearing it removes it, so the plain name shows again.
 * Otherwise the plain name is edited, in every language.
 */

function translationsOf(doc: ProjectDocument, lang: Lang): NameTranslations | undefined {
  return lang === 'en' ? undefined : doc.meta.translations?.[lang]
}

const nonEmpty = (text: string | undefined): string | undefined => (text && text.trim() ? text : undefined)

/** The project's title in `lang`. */
export function projectName(doc: ProjectDocument, lang: Lang): string {
  return nonEmpty(translationsOf(doc, lang)?.name) ?? doc.name
}

/** The layer's own name in `lang`, or undefined when it has none (show the kind label then). */
export function nodeName(doc: ProjectDocument, node: Pick<LayerNode, 'id' | 'name'>, lang: Lang): string | undefined {
  return nonEmpty(translationsOf(doc, lang)?.nodes?.[node.id]) ?? nonEmpty(node.name)
}

/** The group's title in `lang`. */
export function groupName(doc: ProjectDocument, group: Pick<Group, 'id' | 'name'>, lang: Lang): string {
  return nonEmpty(translationsOf(doc, lang)?.groups?.[group.id]) ?? group.name
}

export type NameTarget = { type: 'project' } | { type: 'node'; id: string } | { type: 'group'; id: string }

/** The name's own text in `lang` (not the plain fallback), or undefined when it has none. */
export function nameTranslation(doc: ProjectDocument, target: NameTarget, lang: Lang): string | undefined {
  const own = translationsOf(doc, lang)
  if (!own) return undefined
  if (target.type === 'project') return nonEmpty(own.name)
  return nonEmpty((target.type === 'node' ? own.nodes : own.groups)?.[target.id])
}

/** Sets the name's text in `lang` (not English: that is the plain name); blank text removes it. */
export function setNameTranslation(
  doc: ProjectDocument,
  target: NameTarget,
  lang: Exclude<Lang, 'en'>,
  text: string,
): ProjectDocument {
  const own: NameTranslations = { ...doc.meta.translations?.[lang] }
  const trimmed = text.trim()
  if (target.type === 'project') {
    if (trimmed) own.name = trimmed
    else delete own.name
  } else {
    const key = target.type === 'node' ? 'nodes' : 'groups'
    const table = { ...own[key] }
    if (trimmed) table[target.id] = trimmed
    else delete table[target.id]
    own[key] = table
  }
  return { ...doc, meta: { ...doc.meta, translations: { ...doc.meta.translations, [lang]: own } } }
}

/**
 * Drops the texts of removed layers and groups, so a later layer or group that gets the same
 * id (ids are reused: `dense_2`) does not inherit a stale name.
 */
export function withoutTranslationsOf(
  doc: ProjectDocument,
  removed: { nodeIds?: Iterable<string>; groupIds?: Iterable<string> },
): ProjectDocument {
  const all = doc.meta.translations
  if (!all) return doc
  const nodeIds = new Set(removed.nodeIds ?? [])
  const groupIds = new Set(removed.groupIds ?? [])
  const next: typeof all = {}
  let changed = false
  for (const [lang, own] of Object.entries(all) as [keyof typeof all, NameTranslations | undefined][]) {
    if (!own) continue
    const keep = (table: Record<string, string> | undefined, gone: Set<string>) => {
      if (!table || !Object.keys(table).some((id) => gone.has(id))) return table
      changed = true
      return Object.fromEntries(Object.entries(table).filter(([id]) => !gone.has(id)))
    }
    next[lang] = { ...own, nodes: keep(own.nodes, nodeIds), groups: keep(own.groups, groupIds) }
    if (!next[lang]!.nodes) delete next[lang]!.nodes
    if (!next[lang]!.groups) delete next[lang]!.groups
  }
  return changed ? { ...doc, meta: { ...doc.meta, translations: next } } : doc
}
