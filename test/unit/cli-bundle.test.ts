import { execFile } from 'node:child_process'
import { appendFile, cp, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * The pre-built CLI (scripts/build-cli.mjs → out/cli/) must behave exactly like the TypeScript
 * sources run through tsx, and bin/layercanvas.mjs must never run a build older than its sources.
 */
const ROOT = resolve(import.meta.dirname, '../..')

interface Run {
  code: number
  stdout: string
  stderr: string
}

function node(args: string[], env: Record<string, string> = {}, cwd = ROOT): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      args,
      { cwd, env: { ...process.env, LAYERCANVAS_DEBUG: '', ...env }, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
        done({ code, stdout, stderr })
      },
    )
  })
}

/** The bin of the package at `root`: with the bundle required (1), refused (0) or chosen by the stamp. */
const bin = (root: string, args: string[], bundle: '0' | '1' | '' = '') =>
  node([join(root, 'bin/layercanvas.mjs'), ...args], { LAYERCANVAS_CLI_BUNDLE: bundle })

const run = (file: string, args: string[]) =>
  new Promise<void>((done, fail) => execFile(file, args, (error) => (error ? fail(error) : done())))

async function buildCli(root: string): Promise<Run> {
  return node([join(root, 'scripts/build-cli.mjs')])
}

beforeAll(async () => {
  // npm test builds before the unit tests; build again so this file also tests the current
  // sources when run alone (an unchanged build only rewrites the stamp).
  const built = await buildCli(ROOT)
  expect(built.stderr).toBe('')
  expect(built.code).toBe(0)
}, 120_000)

