import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import {
  buildMenuTemplate,
  CLIPBOARD_ROLES,
  languageFromLocales,
  routeMenuCommand,
  type RoutableWindow,
} from '../../../src/main/menu'
import { COMMANDS, type CommandId } from '../../../src/shared/commands'

type Item = MenuItemConstructorOptions

function flatten(items: Item[]): Item[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])])
}

function build(overrides: Partial<Parameters<typeof buildMenuTemplate>[0]> = {}) {
  const send = vi.fn<(command: CommandId) => void>()
  const template = buildMenuTemplate({ language: 'en', platform: 'linux', isDev: false, send, ...overrides })
  return { template, items: flatten(template), send }
}

const click = (item: Item) => (item.click as unknown as () => void)()

describe('File → Open Recent', () => {
  const recentFiles = [
    { path: '/home/me/a.layercanvas.json', name: 'a.layercanvas.json' },
    { path: '/home/me/old/a.layercanvas.json', name: 'a.layercanvas.json' },
    { path: '/home/me/R&D.json', name: 'R&D.json' },
  ]
  const recentMenu = (items: Item[]) => items.find((item) => item.id === 'file.openRecent')

  it('lists the recent files right after Open…, opens the clicked one', () => {
    const openRecent = vi.fn()
    const { template, items } = build({ recentFiles, openRecent })
    const file = template[0].submenu as Item[]
    const at = file.findIndex((item) => item.id === 'file.open')
    expect(file[at + 1].id).toBe('file.openRecent')
    const submenu = recentMenu(items)!.submenu as Item[]
    // Same names get their folder; '&' is doubled so it is not read as a mnemonic.
    expect(submenu.map((item) => item.label)).toEqual([
      'a.layercanvas.json — /home/me',
      'a.layercanvas.json — /home/me/old',
      'R&&D.json',
    ])
    click(submenu[1])
    expect(openRecent).toHaveBeenCalledWith('/home/me/old/a.layercanvas.json')
  })

  it('shows a disabled placeholder when the list is empty, in the UI language', () => {
    const { items } = build({ recentFiles: [], openRecent: vi.fn(), language: 'zh-CN' })
    const menu = recentMenu(items)!
    expect(menu.label).toBe('打开最近的文件')
    expect(menu.submenu).toEqual([{ label: '没有最近的文件', enabled: false }])
  })

  it('is left out when the host does not offer recent files', () => {
    expect(recentMenu(build().items)).toBeUndefined()
  })

  it('puts Import and Export together in the File menu with their shortcuts', () => {
    const { template } = build({ recentFiles: [], openRecent: vi.fn() })
    const ids = (template[0].submenu as Item[]).map((item) => item.id ?? item.type ?? item.role)
    expect(ids.slice(ids.indexOf('file.saveAs') + 1, ids.indexOf('file.saveAs') + 4)).toEqual([
      'separator',
      'file.import',
      'file.export',
    ])
    const items = flatten(template)
    expect(items.find((item) => item.id === 'file.export')!.accelerator).toBe('CmdOrCtrl+E')
  })
})

