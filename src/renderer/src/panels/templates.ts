import { parseProject } from '../../../core/document/parse'
import type { ProjectDocument } from '../../../core/document/types'
import { analyzeGraph } from '../../../core/shapes/analyze'

/** Every templates/*.json, bundled at build time. The file name (without .json) is the id. */
const modules = import.meta.glob<unknown>('../../../../templates/*.json', { eager: true, import: 'default' })

export interface TemplateEntry {
  id: string
  json: unknown
  /** Null when the file does not parse (shown as broken, never loadable). */
  document: ProjectDocument | null
  error: string | null
  params: number
  layers: number
}

/** A sensible order for learners: simplest first. */
const ORDER = ['mlp-mnist', 'lenet5', 'alexnet']

let entries: TemplateEntry[] | null = null

export function listTemplates(): TemplateEntry[] {
  if (entries) return entries
  entries = Object.entries(modules)
    .map(([path, json]): TemplateEntry => {
      const id = path.replace(/^.*\//, '').replace(/\.json$/, '')
      const result = parseProject(json)
      if (!result.ok) return { id, json, document: null, error: result.error.message, params: 0, layers: 0 }
      const analysis = analyzeGraph(result.document)
      return { id, json, document: result.document, error: null, params: analysis.totals.total, layers: result.document.nodes.length }
    })
    .sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id))
  return entries
}

function rank(id: string): number {
  const i = ORDER.indexOf(id)
  return i === -1 ? ORDER.length : i
}

export function findTemplate(id: string): TemplateEntry | undefined {
  return listTemplates().find((entry) => entry.id === id)
}
