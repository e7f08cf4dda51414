import { execFile } from 'node:child_process'
import { join, resolve } from 'node:path'

/** The command line as users run it: the real bin in a child process. Shared by the CLI tests. */
export const ROOT = resolve(import.meta.dirname, '../..')
export const BIN = join(ROOT, 'bin/layercanvas.mjs')

export interface CliRun {
  /** The exit code (-1 when the process was killed by a signal). */
  code: number
  stdout: string
  stderr: string
  /** Wall time of the process. */
  seconds: number
}

export interface CliOptions {
  cwd?: string
  /** Added to this process's environment (LAYERCANVAS_DEBUG is cleared: its lines would mix in). */
  env?: Record<string, string>
}

export function runCli(args: string[], { cwd = ROOT, env = {} }: CliOptions = {}): Promise<CliRun> {
  const started = Date.now()
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { ...process.env, LAYERCANVAS_DEBUG: '', ...env }, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
        done({ code, stdout, stderr, seconds: (Date.now() - started) / 1000 })
      },
    )
  })
}
