import { describe, expect, it, vi } from 'vitest'
import type { CommandId } from '../../../src/shared/commands'
import type { IpcResult, LayerCanvasApi } from '../../../src/shared/ipc-contract'

/**
 * platform/electron.ts is renderer code (DOM types), which this Node-typed test project cannot
 * type-check; it is loaded through a computed specifier and described by the minimal shape below.
 */
interface PlatformLike {
  kind: string
  openProjectFile(): Promise<unknown>
  saveProjectFile(request: {
    parts: Uint8Array[]
    byteLength: number
    path?: string
    suggestedName: string
    saveAs: boolean
  }): Promise<unknown>
  onMenuCommand(handler: (command: CommandId) => void): () => void
  setWindowState(state: { title: string; dirty: boolean }): void
}
type Factory = (api: LayerCanvasApi, activeElement?: () => unknown) => PlatformLike
const modulePath = '../../../src/renderer/src/platform/electron'
const { createElectronPlatform } = (await import(/* @vite-ignore */ modulePath)) as { createElectronPlatform: Factory }

const ok = <T>(value: T): Promise<IpcResult<T>> => Promise.resolve({ ok: true, value })

function fakeApi() {
  let menuListener: ((command: CommandId) => void) | undefined
  const api = {
    openProject: vi.fn(() => ok({ name: 'a.json', path: '/a.json', bytes: new Uint8Array([123, 125]) })),
    saveProject: vi.fn(() =>
      Promise.resolve<IpcResult<null>>({ ok: false, error: { code: 'path-not-allowed', message: 'Use Save As…' } }),
    ),
    setWindowState: vi.fn(() => ok(null)),
    setUiPreferences: vi.fn(() => ok(null)),
    editText: vi.fn(() => ok(null)),
    openDataFile: vi.fn(() => ok(null)),
    pickImageFolder: vi.fn(() => ok(null)),
    writeExportFolder: vi.fn(() => ok(null)),
    openModel: vi.fn(() => ok(null)),
    saveDraft: vi.fn(() => ok(null)),
    discardDraft: vi.fn(() => ok(null)),
    listDrafts: vi.fn(() => ok([])),
    restoreDraft: vi.fn(() =>
      ok({ draftId: 'draft-0001', title: 't', path: null, savedAt: 1, bytes: new Uint8Array([123, 125]) }),
    ),
    listRecent: vi.fn(() => ok([])),
    openRecent: vi.fn(() => ok({ name: 'a.json', path: '/a.json', bytes: new Uint8Array([123, 125]) })),
    onOpenRecent: vi.fn(() => () => undefined),
    onMenuCommand: vi.fn((listener: (command: CommandId) => void) => {
      menuListener = listener
      return () => (menuListener = undefined)
    }),
  } satisfies LayerCanvasApi
  return { api, menu: (command: string) => menuListener?.(command as CommandId) }
}

const input = { tagName: 'INPUT', type: 'text', isContentEditable: false }
const canvas = { tagName: 'DIV', isContentEditable: false }

describe('electron platform', () => {
  it('unwraps results and turns failures into Errors with the main process message', async () => {
    const { api } = fakeApi()
    const platform = createElectronPlatform(api, () => canvas)
    expect(platform.kind).toBe('electron')
    expect(await platform.openProjectFile()).toEqual({
      name: 'a.json',
      path: '/a.json',
      bytes: new Uint8Array([123, 125]),
    })
    await expect(
      platform.saveProjectFile({ parts: [], byteLength: 0, path: '/x', suggestedName: 'x', saveAs: false }),
    ).rejects.toMatchObject({
      message: 'Use Save As…',
      code: 'path-not-allowed',
    })
  })

  it('hands the encoded parts to main as they are, never joined into one buffer', async () => {
    const { api } = fakeApi()
    const parts = [new Uint8Array([80, 75]), new Uint8Array(8)]
    await createElectronPlatform(api, () => canvas)
      .saveProjectFile({ parts, byteLength: 10, suggestedName: 'x.layercanvas', saveAs: true })
      .catch(() => undefined)
    const [request] = api.saveProject.mock.calls[0] as unknown as [{ parts: Uint8Array[] }]
    expect(request.parts).toHaveLength(2)
    expect(request.parts[0]).toBe(parts[0])
    expect(request.parts[1]).toBe(parts[1])
  })

  it('forwards menu commands to the app while the canvas has focus', () => {
    const { api, menu } = fakeApi()
    const handler = vi.fn()
    const unsubscribe = createElectronPlatform(api, () => canvas).onMenuCommand(handler)
    menu('edit.undo')
    menu('not.a.command')
    expect(handler.mock.calls).toEqual([['edit.undo']])
    expect(api.editText).not.toHaveBeenCalled()
    unsubscribe()
    menu('edit.paste')
    expect(handler).toHaveBeenCalledTimes(1)
  })

  it('turns text-editing commands into native editing while a text field has focus', () => {
    const { api, menu } = fakeApi()
    const handler = vi.fn()
    createElectronPlatform(api, () => input).onMenuCommand(handler)
    menu('edit.undo')
    menu('edit.redo')
    menu('edit.selectAll')
    expect(api.editText.mock.calls).toEqual([['undo'], ['redo'], ['selectAll']])
    menu('file.save') // not a text command: still goes to the app
    expect(handler.mock.calls).toEqual([['file.save']])
  })

  it('leaves checkboxes and buttons to the app (they are not text fields)', () => {
    const { api, menu } = fakeApi()
    const handler = vi.fn()
    createElectronPlatform(api, () => ({ tagName: 'INPUT', type: 'checkbox', isContentEditable: false })).onMenuCommand(
      handler,
    )
    menu('edit.undo')
    expect(handler.mock.calls).toEqual([['edit.undo']])
    expect(api.editText).not.toHaveBeenCalled()
  })
})
