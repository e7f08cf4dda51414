import type { WorkerMessage } from '../worker/protocol'

/**
 * The worker's request/answer pairs (weights, export, data, trained weights, samples, Try it,
 * bench): one registry instead of a map per kind. Each request says what it resolves to when
 * the worker dies before answering, so no caller waits forever.
 */

interface Pending {
  resolve: (value: never) => void
  lost: (message: string) => unknown
}

const pending = new Map<number, Pending>()
let nextRequest = 1

/** Sends `build(requestId)` and resolves with its answer, or with `lost(reason)` if the worker stops. */
export function request<T>(
  send: (requestId: number) => void,
  lost: (message: string) => T,
  onAnswer?: (value: T) => T,
): Promise<T> {
  const requestId = nextRequest++
  return new Promise<T>((resolve) => {
    const settle = (value: T) => resolve(onAnswer ? onAnswer(value) : value)
    pending.set(requestId, { resolve: settle as (value: never) => void, lost })
    send(requestId)
  })
}

/** The answer a reply carries, or undefined when the message is not an answer to a request. */
function answerOf(message: WorkerMessage): { requestId: number; value: unknown } | undefined {
  switch (message.type) {
    case 'weights':
      return { requestId: message.requestId, value: message.trained ?? null }
    case 'bench':
    case 'export':
    case 'loadedTrained':
    case 'exportData':
    case 'sampled':
      return { requestId: message.requestId, value: message.result }
    case 'tryit':
      return { requestId: message.requestId, value: message.answer }
    default:
      return undefined
  }
}

/** The worker's answers to requests made here. */
type Reply = Extract<
  WorkerMessage,
  { type: 'weights' | 'bench' | 'export' | 'loadedTrained' | 'exportData' | 'sampled' | 'tryit' }
>

/** Settles the request a reply answers; false when the message is not a reply. */
export function settleReply(message: WorkerMessage): message is Reply {
  const answer = answerOf(message)
  if (!answer) return false
  const entry = pending.get(answer.requestId)
  pending.delete(answer.requestId)
  entry?.resolve(answer.value as never)
  return true
}

/** The worker stopped: every open request resolves with its own "lost" answer. */
export function settleAllLost(message: string): void {
  const open = [...pending.values()]
  pending.clear()
  for (const entry of open) entry.resolve(entry.lost(message) as never)
}
