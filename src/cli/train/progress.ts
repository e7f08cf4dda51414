import type { BatchEvent, EpochEvent } from '../../core/training/events'

/** Minutes:seconds (or h:mm:ss) for an ETA. */
export function clockTime(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const ss = String(s % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}

const num = (n: number | undefined, digits = 4) => (n === undefined || Number.isNaN(n) ? '-' : n.toFixed(digits))

export function batchLine(e: BatchEvent, epochs: number): string {
  const acc = e.accuracy === undefined ? '' : `  acc ${num(e.accuracy)}`
  return `epoch ${e.epoch + 1}/${epochs}  batch ${e.batch + 1}/${e.batchesPerEpoch}  loss ${num(e.loss)}${acc}  ${Math.round(e.samplesPerSec)} samples/s  ETA ${clockTime(e.etaSeconds)}`
}

export function epochLine(e: EpochEvent, epochs: number): string {
  const parts = [`epoch ${e.epoch + 1}/${epochs}`, `loss ${num(e.loss)}`]
  if (e.accuracy !== undefined) parts.push(`acc ${num(e.accuracy)}`)
  parts.push(`val_loss ${num(e.valLoss)}`)
  if (e.valAccuracy !== undefined) parts.push(`val_acc ${num(e.valAccuracy)}`)
  if (e.valMae !== undefined) parts.push(`val_mae ${num(e.valMae)}`)
  parts.push(`lr ${e.learningRate.toPrecision(3)}`, `${e.seconds.toFixed(1)} s`)
  return parts.join('  ')
}

/**
 * Progress on stderr: a redrawn bar on a terminal, otherwise a plain line at most every
 * `intervalMs` (logs and CI stay readable). Epoch summaries always get their own line.
 */
export function createProgress(
  write: (text: string) => void,
  options: { tty: boolean; width?: number; epochs: number; intervalMs?: number },
) {
  const interval = options.intervalMs ?? 10_000
  let lastLine = 0
  let barShown = false
  const clear = () => {
    if (barShown) write('\r\x1b[2K')
    barShown = false
  }
  return {
    batch(e: BatchEvent) {
      if (options.tty) {
        const width = 24
        const done = Math.round(((e.batch + 1) / e.batchesPerEpoch) * width)
        const bar = `[${'='.repeat(Math.max(0, done - 1))}${done > 0 ? '>' : ''}${' '.repeat(width - done)}]`
        const text = `${bar} ${batchLine(e, options.epochs)}`
        const max = (options.width ?? 100) - 1
        write(`\r\x1b[2K${text.length > max ? text.slice(0, max) : text}`)
        barShown = true
        return
      }
      const now = Date.now()
      if (now - lastLine >= interval) {
        lastLine = now
        write(`${batchLine(e, options.epochs)}\n`)
      }
    },
    epoch(e: EpochEvent) {
      clear()
      write(`${epochLine(e, options.epochs)}\n`)
    },
    line(text: string) {
      clear()
      write(`${text}\n`)
    },
    end() {
      clear()
    },
  }
}
