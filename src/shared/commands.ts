import type { LocalText } from '../core/i18n/text'

/**
 * Every app command that a menu, a shortcut or a toolbar button can trigger, declared once.
 * The Electron menu, the renderer's keyboard handler and the tooltips all read this table, so
 * a shortcut shown in a menu is the shortcut that works. Plain data: safe in main and renderer.
 */
export interface CommandSpec {
  id: CommandId
  label: LocalText
  /** Electron accelerator syntax; the renderer maps CmdOrCtrl to ⌘ on macOS, Ctrl elsewhere. */
  accelerator?: string
  menu: 'file' | 'edit' | 'view' | 'help'
}

export const COMMAND_IDS = [
  'file.new',
  'file.openTemplate',
  'file.openLesson',
  'file.open',
  'file.save',
  'file.saveAs',
  'file.import',
  'file.export',
  'file.loadTrained',
  'edit.undo',
  'edit.redo',
  'edit.cut',
  'edit.copy',
  'edit.paste',
  'edit.duplicate',
  'edit.delete',
  'edit.selectAll',
  'edit.group',
  'edit.ungroup',
  'view.autoLayout',
  'view.layoutDirection',
  'view.fitView',
  'view.toggleMinimap',
  'view.toggleTheme',
  'view.toggleLanguage',
  'view.focusPalette',
  'view.toggleGuide',
] as const
export type CommandId = (typeof COMMAND_IDS)[number]

const c = (id: CommandId, menu: CommandSpec['menu'], en: string, zh: string, accelerator?: string): CommandSpec => ({
  id,
  menu,
  label: { en, 'zh-CN': zh },
  accelerator,
})

export const COMMANDS: readonly CommandSpec[] = [
  c('file.new', 'file', 'New', '新建', 'CmdOrCtrl+N'),
  c('file.openTemplate', 'file', 'Open Template…', '打开模板…', 'CmdOrCtrl+Shift+N'),
  c('file.openLesson', 'file', 'Open Lesson…', '打开课程…'),
  c('file.open', 'file', 'Open…', '打开…', 'CmdOrCtrl+O'),
  c('file.save', 'file', 'Save', '保存', 'CmdOrCtrl+S'),
  c('file.saveAs', 'file', 'Save As…', '另存为…', 'CmdOrCtrl+Shift+S'),
  c('file.import', 'file', 'Import Model…', '导入模型…', 'CmdOrCtrl+I'),
  c('file.export', 'file', 'Export…', '导出…', 'CmdOrCtrl+E'),
  c('file.loadTrained', 'file', 'Load Trained Weights…', '载入训练好的权重…'),
  c('edit.undo', 'edit', 'Undo', '撤销', 'CmdOrCtrl+Z'),
  c('edit.redo', 'edit', 'Redo', '重做', 'CmdOrCtrl+Shift+Z'),
  c('edit.cut', 'edit', 'Cut', '剪切', 'CmdOrCtrl+X'),
  c('edit.copy', 'edit', 'Copy', '复制', 'CmdOrCtrl+C'),
  c('edit.paste', 'edit', 'Paste', '粘贴', 'CmdOrCtrl+V'),
  c('edit.duplicate', 'edit', 'Duplicate', '创建副本', 'CmdOrCtrl+D'),
  c('edit.delete', 'edit', 'Delete', '删除', 'Delete'),
  c('edit.selectAll', 'edit', 'Select All', '全选', 'CmdOrCtrl+A'),
  c('edit.group', 'edit', 'Group', '编组', 'CmdOrCtrl+G'),
  c('edit.ungroup', 'edit', 'Ungroup', '取消编组', 'CmdOrCtrl+Shift+G'),
  c('view.autoLayout', 'view', 'Auto Layout', '自动布局', 'CmdOrCtrl+L'),
  c('view.layoutDirection', 'view', 'Layout Direction: Top-Down ⇄ Left-Right', '布局方向：自上而下 ⇄ 从左到右'),
  c('view.fitView', 'view', 'Fit View', '适应窗口', 'CmdOrCtrl+0'),
  c('view.toggleMinimap', 'view', 'Toggle Minimap', '显示/隐藏小地图', 'CmdOrCtrl+M'),
  c('view.toggleTheme', 'view', 'Toggle Light/Dark', '切换浅色/深色', 'CmdOrCtrl+Shift+T'),
  c('view.toggleLanguage', 'view', 'Language: English ⇄ 中文', '语言：English ⇄ 中文', 'CmdOrCtrl+Shift+L'),
  c('view.focusPalette', 'view', 'Search Layers', '搜索层', 'CmdOrCtrl+K'),
  c('view.toggleGuide', 'view', 'Show/Hide Guided Path', '显示/隐藏学习路径'),
]

export function getCommand(id: CommandId): CommandSpec {
  const spec = COMMANDS.find((command) => command.id === id)
  if (!spec) throw new Error(`Unknown command ${id}`)
  return spec
}