describe('menu template', () => {
  it.each(['linux', 'win32', 'darwin'])('has every command exactly once with its accelerator (%s)', (platform) => {
    const { items } = build({ platform })
    for (const spec of COMMANDS) {
      const matches = items.filter((item) => item.id === spec.id)
      expect(matches, spec.id).toHaveLength(1)
      expect(matches[0]!.accelerator, spec.id).toBe(spec.accelerator)
      expect(matches[0]!.label).toBe(spec.label.en)
    }
  })

  it('never gives two items the same accelerator', () => {
    for (const platform of ['linux', 'darwin']) {
      const { items } = build({ platform, isDev: true })
      const accelerators = items.map((item) => item.accelerator).filter((a): a is string => typeof a === 'string')
      expect(new Set(accelerators).size, platform).toBe(accelerators.length)
    }
  })

  it('switches labels to Chinese', () => {
    const { template, items } = build({ language: 'zh-CN' })
    expect(template.map((menu) => menu.label)).toEqual(['文件', '编辑', '视图', '帮助'])
    expect(items.find((item) => item.id === 'file.save')!.label).toBe('保存')
    expect(items.find((item) => item.id === 'edit.undo')!.label).toBe('撤销')
  })

  it('sends the command of the clicked item', () => {
    const { items, send } = build()
    const sent = COMMANDS.filter((spec) => !CLIPBOARD_ROLES[spec.id])
    for (const spec of sent) {
      click(items.find((item) => item.id === spec.id)!)
      expect(send).toHaveBeenLastCalledWith(spec.id)
    }
    expect(send).toHaveBeenCalledTimes(sent.length)
  })

  it('does cut, copy and paste with native roles (DOM clipboard events, text fields, DevTools)', () => {
    const { items } = build({ platform: 'darwin' })
    for (const [id, role] of [
      ['edit.cut', 'cut'],
      ['edit.copy', 'copy'],
      ['edit.paste', 'paste'],
    ] as const) {
      const item = items.find((candidate) => candidate.id === id)!
      expect(item.role).toBe(role)
      expect(item.click).toBeUndefined()
    }
  })

  it('leaves shortcuts to the renderer on Windows/Linux (shown, not registered)', () => {
    const app = build({ platform: 'win32' }).items.filter((item) => item.id)
    expect(app.every((item) => item.registerAccelerator === false)).toBe(true)
  })

  it('adds the macOS app and window menus only on darwin', () => {
    expect(build({ platform: 'darwin', appName: 'LayerCanvas' }).template.map((m) => m.label)).toEqual([
      'LayerCanvas',
      'File',
      'Edit',
      'View',
      'Window',
      'Help',
    ])
    const roles = (platform: string) => build({ platform }).items.map((item) => item.role)
    expect(roles('darwin')).toEqual(expect.arrayContaining(['about', 'hide', 'quit', 'minimize']))
    expect(roles('linux')).not.toContain('hide')
    expect(roles('linux')).toContain('quit')
  })

  it('shows reload and developer tools only in development', () => {
    expect(build({ isDev: false }).items.map((item) => item.role)).not.toContain('toggleDevTools')
    expect(build({ isDev: true }).items.map((item) => item.role)).toEqual(
      expect.arrayContaining(['reload', 'toggleDevTools']),
    )
  })

  it('puts each command under its own menu', () => {
    const { template } = build()
    const under = (label: string) =>
      flatten(template.find((m) => m.label === label)!.submenu as Item[]).map((i) => i.id)
    expect(under('File')).toEqual(
      expect.arrayContaining(['file.new', 'file.openTemplate', 'file.open', 'file.save', 'file.saveAs']),
    )
    expect(under('Edit')).toEqual(
      expect.arrayContaining(['edit.undo', 'edit.paste', 'edit.duplicate', 'edit.selectAll']),
    )
    expect(under('View')).toEqual(
      expect.arrayContaining(['view.autoLayout', 'view.toggleTheme', 'view.toggleLanguage']),
    )
  })
})

describe('routeMenuCommand', () => {
  function fakeWindow(devToolsFocused: boolean) {
    const editing = () => ({
      undo: vi.fn(),
      redo: vi.fn(),
      cut: vi.fn(),
      copy: vi.fn(),
      paste: vi.fn(),
      selectAll: vi.fn(),
      delete: vi.fn(),
    })
    const devTools = editing()
    const win = {
      webContents: {
        ...editing(),
        send: vi.fn(),
        isDevToolsFocused: () => devToolsFocused,
        devToolsWebContents: devTools,
      },
    } satisfies RoutableWindow
    return { win, devTools }
  }

  it('sends the command to the page', () => {
    const { win } = fakeWindow(false)
    routeMenuCommand(win, 'edit.undo', 'menu:command')
    expect(win.webContents.send).toHaveBeenCalledWith('menu:command', 'edit.undo')
    expect(win.webContents.undo).not.toHaveBeenCalled()
  })

  it('edits text in focused developer tools instead of the canvas', () => {
    const { win, devTools } = fakeWindow(true)
    routeMenuCommand(win, 'edit.undo', 'menu:command')
    expect(devTools.undo).toHaveBeenCalled()
    expect(win.webContents.send).not.toHaveBeenCalled()
    routeMenuCommand(null, 'edit.paste', 'menu:command') // no window: nothing to do, no throw
  })
})

describe('languageFromLocales', () => {
  it('maps any Chinese locale to zh-CN and everything else to English', () => {
    expect(languageFromLocales(['zh-Hans-CN'])).toBe('zh-CN')
    expect(languageFromLocales(['zh-TW', 'en-US'])).toBe('zh-CN')
    expect(languageFromLocales(['fr-FR', 'zh'])).toBe('zh-CN')
    expect(languageFromLocales(['en-GB', 'zh-CN'])).toBe('en')
    expect(languageFromLocales(['de-DE'])).toBe('en')
    expect(languageFromLocales([])).toBe('en')
  })
})
