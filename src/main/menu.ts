import type { MenuItemConstructorOptions } from 'electron'
import type { Lang } from '../core/i18n/text'
import { COMMANDS, type CommandId, type CommandSpec } from '../shared/commands'

/**
 * The native menu, built from the COMMANDS table so labels and shortcuts match the renderer.
 *
 * Keyboard shortcuts belong to the renderer's key handler (one code path with the browser
 * build); the menu shows them and handles clicks. So that a key press never runs twice:
 * - Windows/Linux: items set `registerAccelerator: false` (shown, not registered). Text fields
 *   keep native Ctrl+C/V/X/A/Z because Blink handles those keys itself.
 * - macOS: accelerators are always menu key equivalents, but the page sees the key first; the
 *   renderer calls preventDefault() on every shortcut it handles, which stops the menu. When a
 *   text field has focus the renderer leaves the key alone and the menu item fires.
 * Cut, Copy and Paste are native roles: they run webContents.cut/copy/paste(), which edits a
 * focused text field or fires the DOM cut/copy/paste events the canvas listens to (full
 * clipboard access without permission prompts; DevTools get their own copy). Undo, Redo,
 * Select All and Delete are app commands; the renderer's platform layer turns them into native
 * text editing when a text field has focus (platform/electron.ts, channel 'edit:text').
 */

export interface MenuOptions {
  language: Lang
  platform: NodeJS.Platform | string
  /** Adds reload and developer tools. */
  isDev: boolean
  /** Delivers a command to the focused window's renderer. */
  send: (command: CommandId) => void
  appName?: string
  /** File → Open Recent: the recent project files, newest first (the submenu is left out when absent). */
  recentFiles?: readonly { path: string; name: string }[]
  /** Opens a recent file (chosen in File → Open Recent). */
  openRecent?: (path: string) => void
}

const T = {
  en: {
    file: 'File',
    edit: 'Edit',
    view: 'View',
    window: 'Window',
    help: 'Help',
    about: 'About',
    services: 'Services',
    hide: 'Hide',
    hideOthers: 'Hide Others',
    unhide: 'Show All',
    quit: 'Quit',
    close: 'Close Window',
    minimize: 'Minimize',
    zoom: 'Zoom',
    front: 'Bring All to Front',
    reload: 'Reload',
    forceReload: 'Force Reload',
    devTools: 'Toggle Developer Tools',
    fullScreen: 'Toggle Full Screen',
    openRecent: 'Open Recent',
    noRecent: 'No Recent Files',
  },
  'zh-CN': {
    file: '文件',
    edit: '编辑',
    view: '视图',
    window: '窗口',
    help: '帮助',
    about: '关于',
    services: '服务',
    hide: '隐藏',
    hideOthers: '隐藏其他',
    unhide: '全部显示',
    quit: '退出',
    close: '关闭窗口',
    minimize: '最小化',
    zoom: '缩放',
    front: '前置全部窗口',
    reload: '重新加载',
    forceReload: '强制重新加载',
    devTools: '切换开发者工具',
    fullScreen: '切换全屏',
    openRecent: '打开最近的文件',
    noRecent: '没有最近的文件',
  },
} as const

type Item = MenuItemConstructorOptions

/** Commands done by Electron's native roles rather than sent to the page (see above). */
export const CLIPBOARD_ROLES: Partial<Record<CommandId, 'cut' | 'copy' | 'paste'>> = {
  'edit.cut': 'cut',
  'edit.copy': 'copy',
  'edit.paste': 'paste',
}
const separator: Item = { type: 'separator' }

/** Commands grouped per menu, in the order they are listed (separators between groups). */
const LAYOUT: Record<'file' | 'edit' | 'view' | 'help', CommandId[][]> = {
  file: [
    ['file.new', 'file.openTemplate'],
    ['file.open'],
    ['file.save', 'file.saveAs'],
    ['file.import', 'file.export', 'file.loadTrained'],
  ],
  edit: [
    ['edit.undo', 'edit.redo'],
    ['edit.cut', 'edit.copy', 'edit.paste', 'edit.duplicate', 'edit.delete'],
    ['edit.selectAll'],
    ['edit.group', 'edit.ungroup'],
  ],
  view: [
    ['view.autoLayout', 'view.layoutDirection', 'view.fitView', 'view.toggleMinimap', 'view.focusPalette'],
    ['view.toggleTheme', 'view.toggleLanguage'],
  ],
  help: [],
}

/** Every command must have a place; a new COMMANDS entry missing from LAYOUT goes to its menu's end. */
function groupsFor(menu: CommandSpec['menu']): CommandSpec[][] {
  const placed = new Set(Object.values(LAYOUT).flat(2))
  const groups = LAYOUT[menu].map((ids) => COMMANDS.filter((c) => ids.includes(c.id)))
  const rest = COMMANDS.filter((c) => c.menu === menu && !placed.has(c.id))
  return rest.length > 0 ? [...groups, rest] : groups
}

/** Menu id of the File → Open Recent submenu (not a command: its items carry file paths). */
export const OPEN_RECENT_MENU_ID = 'file.openRecent'

/** The Open Recent submenu: one item per file (folder added when two share a name). */
function recentMenu(
  files: readonly { path: string; name: string }[],
  open: (path: string) => void,
  t: { openRecent: string; noRecent: string },
): Item {
  const sameName = (name: string) => files.filter((f) => f.name === name).length > 1
  // '&' marks a mnemonic in Windows/Linux menus; '&&' shows one ampersand.
  const escape = (label: string) => label.replace(/&/g, '&&')
  const items: Item[] =
    files.length === 0
      ? [{ label: t.noRecent, enabled: false }]
      : files.map((file) => ({
          label: escape(
            sameName(file.name)
              ? `${file.name} — ${file.path.slice(0, Math.max(0, file.path.length - file.name.length - 1))}`
              : file.name,
          ),
          toolTip: file.path,
          click: () => open(file.path),
        }))
  return { id: OPEN_RECENT_MENU_ID, label: t.openRecent, submenu: items }
}

