import type { z } from 'zod'
import {
  IPC_CHANNELS,
  type IpcChannel,
  type IpcErrorCode,
  type IpcErrorInfo,
  type IpcResponse,
  type IpcResult,
} from '../shared/ipc-contract'

/**
 * Registers every IPC channel through one wrapper that (1) checks the sender frame is the app
 * page, (2) validates the arguments with the channel's zod schema, (3) runs the handler and
 * (4) returns `{ ok, value } | { ok: false, error }`. The renderer is treated as semi-trusted:
 * a check here is necessary but not sufficient, so handlers re-check what they act on (paths).
 */

/** An error whose code and message are meant for the user; thrown by handlers. */
export class IpcError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'IpcError'
  }
}

/** The parts of Electron's IpcMainInvokeEvent the wrapper reads. */
export interface InvokeEventLike {
  senderFrame: { url: string } | null
}

export interface IpcMainLike<E extends InvokeEventLike> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => unknown): void
  removeHandler(channel: string): void
}

type Request<C extends IpcChannel> = z.output<(typeof IPC_CHANNELS)[C]['request']>

export type IpcHandlers<E extends InvokeEventLike> = {
  [C in IpcChannel]: (request: Request<C>, event: E) => Promise<IpcResponse<C>> | IpcResponse<C>
}

export interface RegisterIpcOptions {
  /** True when the URL is the app page (see app-url.ts). */
  isTrustedSender: (url: string) => boolean
  /** Where unexpected errors are logged in full; the renderer only sees a short message. */
  log?: (message: string, error?: unknown) => void
}

const fail = (code: IpcErrorCode, message: string): { ok: false; error: IpcErrorInfo } => ({
  ok: false,
  error: { code, message },
})

/** "saveAs: expected boolean, received string" — first few issues, short enough for a banner. */
function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : ''
    return `${where}${issue.message}`
  })
  const more = error.issues.length > 3 ? ` (+${error.issues.length - 3} more)` : ''
  return (parts.join('; ') + more).slice(0, 500)
}

function errorCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** Turns anything a handler threw into a user-facing error: message only, never the stack. */
export function toIpcError(error: unknown): IpcErrorInfo {
  if (error instanceof IpcError) return { code: error.code, message: error.message }
  const message = error instanceof Error ? error.message : String(error)
  // Node file-system errors (ENOENT, EACCES, ENOSPC, …) carry a useful, path-naming message.
  if (/^E[A-Z]+$/.test(errorCodeOf(error) ?? '')) return { code: 'io-error', message }
  return { code: 'internal', message: message || 'Unexpected error' }
}

export function createIpcWrapper<E extends InvokeEventLike, C extends IpcChannel>(
  channel: C,
  handler: IpcHandlers<E>[C],
  options: RegisterIpcOptions,
): (event: E, ...args: unknown[]) => Promise<IpcResult<IpcResponse<C>>> {
  const log = options.log ?? (() => {})
  const schema = IPC_CHANNELS[channel]
  return async (event, ...args) => {
    const url = event.senderFrame?.url
    if (url === undefined || !options.isTrustedSender(url)) {
      log(`Refused ${channel} from untrusted sender ${url ?? '(no frame)'}`)
      return fail('untrusted-sender', `Refused ${channel}: the request did not come from the LayerCanvas window.`)
    }
    if (args.length > 1)
      return fail('invalid-request', `Invalid request for ${channel}: expected at most one argument.`)
    const parsed = schema.request.safeParse(args[0])
    if (!parsed.success) {
      return fail('invalid-request', `Invalid request for ${channel}: ${describeIssues(parsed.error)}`)
    }
    let value: unknown
    try {
      value = await (handler as (request: unknown, event: E) => unknown)(parsed.data, event)
    } catch (error) {
      if (!(error instanceof IpcError)) log(`${channel} failed`, error)
      return { ok: false, error: toIpcError(error) }
    }
    // Checking our own reply keeps internal fields (or a bug's garbage) from reaching the page.
    const reply = schema.response.safeParse(value)
    if (!reply.success) {
      log(`${channel} produced an invalid response: ${describeIssues(reply.error)}`)
      return fail('internal', `${channel} produced an invalid response.`)
    }
    return { ok: true, value: reply.data as IpcResponse<C> }
  }
}

/** Registers all channels; returns a function that removes them again (tests, window reloads). */
export function registerIpc<E extends InvokeEventLike>(
  ipcMain: IpcMainLike<E>,
  handlers: IpcHandlers<E>,
  options: RegisterIpcOptions,
): () => void {
  const channels = Object.keys(IPC_CHANNELS) as IpcChannel[]
  for (const channel of channels) {
    ipcMain.handle(channel, createIpcWrapper(channel, handlers[channel], options))
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel))
}
