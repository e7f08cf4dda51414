import { useTranslation } from 'react-i18next'
import { projectName } from '../../../core/i18n/names'
import { pick, type Lang } from '../../../core/i18n/text'
import { getAnalysis } from '../app/analysis'
import { useDocumentStore } from '../app/document-store'
import { formatCount } from '../i18n/numbers'

/** Shown when nothing is selected: what this project is. */
export function ProjectInfo({ lang }: { lang: Lang }) {
  const { t } = useTranslation()
  const doc = useDocumentStore((s) => s.doc)
  const totals = getAnalysis().totals
  const description = doc.meta.description ? pick(doc.meta.description, lang) : ''
  return (
    <div className="project-info">
      <h2 className="project-info-name">{projectName(doc, lang) || t('project.untitled')}</h2>
      {description ? <p>{description}</p> : <p className="panel-empty small">{t('project.noDescription')}</p>}
      <dl className="shape-facts">
        <dt>{t('project.layers')}</dt>
        <dd>{formatCount(doc.nodes.length, lang)}</dd>
        <dt>{t('project.connections')}</dt>
        <dd>{formatCount(doc.edges.length, lang)}</dd>
        <dt>{t('project.params')}</dt>
        <dd>{formatCount(totals.total, lang)}</dd>
        <dt title={t('inspector.macsHelp')}>{t('inspector.macs')}</dt>
        <dd data-testid="project-macs">
          {totals.macs === null ? '?' : t('inspector.macsValue', { value: formatCount(totals.macs, lang) })}
        </dd>
      </dl>
      <p className="panel-empty small">{t('project.selectHint')}</p>
    </div>
  )
}
