import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import { projectName } from '../../../core/i18n/names'
import { getCommand, type CommandId } from '../../../shared/commands'
import { formatAccelerator } from '../app/accelerators'
import { runCommand } from '../app/commands'
import { useCanRedo, useCanUndo, useDirty, useDocumentStore } from '../app/document-store'
import { useLang, useUi } from '../app/ui-store'
import { useGuide } from '../guide/guide-store'
import { Icon, type IconName } from './icons'

interface ButtonProps {
  id: CommandId
  icon: IconName
  /** Shows the label next to the icon (primary actions). */
  labelled?: boolean
  disabled?: boolean
  pressed?: boolean
}

/** A toolbar button: label, tooltip and shortcut all come from the shared COMMANDS table. */
const CommandButton = memo(function CommandButton({ id, icon, labelled, disabled, pressed }: ButtonProps) {
  const lang = useLang()
  const spec = getCommand(id)
  const label = spec.label[lang]
  const shortcut = formatAccelerator(spec.accelerator)
  return (
    <button
      type="button"
      className={`tool-button${labelled ? ' labelled' : ''}`}
      data-testid={`cmd-${id}`}
      title={shortcut ? `${label} (${shortcut})` : label}
      aria-label={label}
      aria-keyshortcuts={spec.accelerator?.replace('CmdOrCtrl', 'Control')}
      aria-pressed={pressed}
      disabled={disabled}
      onClick={() => runCommand(id, 'toolbar')}
    >
      <Icon name={icon} />
      {labelled && <span>{label.replace(/…$/, '')}</span>}
    </button>
  )
})

function ProjectTitle() {
  const { t } = useTranslation()
  const lang = useLang()
  const name = useDocumentStore((s) => projectName(s.doc, lang))
  const fileName = useUi((s) => s.fileName)
  const dirty = useDirty()
  return (
    <div className="project-title" title={fileName ?? undefined}>
      <span className="project-name">{name || t('project.untitled')}</span>
      {dirty && (
        <span className="dirty-dot" title={t('toolbar.unsaved')} aria-label={t('toolbar.unsaved')}>
          ●
        </span>
      )}
    </div>
  )
}

export function Toolbar() {
  const { t } = useTranslation()
  const canUndo = useCanUndo()
  const canRedo = useCanRedo()
  const theme = useUi((s) => s.theme)
  const lang = useLang()
  const minimap = useUi((s) => s.minimap)
  const layoutDirection = useUi((s) => s.layoutDirection)
  const guide = useGuide((s) => s.visible)
  return (
    <header className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <div className="brand" aria-hidden>
        <span className="brand-mark" />
        LayerCanvas
      </div>
      <div className="tool-group">
        <CommandButton id="file.new" icon="new" />
        <CommandButton id="file.openTemplate" icon="templates" labelled />
        <CommandButton id="file.open" icon="open" />
        <CommandButton id="file.save" icon="save" />
        <CommandButton id="file.import" icon="import" />
        <CommandButton id="file.export" icon="export" />
        <CommandButton id="file.loadTrained" icon="loadWeights" />
      </div>
      <div className="tool-group">
        <CommandButton id="edit.undo" icon="undo" disabled={!canUndo} />
        <CommandButton id="edit.redo" icon="redo" disabled={!canRedo} />
      </div>
      <div className="tool-group">
        <CommandButton id="view.autoLayout" icon={layoutDirection === 'LR' ? 'layoutLR' : 'layout'} />
        <CommandButton id="view.layoutDirection" icon="layoutLR" pressed={layoutDirection === 'LR'} />
        <CommandButton id="view.fitView" icon="fit" />
        <CommandButton id="view.toggleMinimap" icon="minimap" pressed={minimap} />
        <CommandButton id="view.toggleGuide" icon="guide" pressed={guide} />
      </div>
      <ProjectTitle />
      <div className="tool-group end">
        <CommandButton id="view.toggleTheme" icon={theme === 'dark' ? 'sun' : 'moon'} />
        <button
          type="button"
          className="tool-button labelled lang-toggle"
          data-testid="cmd-view.toggleLanguage"
          title={`${getCommand('view.toggleLanguage').label[lang]} (${formatAccelerator(getCommand('view.toggleLanguage').accelerator)})`}
          onClick={() => runCommand('view.toggleLanguage', 'toolbar')}
        >
          <Icon name="language" />
          <span>{lang === 'zh-CN' ? 'English' : '中文'}</span>
        </button>
      </div>
    </header>
  )
}
