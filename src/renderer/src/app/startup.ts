import { parseProject } from '../../../core/document/parse'
import { emptyDocument } from '../../../core/document/types'
import { projectName } from '../../../core/i18n/names'
import type { CommandId } from '../../../shared/commands'
import { startDatasetWatcher } from '../data/dataset-state'
import { i18n } from '../i18n'
import { findTemplate } from '../panels/templates'
import { offerRestore, startAutosave } from '../recovery/autosave'
import type { Platform } from '../platform/types'
import { getAnalysis } from './analysis'
import { runCommand } from './commands'
import { documentStore, replaceDocument } from './document-store'
import { openRecentProject } from './files'
import { fitViewSoon } from './flow-bridge'
import { installKeyboard } from './keyboard'
import { setPlatform } from './platform-ref'
import { installSelectionRepair } from './selection-repair'
import { installRunReset } from '../training/session'
import { uiStore } from './ui-store'

const START_TEMPLATE = 'mlp-mnist'

/** Wires the stores to the host and the page; returns nothing to undo (lives as long as the page). */
export function startApp(platform: Platform): void {
  setPlatform(platform)
  installKeyboard()
  platform.onMenuCommand((id: CommandId) => runCommand(id, 'menu'))
  platform.onOpenRecent((path) => void openRecentProject(path))

  // Theme: CSS variables switch on <html data-theme>.
  const applyTheme = () => {
    document.documentElement.dataset.theme = uiStore.getState().theme
    document.documentElement.style.colorScheme = uiStore.getState().theme
  }
  applyTheme()

  const syncHost = () => {
    const { theme, language } = uiStore.getState()
    platform.setUiPreferences({ theme, language })
  }
  syncHost()
  uiStore.subscribe((state, prev) => {
    if (state.theme !== prev.theme) applyTheme()
    if (state.theme !== prev.theme || state.language !== prev.language) syncHost()
    if (state.fileName !== prev.fileName || state.language !== prev.language) syncTitle()
  })

  const syncTitle = () => {
    const { doc, savedDoc } = documentStore.getState()
    const name =
      uiStore.getState().fileName ?? (projectName(doc, uiStore.getState().language) || i18n.t('project.untitled'))
    const dirty = doc !== savedDoc
    platform.setWindowState({ title: `${dirty ? '● ' : ''}${name} — LayerCanvas`, dirty })
  }
  documentStore.subscribe((state, prev) => {
    if (state.doc !== prev.doc || state.savedDoc !== prev.savedDoc) syncTitle()
  })

  if (platform.kind === 'web') {
    window.addEventListener('beforeunload', (event) => {
      const { doc, savedDoc } = documentStore.getState()
      if (doc !== savedDoc) event.preventDefault()
    })
    // Test/debug hook (browser build only, read-only): used by the end-to-end tests.
    Object.defineProperty(window, '__layercanvas', {
      value: Object.freeze({ getDocument: () => documentStore.getState().doc, getAnalysis }),
      configurable: false,
      writable: false,
    })
  }

  // Start with a ready network to look at.
  const template = findTemplate(START_TEMPLATE)
  const parsed = template ? parseProject(template.json) : null
  replaceDocument(parsed?.ok ? parsed.document : emptyDocument(i18n.t('project.untitled')))
  // Runs, results and previews belong to the project they were made in.
  installRunReset()
  // Undo/redo never leaves the Inspector on a layer that is gone.
  installSelectionRepair()
  // The chosen dataset, for the canvas' "does the network fit the data" check.
  startDatasetWatcher()
  syncTitle()
  fitViewSoon()
  // Unsaved work is autosaved as a draft; one left by a crashed session is offered back.
  startAutosave(platform)
  void offerRestore(platform)
}
