import { execFileSync } from 'node:child_process'
import { open } from 'node:fs/promises'
import { expect } from 'vitest'
import { main } from '../../../src/cli/main'

/**
 * Shared by the fuzz tests of files coming in (import.fuzz.test.ts, data-importers.fuzz.test.ts).
 *
 * Budget: a fixed seed and few runs in `npm test` (each file a few seconds); `npm run fuzz`
 * runs many more, and FUZZ_RUNS / FUZZ_SEED override both (FUZZ_SEED reproduces a failure
 * fast-check reported).
 */
const WIDE = process.env.npm_lifecycle_event === 'fuzz'

/** Runs for one property: `ci` in the normal unit run, 25 × that under `npm run fuzz`. */
export function fuzzRuns(ci: number): number {
  const forced = Number(process.env.FUZZ_RUNS)
  if (Number.isInteger(forced) && forced > 0) return forced
  return WIDE ? ci * 25 : ci
}

/** A whole property may take long in a wide run; in `npm test` vitest's usual limit holds. */
export const FUZZ_TEST_TIMEOUT_MS = WIDE || process.env.FUZZ_RUNS ? 30 * 60_000 : 60_000

/** FUZZ_SEED=n replays a failure fast-check reported; FUZZ_SEED=random explores (and prints its seed). */
export const FUZZ_SEED =
  process.env.FUZZ_SEED === 'random'
    ? Date.now()
    : Number.isInteger(Number(process.env.FUZZ_SEED)) && process.env.FUZZ_SEED
      ? Number(process.env.FUZZ_SEED)
      : 20_261_202
if (process.env.FUZZ_SEED === 'random') console.log(`fuzz: FUZZ_SEED=${FUZZ_SEED}`)

/** A case that takes longer than this is a hang. */
export const CASE_TIMEOUT_MS = 10_000

export interface CliRun {
  code: number
  out: string
  err: string
  ms: number
}

/** The real CLI entry (`main`), in-process, with its output collected; a hang fails the case. */
export async function runCli(argv: string[], cwd: string): Promise<CliRun> {
  let out = ''
  let err = ''
  const started = Date.now()
  let timer: NodeJS.Timeout | undefined
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`layercanvas ${argv.join(' ')} did not finish within ${CASE_TIMEOUT_MS} ms`)),
      CASE_TIMEOUT_MS,
    )
  })
  try {
    const code = await Promise.race([
      main(argv, { cwd, out: (text) => void (out += text), err: (text) => void (err += text) }),
      hang,
    ])
    return { code, out, err, ms: Date.now() - started }
  } finally {
    clearTimeout(timer)
  }
}

/** What every run must satisfy: exit 0, 1 or 2 (never 3), no stack, terminal-safe output. */
export function expectCleanRun(run: CliRun): void {
  expect([0, 1, 2], run.err).toContain(run.code)
  expect(run.err).not.toMatch(/internal error/)
  expect(run.err).not.toMatch(/^\s+at /m)
  for (const line of run.err.split('\n').filter((l) => l !== '')) {
    expect(line.startsWith('layercanvas: ') || line.startsWith('  '), line).toBe(true)
    expect(line.length).toBeLessThanOrEqual(4000)
  }
  // eslint-disable-next-line no-control-regex -- exactly what must not reach a terminal
  const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/
  expect(run.out).not.toMatch(unsafe)
  expect(run.err).not.toMatch(unsafe)
}

/** A named pipe at `path` (Node cannot make one itself). */
export function makeFifo(path: string): void {
  execFileSync('mkfifo', [path])
}

/** A sparse file of `bytes`: huge on paper, nothing on the disk. */
export async function makeSparse(path: string, bytes: number): Promise<void> {
  const handle = await open(path, 'w')
  try {
    await handle.truncate(bytes)
  } finally {
    await handle.close()
  }
}
