import { parseProject } from '../../../core/document/parse'
import type { ProjectDocument } from '../../../core/document/types'
import { byFamily, type FamilySection } from '../../../core/document/families'
import { templateThumbnail } from '../../../core/graph/thumbnail'
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
  /** `meta.family` (a TEMPLATE_FAMILIES id); unknown or missing families are listed last. */
  family: string
  /** A small SVG diagram of the network (core/graph/thumbnail.ts); null when it does not parse. */
  thumbnail: string | null
}

/** A sensible order for learners within each family: simplest first. */
const ORDER = [
  'playground-mlp',
  'playground-regression',
  'mlp-mnist',
  'lenet5',
  'alexnet-mini',
  'vgg-mini',
  'resnet-mini',
  'mobilenet-mini',
  'alexnet',
  'rnn-sine',
  'lstm-sine',
  'gru-classifier',
  'lstm-names',
  'transformer-encoder',
  'transformer-names',
  'gan-2d',
  'gan-mlp',
  'dcgan-mnist',
  'autoencoder-dense',
  'autoencoder-conv-denoising',
  'ddpm-mnist',
]

let entries: TemplateEntry[] | null = null

export function listTemplates(): TemplateEntry[] {
  if (entries) return entries
  entries = Object.entries(modules)
    .map(([path, json]): TemplateEntry => {
      const id = path.replace(/^.*\//, '').replace(/\.json$/, '')
      const result = parseProject(json)
      if (!result.ok)
        return {
          id,
          json,
          document: null,
          error: result.error.message,
          params: 0,
          layers: 0,
          family: '',
          thumbnail: null,
        }
      const analysis = analyzeGraph(result.document)
      return {
        id,
        json,
        document: result.document,
        error: null,
        params: analysis.totals.total,
        layers: result.document.nodes.length,
        family: result.document.meta.family ?? '',
        thumbnail: templateThumbnail(result.document),
      }
    })
    .sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id))
  return entries
}

/** The templates in gallery sections: the families in order (empty ones left out), then the rest. */
export const templatesByFamily = (list: readonly TemplateEntry[] = listTemplates()): FamilySection<TemplateEntry>[] =>
  byFamily(list)

/** The thumbnail as an <img> source (the CSP allows data: images). */
export const thumbnailUrl = (svg: string): string => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`

function rank(id: string): number {
  const i = ORDER.indexOf(id)
  return i === -1 ? ORDER.length : i
}

export function findTemplate(id: string): TemplateEntry | undefined {
  return listTemplates().find((entry) => entry.id === id)
}
