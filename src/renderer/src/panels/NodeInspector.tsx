import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { renameNode } from '../../../core/graph/edits'
import { formatDiagnostic, formatFix, kindLabel } from '../../../core/i18n/format'
import { nameTranslation, setNameTranslation } from '../../../core/i18n/names'
import type { Lang } from '../../../core/i18n/text'
import { getLayerKind } from '../../../core/layers/registry'
import { formatShape } from '../../../core/shapes/shape'
import { analysisOf, indexOf } from '../app/analysis'
import { commit, documentStore, useDocumentStore } from '../app/document-store'
import { applyFixPlaced } from '../app/placement'
import { formatCount } from '../i18n/numbers'
import { LayerDocs } from './LayerDocs'
import { ParamField } from './ParamField'

/**
 * The layer's name in the UI language. When the name has its own text in this language (a
 * template's Chinese name), the field edits that text and its placeholder shows the plain name
 * it falls back to; otherwise it edits the plain name (core/i18n/names.ts states the rule).
 * Which one is decided when the field opens, so clearing the text does not switch targets.
 */
function RenameField({ nodeId, lang, placeholder }: { nodeId: string; lang: Lang; placeholder: string }) {
  const { t } = useTranslation()
  const [translated] = useState(
    () =>
      lang !== 'en' && nameTranslation(documentStore.getState().doc, { type: 'node', id: nodeId }, lang) !== undefined,
  )
  const name = useDocumentStore((s) => {
    const node = indexOf(s.doc).nodeById.get(nodeId)
    return (translated ? nameTranslation(s.doc, { type: 'node', id: nodeId }, lang) : node?.name) ?? ''
  })
  const fallback = useDocumentStore((s) => indexOf(s.doc).nodeById.get(nodeId)?.name)
  const [text, setText] = useState(name)
  const [shown, setShown] = useState(name)
  if (shown !== name) {
    // Renamed from outside (undo): show it, unless the typed text already means this name.
    setShown(name)
    if (text.trim() !== name) setText(name)
  }
  return (
    <div className="field">
      <label htmlFor="node-name" className="field-label">
        {t('inspector.name')}
      </label>
      <input
        id="node-name"
        type="text"
        data-testid="node-name"
        value={text}
        placeholder={translated ? (fallback ?? placeholder) : placeholder}
        maxLength={80}
        onChange={(event) => {
          setText(event.target.value)
          const doc = documentStore.getState().doc
          const next =
            translated && lang !== 'en'
              ? setNameTranslation(doc, { type: 'node', id: nodeId }, lang, event.target.value)
              : renameNode(doc, nodeId, event.target.value || undefined)
          commit(next, { coalesce: `rename:${nodeId}` })
        }}
      />
    </div>
  )
}

/** The form for one layer, generated from its kind's param schema, plus its docs. */
export function NodeInspector({ nodeId, lang }: { nodeId: string; lang: Lang }) {
  const { t } = useTranslation()
  const node = useDocumentStore((s) => indexOf(s.doc).nodeById.get(nodeId))
  const analysis = useDocumentStore((s) => analysisOf(s.doc, s.datasetFit).nodes[nodeId])
  const doc = useDocumentStore((s) => s.doc)
  if (!node) return null
  const kind = getLayerKind(node.kind)
  const label = kindLabel(node.kind, lang)
  const params = analysis?.params
  const totalParams = params ? params.trainable + params.nonTrainable : null

  return (
    <div className="node-inspector">
      <div className="inspector-title">
        <span className={`kind-chip cat-${kind?.category ?? 'core'}`}>{label}</span>
        <span className="inspector-id" title={t('inspector.idHelp')}>
          {node.id}
        </span>
      </div>

      <RenameField key={`${nodeId}:${lang}`} nodeId={nodeId} lang={lang} placeholder={label} />

      <dl className="shape-facts">
        <dt>{t('inspector.inputShape')}</dt>
        <dd>
          {analysis && analysis.inputShapes.length > 0
            ? analysis.inputShapes.map((shape) => (shape ? formatShape(shape) : '?')).join(' , ')
            : '—'}
        </dd>
        <dt>{t('inspector.outputShape')}</dt>
        <dd data-testid="inspector-output-shape">{analysis?.outputShape ? formatShape(analysis.outputShape) : '?'}</dd>
        <dt>{t('inspector.params')}</dt>
        <dd>
          {totalParams === null
            ? '?'
            : params && params.nonTrainable > 0
              ? t('inspector.paramsSplit', {
                  total: formatCount(totalParams, lang),
                  trainable: formatCount(params.trainable, lang),
                  nonTrainable: formatCount(params.nonTrainable, lang),
                })
              : formatCount(totalParams, lang)}
        </dd>
        <dt title={t('inspector.macsHelp')}>{t('inspector.macs')}</dt>
        <dd data-testid="inspector-macs" title={t('inspector.macsHelp')}>
          {analysis?.macs == null ? '?' : t('inspector.macsValue', { value: formatCount(analysis.macs, lang) })}
        </dd>
      </dl>

      {analysis && analysis.diagnostics.length > 0 && (
        <ul className="inspector-problems">
          {analysis.diagnostics.map((d, i) => (
            <li key={i} className={d.severity}>
              <span>{formatDiagnostic(d, doc, lang)}</span>
              {d.fix && (
                <button type="button" className="fix-button" onClick={() => applyFixPlaced(nodeId, d.fix!)}>
                  {formatFix(d.fix, lang)}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}

      {kind && (
        <section className="inspector-section">
          <h3>{t('inspector.parameters')}</h3>
          {Object.entries(kind.params)
            .filter(([, spec]) => !spec.visibleWhen || spec.visibleWhen(node.params))
            .map(([name, spec]) => (
              <ParamField key={name} nodeId={nodeId} name={name} spec={spec} value={node.params[name]} lang={lang} />
            ))}
          {Object.keys(kind.params).length === 0 && <p className="panel-empty small">{t('inspector.noParams')}</p>}
        </section>
      )}

      {kind && <LayerDocs kind={kind} lang={lang} />}
    </div>
  )
}
