import { describe, expect, it, vi } from 'vitest'
import { IpcError, registerIpc, type IpcHandlers, type IpcMainLike } from '../../../src/main/ipc'
import { IPC_CHANNELS } from '../../../src/shared/ipc-contract'

const APP = 'file:///app/out/renderer/index.html'

interface FakeEvent {
  senderFrame: { url: string } | null
  tag?: string
}

/** ipcMain stand-in: keeps handlers in a Map and invokes them like ipcRenderer.invoke would. */
function fakeIpcMain() {
  const registered = new Map<string, (event: FakeEvent, ...args: unknown[]) => unknown>()
  const ipcMain: IpcMainLike<FakeEvent> = {
    handle: (channel, listener) => void registered.set(channel, listener),
    removeHandler: (channel) => void registered.delete(channel),
  }
  const invoke = (channel: string, args: unknown[], url: string | null = APP) =>
    registered.get(channel)!({ senderFrame: url === null ? null : { url }, tag: 'evt' }, ...args)
  return { ipcMain, registered, invoke }
}

function setUp(overrides: Partial<IpcHandlers<FakeEvent>> = {}) {
  const handlers: IpcHandlers<FakeEvent> = {
    'project:open': vi.fn(async () => ({ name: 'a.json', path: '/tmp/a.json', bytes: new Uint8Array([123, 125]) })),
    'project:save': vi.fn(async () => ({ name: 'a.json', path: '/tmp/a.json' })),
    'window:setState': vi.fn(() => null),
    'app:setUiPreferences': vi.fn(() => null),
    'edit:text': vi.fn(() => null),
    'dataset:openFile': vi.fn(async () => null),
    'dataset:pickImageFolder': vi.fn(async () => null),
    'export:writeFolder': vi.fn(async () => null),
    'import:openModel': vi.fn(async () => null),
    'draft:save': vi.fn(async () => null),
    'draft:discard': vi.fn(async () => null),
    'draft:list': vi.fn(async () => []),
    'draft:restore': vi.fn(async () => ({
      draftId: 'draft-0001',
      title: 't',
      path: null,
      savedAt: 1,
      bytes: new Uint8Array([123, 125]),
    })),
    'recent:list': vi.fn(async () => []),
    'recent:open': vi.fn(async () => ({ name: 'a.json', path: '/tmp/a.json', bytes: new Uint8Array([123, 125]) })),
    ...overrides,
  }
  const log = vi.fn()
  const fake = fakeIpcMain()
  const unregister = registerIpc(fake.ipcMain, handlers, { isTrustedSender: (url) => url === APP, log })
  return { ...fake, handlers, log, unregister }
}

describe('registerIpc', () => {
  it('registers every channel of the contract, and removes them again', () => {
    const { registered, unregister } = setUp()
    expect([...registered.keys()].sort()).toEqual(Object.keys(IPC_CHANNELS).sort())
    unregister()
    expect(registered.size).toBe(0)
  })

  it('refuses untrusted senders before validating or calling the handler', async () => {
    const { invoke, handlers, log } = setUp()
    for (const url of ['https://evil.example/', `${APP}.evil`, 'file:///etc/passwd', null]) {
      const result = await invoke('window:setState', [{ title: 't', dirty: false }], url)
      expect(result).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } })
    }
    expect(handlers['window:setState']).not.toHaveBeenCalled()
    expect(log).toHaveBeenCalled()
  })

  it('refuses invalid arguments with a message naming the field', async () => {
    const { invoke, handlers } = setUp()
    const wrongType = await invoke('project:save', [
      { parts: [new Uint8Array([1])], suggestedName: 'a.json', saveAs: 'yes' },
    ])
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect((wrongType as { error: { message: string } }).error.message).toMatch(/project:save.*saveAs/)

    const extraKey = await invoke('app:setUiPreferences', [{ language: 'en', theme: 'dark', evil: true }])
    expect(extraKey).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    const badEnum = await invoke('app:setUiPreferences', [{ language: 'fr', theme: 'dark' }])
    expect(badEnum).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    const extraArgs = await invoke('project:open', [undefined, 'more'])
    expect(extraArgs).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    const argForNoArgChannel = await invoke('project:open', [{ path: '/etc/passwd' }])
    expect(argForNoArgChannel).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    // Project content is bytes only: text, or parts that are not byte arrays, is refused.
    const asText = await invoke('project:save', [{ text: '{}', suggestedName: 'a.json', saveAs: true }])
    expect(asText).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    const notBytes = await invoke('project:save', [{ parts: ['{}'], suggestedName: 'a.json', saveAs: true }])
    expect(notBytes).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(handlers['project:save']).not.toHaveBeenCalled()
    expect(handlers['app:setUiPreferences']).not.toHaveBeenCalled()
    expect(handlers['project:open']).not.toHaveBeenCalled()
  })

  it('passes a valid call to the handler with the parsed request and the event', async () => {
    const { invoke, handlers } = setUp()
    const request = { parts: [new Uint8Array([123]), new Uint8Array([125])], suggestedName: 'a.json', saveAs: true }
    const result = await invoke('project:save', [request])
    expect(result).toEqual({ ok: true, value: { name: 'a.json', path: '/tmp/a.json' } })
    expect(handlers['project:save']).toHaveBeenCalledWith(request, expect.objectContaining({ tag: 'evt' }))
    expect(await invoke('project:open', [])).toMatchObject({ ok: true, value: { bytes: new Uint8Array([123, 125]) } })
    expect(await invoke('edit:text', ['copy'])).toEqual({ ok: true, value: null })
  })

  it('returns handler errors as { ok: false } without stack traces', async () => {
    const { invoke, log } = setUp({
      'project:open': async () => {
        throw new IpcError('file-too-large', 'too big')
      },
      'project:save': async () => {
        throw Object.assign(new Error("EACCES: permission denied, open '/x'"), { code: 'EACCES' })
      },
      'window:setState': () => {
        throw new TypeError('boom')
      },
    })
    expect(await invoke('project:open', [])).toEqual({
      ok: false,
      error: { code: 'file-too-large', message: 'too big' },
    })
    const io = await invoke('project:save', [{ parts: [], suggestedName: 'a', saveAs: false, path: '/x' }])
    expect(io).toEqual({ ok: false, error: { code: 'io-error', message: "EACCES: permission denied, open '/x'" } })
    const internal = await invoke('window:setState', [{ title: 't', dirty: true }])
    expect(internal).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } })
    expect(JSON.stringify(internal)).not.toMatch(/at .*\.ts:\d+/)
    expect(log).toHaveBeenCalledWith('window:setState failed', expect.any(TypeError))
  })

  it('checks its own responses so stray fields never reach the page', async () => {
    const { invoke } = setUp({
      'project:save': async () => ({ name: 'a', path: '/a', secret: 'token' }) as never,
    })
    const result = await invoke('project:save', [{ parts: [], suggestedName: 'a', saveAs: true }])
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
  })
})
