import { duplicateNodes } from '../../../core/graph/clipboard'
import { removeElements } from '../../../core/graph/edits'
import type { CommandId } from '../../../shared/commands'
import { openExportDialog } from '../export/export-store'
import { importModel } from '../export/import-model'
import { toggleGuide } from '../guide/guide-store'
import { pickLessonFile } from '../guide/lessons'
import { loadTrainedWeightsFromFiles } from '../export/load-trained'
import { setLanguage } from '../i18n'
import { runAutoLayout, toggleLayoutDirection } from './arrange'
import { copySelection, pasteFromClipboard } from './clipboard'
import { commit, documentStore, historyStore, redo, undo } from './document-store'
import { newProject, openProject, saveProject } from './files'
import { fitWhole } from './flow-bridge'
import { canUngroup, duplicateGroupById, groupSelectedLayers, selectedGroupId, ungroupSelection } from './groups'
import { select, uiStore } from './ui-store'

/**
 * Every app command as data: the toolbar, the keyboard handler and the native menu all call
 * `runCommand(id)`. Labels and accelerators live in src/shared/commands.ts.
 */
export interface AppCommand {
  run(): void | Promise<void>
  /** False when the command would do nothing now (toolbar buttons show disabled). */
  enabled?(): boolean
  /**
   * Also runs while the focus is in a text field. Graph edits (undo, delete, copy…) do not:
   * there the keys belong to the text being edited.
   */
  global?: boolean
}

const doc = () => documentStore.getState().doc
const hasNodeSelection = () => uiStore.getState().selectedNodeIds.length > 0
const hasSelection = () => hasNodeSelection() || uiStore.getState().selectedEdgeIds.length > 0

export const APP_COMMANDS: Record<CommandId, AppCommand> = {
  'file.new': { run: newProject, global: true },
  'file.openTemplate': { run: () => uiStore.setState({ templatesOpen: true }), global: true },
  'file.openLesson': { run: pickLessonFile, global: true },
  'file.open': { run: openProject, global: true },
  'file.save': { run: () => void saveProject(false), global: true },
  'file.saveAs': { run: () => void saveProject(true), global: true },
  'file.import': { run: importModel, global: true },
  'file.export': { run: openExportDialog, global: true },
  'file.loadTrained': { run: () => void loadTrainedWeightsFromFiles(), global: true },
  'edit.undo': { run: undo, enabled: () => historyStore.getState().pastStates.length > 0 },
  'edit.redo': { run: redo, enabled: () => historyStore.getState().futureStates.length > 0 },
  'edit.cut': { run: () => copySelection(true), enabled: hasNodeSelection },
  'edit.copy': { run: () => copySelection(false), enabled: hasNodeSelection },
  'edit.paste': { run: pasteFromClipboard },
  'edit.duplicate': {
    enabled: hasNodeSelection,
    run: () => {
      const groupId = selectedGroupId()
      if (groupId) return duplicateGroupById(groupId)
      const result = duplicateNodes(doc(), uiStore.getState().selectedNodeIds, { x: 32, y: 32 })
      if (result.nodeIds.length === 0) return
      commit(result.doc)
      select(result.nodeIds)
    },
  },
  'edit.delete': {
    enabled: hasSelection,
    run: () => {
      const { selectedNodeIds, selectedEdgeIds } = uiStore.getState()
      commit(removeElements(doc(), { nodeIds: selectedNodeIds, edgeIds: selectedEdgeIds }))
      select([])
    },
  },
  'edit.selectAll': {
    run: () =>
      select(
        doc().nodes.map((node) => node.id),
        doc().edges.map((edge) => edge.id),
      ),
  },
  'edit.group': { run: groupSelectedLayers, enabled: hasNodeSelection },
  'edit.ungroup': { run: ungroupSelection, enabled: canUngroup },
  'view.autoLayout': {
    enabled: () => doc().nodes.length > 0,
    run: runAutoLayout,
  },
  'view.layoutDirection': { run: toggleLayoutDirection },
  'view.fitView': { run: fitWhole },
  'view.toggleMinimap': { run: () => uiStore.setState((s) => ({ minimap: !s.minimap })), global: true },
  'view.toggleGuide': { run: toggleGuide, global: true },
  'view.toggleTheme': {
    run: () => uiStore.setState((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark' })),
    global: true,
  },
  'view.toggleLanguage': {
    run: () => setLanguage(uiStore.getState().language === 'zh-CN' ? 'en' : 'zh-CN'),
    global: true,
  },
  'view.focusPalette': {
    run: () => uiStore.setState((s) => ({ paletteFocusRequest: s.paletteFocusRequest + 1 })),
    global: true,
  },
}

/**
 * The same command can arrive twice for one key press in Electron: once from the native menu
 * accelerator (over IPC) and once from the page's keydown. A repeat from the other source
 * within this window is dropped.
 */
const DEDUPE_MS = 120
let last: { id: CommandId; source: string; at: number } | null = null

export function runCommand(id: CommandId, source: 'keyboard' | 'menu' | 'toolbar' = 'toolbar'): void {
  const now = performance.now()
  if (last && last.id === id && last.source !== source && now - last.at < DEDUPE_MS) return
  last = { id, source, at: now }
  const command = APP_COMMANDS[id]
  if (command.enabled && !command.enabled()) return
  void command.run()
}
