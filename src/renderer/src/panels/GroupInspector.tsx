import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { GROUP_ROLES, type GroupRole } from '../../../core/document/types'
import { nameTranslation, setNameTranslation } from '../../../core/i18n/names'
import type { Lang } from '../../../core/i18n/text'
import { commit, documentStore, useDocumentStore } from '../app/document-store'
import { duplicateGroupById, renameGroupTo, setRoleOf, toggleGroupCollapsed, ungroupSelection } from '../app/groups'
import { useGroupView } from '../canvas/group-view'
import { formatCount } from '../i18n/numbers'

/** Like the layer's name field (NodeInspector): edits the UI language's own text when the name has one. */
function NameField({ groupId, lang }: { groupId: string; lang: Lang }) {
  const { t } = useTranslation()
  const target = { type: 'group', id: groupId } as const
  const [translated] = useState(
    () => lang !== 'en' && nameTranslation(documentStore.getState().doc, target, lang) !== undefined,
  )
  const plain = useDocumentStore((s) => s.doc.groups.find((group) => group.id === groupId)?.name ?? '')
  const own = useDocumentStore((s) => nameTranslation(s.doc, target, lang) ?? '')
  const name = translated ? own : plain
  const [text, setText] = useState(name)
  const [shown, setShown] = useState(name)
  if (shown !== name) {
    // Renamed from outside (undo): show it, unless the typed text already means this name.
    setShown(name)
    if (text.trim() !== name) setText(name)
  }
  return (
    <div className="field">
      <label htmlFor="group-name" className="field-label">
        {t('group.name')}
      </label>
      <input
        id="group-name"
        type="text"
        data-testid="group-name"
        value={text}
        maxLength={200}
        placeholder={translated ? plain : undefined}
        onChange={(event) => {
          setText(event.target.value)
          if (translated && lang !== 'en') {
            const next = setNameTranslation(documentStore.getState().doc, target, lang, event.target.value)
            commit(next, { coalesce: `rename-group:${groupId}` })
          } else renameGroupTo(groupId, event.target.value)
        }}
        onBlur={() => {
          if (!text.trim()) setText(name)
        }}
      />
    </div>
  )
}

/** The selected group: name, role, what it holds, and its actions. */
export function GroupInspector({ groupId, lang }: { groupId: string; lang: Lang }) {
  const { t } = useTranslation()
  const view = useGroupView(groupId)
  if (!view.exists) return null
  return (
    <div className="node-inspector group-inspector" data-testid="group-inspector">
      <div className="inspector-title">
        <span className={`kind-chip role-${view.role}`} style={{ '--cat': 'var(--role)' } as React.CSSProperties}>
          {t('group.title')}
        </span>
        <span className="inspector-id">{groupId}</span>
      </div>

      <NameField key={`${groupId}:${lang}`} groupId={groupId} lang={lang} />

      <div className="field">
        <label htmlFor="group-role" className="field-label">
          {t('group.roleLabel')}
        </label>
        <select
          id="group-role"
          data-testid="group-role"
          value={view.role}
          onChange={(event) => setRoleOf(groupId, event.target.value as GroupRole)}
        >
          {GROUP_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`group.role.${role}`)}
            </option>
          ))}
        </select>
        <p className="field-help">{t('group.roleHelp')}</p>
      </div>

      <dl className="shape-facts">
        <dt>{t('group.members')}</dt>
        <dd data-testid="group-members">{formatCount(view.members, lang)}</dd>
        <dt>{t('group.params')}</dt>
        <dd data-testid="group-params">{view.params === null ? '?' : formatCount(view.params, lang)}</dd>
        <dt>{t('group.inputs')}</dt>
        <dd>{view.inputs || '—'}</dd>
        <dt>{t('group.outputs')}</dt>
        <dd>{view.outputs || '—'}</dd>
      </dl>

      <div className="group-actions">
        <button
          type="button"
          className="button"
          data-testid="group-collapse"
          onClick={() => toggleGroupCollapsed(groupId)}
        >
          {view.collapsed ? t('group.expandAction') : t('group.collapseAction')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="group-duplicate"
          onClick={() => duplicateGroupById(groupId)}
        >
          {t('group.duplicate')}
        </button>
        <button type="button" className="button" data-testid="group-ungroup" onClick={ungroupSelection}>
          {t('group.ungroup')}
        </button>
      </div>
      <p className="panel-empty small">{t('group.hint')}</p>
    </div>
  )
}
