import { useShallow } from 'zustand/react/shallow'
import { formatDiagnostic, formatFix, formatSummary, kindLabel } from '../../../core/i18n/format'
import { nodeName } from '../../../core/i18n/names'
import type { Lang } from '../../../core/i18n/text'
import { getLayerKind } from '../../../core/layers/registry'
import { formatShape } from '../../../core/shapes/shape'
import { analysisOf, indexOf } from '../app/analysis'
import { useDocumentStore } from '../app/document-store'

/**
 * What one node shows, as flat primitives: a node re-renders only when one of these changes,
 * not on every edit elsewhere in the graph.
 */
export interface NodeView {
  exists: boolean
  kindId: string
  category: string
  label: string
  name: string
  summary: string
  shape: string | null
  params: number | null
  /** Multiply-accumulates per sample; 0 for layers without weighted products. */
  macs: number | null
  error: string | null
  fixLabel: string | null
  warning: string | null
  /** Target handles to show: the kind's fixed count, or for merges connected + 1 (up to max). */
  ports: number
}

const MISSING: NodeView = {
  exists: false,
  kindId: '',
  category: 'core',
  label: '',
  name: '',
  summary: '',
  shape: null,
  params: null,
  macs: null,
  error: null,
  fixLabel: null,
  warning: null,
  ports: 0,
}

export function useNodeView(id: string, lang: Lang): NodeView {
  return useDocumentStore(
    useShallow((state): NodeView => {
      const node = indexOf(state.doc).nodeById.get(id)
      if (!node) return MISSING
      const analysis = analysisOf(state.doc, state.datasetFit).nodes[id]
      const kind = getLayerKind(node.kind)
      const error = analysis?.diagnostics.find((d) => d.severity === 'error')
      const warning = analysis?.diagnostics.find((d) => d.severity === 'warning')
      const used = indexOf(state.doc).usedPorts.get(id) ?? 0
      const ports = kind
        ? kind.inputs.min === kind.inputs.max
          ? kind.inputs.max
          : Math.min(kind.inputs.max, Math.max(kind.inputs.min, used + 1))
        : Math.max(1, used)
      const params = analysis?.params ? analysis.params.trainable + analysis.params.nonTrainable : null
      return {
        exists: true,
        kindId: node.kind,
        category: kind?.category ?? 'core',
        label: kindLabel(node.kind, lang),
        name: nodeName(state.doc, node, lang) ?? '',
        summary: formatSummary(node.kind, node.params, lang),
        shape: analysis?.outputShape ? formatShape(analysis.outputShape) : null,
        params,
        macs: analysis?.macs ?? null,
        error: error ? formatDiagnostic(error, state.doc, lang) : null,
        fixLabel: error?.fix ? formatFix(error.fix, lang, node.kind) : null,
        warning: warning ? formatDiagnostic(warning, state.doc, lang) : null,
        ports,
      }
    }),
  )
}
