#!/usr/bin/env node
/**
 * Start-up of the command line: wall time of `layercanvas check templates/mlp-mnist.json`, the
 * whole process, with the pre-built CLI (target ≤ 0.2 s) and through the tsx loader
 * (LAYERCANVAS_CLI_BUNDLE=0), beside `node -e 0` for the floor. Builds the CLI first.
 *
 *   node bench/cli-startup.mjs        env BENCH_RUNS (default 15)
 *
 * On Linux it also prints the CPU time (user + system) per run, read from the children's
 * totals in /proc/self/stat: on a machine shared with other jobs the wall time mostly measures
 * the wait for a core, the CPU time what the command itself costs.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const TARGET_S = 0.2
const root = fileURLToPath(new URL('..', import.meta.url))
const bin = join(root, 'bin/layercanvas.mjs')

execFileSync(process.execPath, [join(root, 'scripts/build-cli.mjs')], { stdio: 'inherit' })

/** Seconds of CPU used by waited-for children so far (utime + stime of the children), or null. */
function childrenCpuSeconds() {
  if (!existsSync('/proc/self/stat')) return null
  // Fields after the ")" that closes the command name: cutime and cstime are fields 16 and 17.
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')
  const ticksPerSecond = 100 // USER_HZ, 100 on every Linux architecture Node supports
  return (Number(fields[13]) + Number(fields[14])) / ticksPerSecond
}

function measure(label, args, env) {
  const walls = []
  const cpuBefore = childrenCpuSeconds()
  for (let i = 0; i <= RUNS; i++) {
    const started = performance.now()
    const run = spawnSync(process.execPath, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    const seconds = (performance.now() - started) / 1000
    if (run.status !== 0) throw new Error(`${label}: exit ${run.status}: ${run.stderr}`)
    if (i > 0) walls.push(seconds) // the first run warms the file cache
  }
  const cpuAfter = childrenCpuSeconds()
  walls.sort((a, b) => a - b)
  return {
    label,
    medianS: walls[walls.length >> 1],
    minS: walls[0],
    // Includes the warm-up run, so divide by RUNS + 1.
    cpuPerRunS: cpuBefore === null ? null : (cpuAfter - cpuBefore) / (RUNS + 1),
  }
}

const check = ['check', 'templates/mlp-mnist.json']
const results = [
  measure('node -e 0 (the floor)', ['-e', '0'], {}),
  measure('check, pre-built CLI', [bin, ...check], { LAYERCANVAS_CLI_BUNDLE: '1' }),
  measure('check, through tsx', [bin, ...check], { LAYERCANVAS_CLI_BUNDLE: '0' }),
]

const s = (n) => `${n.toFixed(3)} s`
console.log(`cli-startup: \`layercanvas check templates/mlp-mnist.json\`, ${RUNS} runs each`)
for (const r of results) {
  const cpu = r.cpuPerRunS === null ? '' : `  cpu ${s(r.cpuPerRunS)}/run`
  const verdict = r.label.includes('pre-built')
    ? `  target ≤ ${TARGET_S} s: ${r.medianS <= TARGET_S ? 'meets' : 'MISSES'}`
    : ''
  console.log(`  ${r.label.padEnd(22)}  median ${s(r.medianS)}  min ${s(r.minS)}${cpu}${verdict}`)
}

mkdirSync(join(root, 'bench-results'), { recursive: true })
writeFileSync(
  join(root, 'bench-results/cli-startup.json'),
  JSON.stringify({ runs: RUNS, targetS: TARGET_S, results }, null, 2) + '\n',
)