function joinGroups(groups: Item[][]): Item[] {
  return groups.filter((g) => g.length > 0).flatMap((group, i) => (i === 0 ? group : [separator, ...group]))
}

export function buildMenuTemplate(options: MenuOptions): Item[] {
  const { language, isDev, send } = options
  const mac = options.platform === 'darwin'
  const t = T[language] ?? T.en
  const appName = options.appName ?? 'LayerCanvas'

  const commandItem = (spec: CommandSpec): Item => {
    const role = CLIPBOARD_ROLES[spec.id]
    return {
      id: spec.id,
      label: spec.label[language] ?? spec.label.en,
      accelerator: spec.accelerator,
      // Shown in the menu; on Windows/Linux the renderer's key handler is the only one acting.
      ...(mac ? {} : { registerAccelerator: false }),
      ...(role ? { role } : { click: () => send(spec.id) }),
    }
  }
  const commands = (menu: CommandSpec['menu']): Item[][] => groupsFor(menu).map((g) => g.map(commandItem))

  const template: Item[] = []
  if (mac) {
    template.push({
      label: appName,
      submenu: [
        { role: 'about', label: `${t.about} ${appName}` },
        separator,
        { role: 'services', label: t.services },
        separator,
        { role: 'hide', label: `${t.hide} ${appName}` },
        { role: 'hideOthers', label: t.hideOthers },
        { role: 'unhide', label: t.unhide },
        separator,
        { role: 'quit', label: `${t.quit} ${appName}` },
      ],
    })
  }
  const fileEnd: Item[] = mac ? [{ role: 'close', label: t.close }] : [{ role: 'quit', label: t.quit }]
  const openRecent = options.openRecent
  const fileGroups = openRecent
    ? commands('file').map((group) =>
        group.some((item) => item.id === 'file.open')
          ? [...group, recentMenu(options.recentFiles ?? [], openRecent, t)]
          : group,
      )
    : commands('file')
  template.push({ label: t.file, submenu: joinGroups([...fileGroups, fileEnd]) })
  template.push({ label: t.edit, submenu: joinGroups(commands('edit')) })

  const devItems: Item[] = isDev
    ? [
        { role: 'reload', label: t.reload },
        { role: 'forceReload', label: t.forceReload },
        { role: 'toggleDevTools', label: t.devTools },
      ]
    : []
  template.push({
    label: t.view,
    submenu: joinGroups([...commands('view'), [{ role: 'togglefullscreen', label: t.fullScreen }], devItems]),
  })

  if (mac) {
    template.push({
      label: t.window,
      role: 'window',
      submenu: [
        // ⌘M is Toggle Minimap here, so Minimize moves to ⌥⌘M.
        { role: 'minimize', label: t.minimize, accelerator: 'Alt+Cmd+M' },
        { role: 'zoom', label: t.zoom },
        separator,
        { role: 'front', label: t.front },
      ],
    })
  }
  const help = joinGroups([...commands('help'), mac ? [] : [{ role: 'about', label: `${t.about} ${appName}` }]])
  // On macOS About lives in the app menu; role 'help' still gives the Help menu its search field.
  template.push({ label: t.help, role: 'help', submenu: help })
  return template
}

/** Commands that mean native text editing when a text field has focus, with the webContents method. */
export const TEXT_EDIT_COMMANDS = {
  'edit.undo': 'undo',
  'edit.redo': 'redo',
  'edit.cut': 'cut',
  'edit.copy': 'copy',
  'edit.paste': 'paste',
  'edit.selectAll': 'selectAll',
  'edit.delete': 'delete',
} as const satisfies Partial<Record<CommandId, string>>

type TextEditMethod = (typeof TEXT_EDIT_COMMANDS)[keyof typeof TEXT_EDIT_COMMANDS]
type EditableContents = Record<TextEditMethod, () => void>

/** The parts of a BrowserWindow that routing a menu command needs. */
export interface RoutableWindow {
  webContents: EditableContents & {
    send(channel: string, ...args: unknown[]): void
    isDevToolsFocused(): boolean
    devToolsWebContents: EditableContents | null
  }
}

/**
 * Sends a menu command to the window's page — except when its developer tools have focus:
 * then ⌘C/⌘V must edit text in the tools, not copy nodes in the canvas behind them.
 */
export function routeMenuCommand(win: RoutableWindow | null, command: CommandId, channel: string): void {
  if (!win) return
  const contents = win.webContents
  const method = (TEXT_EDIT_COMMANDS as Partial<Record<CommandId, TextEditMethod>>)[command]
  if (contents.isDevToolsFocused()) {
    if (method && contents.devToolsWebContents) contents.devToolsWebContents[method]()
    return
  }
  contents.send(channel, command)
}

/** The first system language we ship decides: any Chinese locale (zh, zh-Hans-CN, zh-TW…) → zh-CN. */
export function languageFromLocales(locales: readonly string[]): Lang {
  for (const locale of locales) {
    const lower = locale.toLowerCase()
    if (lower === 'zh' || lower.startsWith('zh-') || lower.startsWith('zh_')) return 'zh-CN'
    if (lower === 'en' || lower.startsWith('en-') || lower.startsWith('en_')) return 'en'
  }
  return 'en'
}