describe('the pre-built CLI gives the same output as the TypeScript sources', () => {
  /**
   * Runs every case through main() of one implementation in ONE process (a process per case
   * through tsx would take minutes on a small machine): `bundle` imports the built entry,
   * `tsx` imports src/cli/main.ts through the tsx loader, as the bin does.
   */
  async function runAll(kind: 'bundle' | 'tsx', cases: string[][]): Promise<Run[]> {
    const stamp = JSON.parse(await readFile(join(ROOT, 'out/cli/stamp.json'), 'utf8')) as { build: string }
    const entry = pathToFileURL(join(ROOT, 'out/cli', stamp.build, 'layercanvas.mjs')).href
    const script = `
      let main
      if (${JSON.stringify(kind)} === 'tsx') {
        const { register } = await import('tsx/esm/api')
        register({ tsconfig: ${JSON.stringify(join(ROOT, 'tsconfig.node.json'))} })
        main = (await import(${JSON.stringify(pathToFileURL(join(ROOT, 'src/cli/main.ts')).href)})).main
      } else {
        main = (await import(${JSON.stringify(entry)})).main
      }
      const results = []
      for (const argv of ${JSON.stringify(cases)}) {
        let stdout = '', stderr = ''
        const code = await main(argv, { cwd: ${JSON.stringify(ROOT)}, out: (t) => { stdout += t }, err: (t) => { stderr += t } })
        results.push({ code, stdout, stderr })
      }
      process.stdout.write(JSON.stringify(results))`
    const run = await node(['--input-type=module', '-e', script])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    return JSON.parse(run.stdout) as Run[]
  }

  it('check: every template and CLI fixture, text and --json, en and zh-CN', async () => {
    const templates = (await readdir(join(ROOT, 'templates')))
      .filter((f) => f.endsWith('.json'))
      .map((f) => `templates/${f}`)
    const fixtures = (await readdir(join(ROOT, 'test/fixtures/cli')))
      .filter((f) => f.endsWith('.json'))
      .map((f) => `test/fixtures/cli/${f}`)
    expect(templates.length).toBeGreaterThanOrEqual(16)
    const cases = [...templates, ...fixtures, 'no/such/file.json'].flatMap((file) => [
      ['check', file],
      ['check', file, '--json'],
      ['check', file, '--lang', 'zh-CN'],
      ['check', file, '--json', '--lang', 'zh-CN'],
    ])
    cases.push(
      ['check'],
      ['check', 'templates/lenet5.json', '--lang', 'fr'],
      ['check', '--nope', 'x.json'],
      ['nope'],
      ['--help'],
      ['--version'],
    )
    const [bundled, viaTsx] = await Promise.all([runAll('bundle', cases), runAll('tsx', cases)])
    cases.forEach((argv, i) => expect({ argv, ...bundled[i] }).toEqual({ argv, ...viaTsx[i] }))
    // The matrix covers every exit code check has, so equality above is not vacuous.
    expect(new Set(bundled.map((r) => r.code))).toEqual(new Set([0, 1, 2]))
    expect(bundled.find((r, i) => cases[i][1] === 'templates/mlp-mnist.json')!.stdout).toMatch(/101,770/)
  }, 240_000)

  it('the bin: same bytes and exit codes 0, 1 and 2 with the bundle as through tsx', async () => {
    const cases = [
      ['check', 'templates/mlp-mnist.json'],
      ['check', 'test/fixtures/cli/needs-flatten.json', '--lang', 'zh-CN'],
      ['check', 'test/fixtures/cli/invalid-json.json', '--json'],
    ]
    const codes = []
    for (const args of cases) {
      const [bundled, viaTsx] = await Promise.all([bin(ROOT, args, '1'), bin(ROOT, args, '0')])
      expect(bundled).toEqual(viaTsx)
      codes.push(bundled.code)
    }
    expect(codes).toEqual([0, 1, 2])
  }, 120_000)

  it('check loads the bundle and never tfjs', async () => {
    // A module hook that reports every module loaded (on stderr, before the command's output).
    const hook = `export async function load(url, context, next) { process._rawDebug('LOADED ' + url); return next(url, context) }`
    const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)})`
    const run = await node(
      [
        '--import',
        `data:text/javascript,${encodeURIComponent(register)}`,
        'bin/layercanvas.mjs',
        'check',
        'templates/lenet5.json',
      ],
      { LAYERCANVAS_CLI_BUNDLE: '' },
    )
    expect(run.code).toBe(0)
    const loaded = run.stderr
      .split('\n')
      .filter((line) => line.startsWith('LOADED '))
      .map((line) => line.slice('LOADED '.length))
    expect(loaded.some((url) => /\/out\/cli\/[0-9a-f]{16}\/layercanvas\.mjs$/.test(url))).toBe(true)
    expect(loaded.filter((url) => url.includes('/src/'))).toEqual([])
    expect(loaded.filter((url) => /tensorflow|tsx|esbuild/.test(url))).toEqual([])
  }, 60_000)
})

describe('a build never runs older than its sources', () => {
  // A copy of the package (sources, bin, build script; node_modules linked) to edit freely.
  let pkg = ''
  beforeAll(async () => {
    pkg = await mkdtemp(join(tmpdir(), 'layercanvas-bundle-'))
    for (const path of [
      'bin',
      'scripts/build-cli.mjs',
      'src/cli',
      'src/core',
      'src/node',
      'src/shared',
      'package.json',
      'tsconfig.node.json',
      'tsconfig.base.json',
    ]) {
      await cp(join(ROOT, path), join(pkg, path), { recursive: true })
    }
    await symlink(join(ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir')
    const built = await buildCli(pkg)
    expect(built.code).toBe(0)
  }, 120_000)
  afterAll(() => rm(pkg, { recursive: true, force: true }))

  it('runs the bundle when fresh; an edited source runs as edited (tsx), and =1 refuses the stale bundle', async () => {
    expect(await bin(pkg, ['--version'], '1')).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' })

    // A visible edit: the old bundle would print the version only.
    const main = join(pkg, 'src/cli/main.ts')
    const original = await readFile(main, 'utf8')
    await appendFile(main, "\nprocess.stdout.write('edited\\n')\n")
    expect(await bin(pkg, ['--version'])).toEqual({ code: 0, stdout: 'edited\n0.1.0\n', stderr: '' })
    const debug = await node([join(pkg, 'bin/layercanvas.mjs'), '--version'], {
      LAYERCANVAS_DEBUG: '1',
      LAYERCANVAS_CLI_BUNDLE: '',
    })
    expect(debug.stderr).toBe('layercanvas: running the sources through tsx: src/cli/main.ts changed after the build\n')
    const refused = await bin(pkg, ['--version'], '1')
    expect(refused.code).toBe(3)
    expect(refused.stderr).toMatch(
      /^layercanvas: .*LAYERCANVAS_CLI_BUNDLE=1.*src\/cli\/main\.ts changed after the build.*npm run build:cli\)\n$/,
    )

    // Rebuilt, the bundle has the edit.
    expect((await buildCli(pkg)).code).toBe(0)
    expect(await bin(pkg, ['--version'], '1')).toEqual({ code: 0, stdout: 'edited\n0.1.0\n', stderr: '' })
    await writeFile(main, original)
  }, 120_000)

  it('a same-size edit with the old mtime put back, a touch, a new file beside a source: all stale', async () => {
    expect((await buildCli(pkg)).code).toBe(0)
    const text = join(pkg, 'src/cli/text.ts')
    const before = await stat(text, { bigint: true })
    const source = await readFile(text, 'utf8')
    // Same length, different bytes, the mtime put back to the nanosecond (touch -r, as a
    // restore tool would): only the ctime tells.
    const reference = join(pkg, 'mtime-reference')
    await run('touch', ['-r', text, reference])
    await writeFile(text, source.replace(/a/, 'b'))
    await run('touch', ['-r', reference, text])
    const after = await stat(text, { bigint: true })
    expect([after.size, after.mtimeNs]).toEqual([before.size, before.mtimeNs])
    expect((await bin(pkg, ['--version'], '1')).stderr).toMatch(/src\/cli\/text\.ts changed after the build/)

    await writeFile(text, source)
    expect((await buildCli(pkg)).code).toBe(0)
    expect((await bin(pkg, ['--version'], '1')).code).toBe(0)
    await run('touch', [text])
    expect((await bin(pkg, ['--version'], '1')).stderr).toMatch(/src\/cli\/text\.ts changed after the build/)

    expect((await buildCli(pkg)).code).toBe(0)
    await writeFile(join(pkg, 'src/cli/commands/extra.ts'), 'export {}\n')
    expect((await bin(pkg, ['--version'], '1')).stderr).toMatch(/src\/cli\/commands changed after the build/)
    // Without =1 the command still answers, from the sources.
    expect(await bin(pkg, ['--version'])).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' })
  }, 120_000)

  it('a deleted output file makes the build stale, and the next build restores it', async () => {
    expect((await buildCli(pkg)).code).toBe(0)
    const stamp = JSON.parse(await readFile(join(pkg, 'out/cli/stamp.json'), 'utf8')) as { build: string }
    const folder = join(pkg, 'out/cli', stamp.build)
    const chunk = (await readdir(folder)).find((name) => name.startsWith('check-'))!
    await rm(join(folder, chunk))
    expect((await bin(pkg, ['--version'], '1')).stderr).toContain(`out/cli/${stamp.build}/${chunk} is gone`)
    expect((await buildCli(pkg)).code).toBe(0)
    const run = await bin(pkg, ['check', join(ROOT, 'templates/mlp-mnist.json')], '1')
    expect([run.code, run.stderr]).toEqual([0, ''])
  }, 120_000)

  it('the build refuses a static tfjs import and a use of import.meta it cannot rebase, and then vouches for nothing', async () => {
    const check = join(pkg, 'src/cli/commands/check.ts')
    const original = await readFile(check, 'utf8')
    await writeFile(check, `import '@tensorflow/tfjs'\n${original}`)
    const tfjs = await buildCli(pkg)
    expect(tfjs.code).toBe(1)
    expect(tfjs.stderr).toMatch(/a static import of @tensorflow\/\* in .*check-.*\.mjs/)
    expect((await bin(pkg, ['--version'], '1')).stderr).toMatch(/there is no readable out\/cli\/stamp\.json/)

    await writeFile(check, `${original}\nexport const here = import.meta.dirname\n`)
    const meta = await buildCli(pkg)
    expect(meta.code).toBe(1)
    const line = `${original}\n`.split('\n').length
    expect(meta.stderr).toContain(
      `src/cli/commands/check.ts:${line}: import.meta used in a way the bundle cannot rebase`,
    )

    // postinstall's mode: the same failure warns and exits 0, since the command runs without it.
    const optional = await node([join(pkg, 'scripts/build-cli.mjs'), '--if-possible'])
    expect(optional.code).toBe(0)
    expect(optional.stderr).toMatch(/could not build/)
    await writeFile(check, original)
  }, 120_000)
})
