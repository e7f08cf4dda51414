import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  realpath,
  rm,
  stat,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeFilesAtomically, writeProjectFile } from '../../src/cli/write-files'
import { runCli } from './cli-process'

/** The CLI's writes go through the same atomic-write module as the app's saves. */
const posix = process.platform !== 'win32'

let dir: string
beforeEach(async () => {
  dir = await realpath(await mkdtemp(join(tmpdir(), 'layercanvas-cli-write-')))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const modeOf = async (path: string) => (await stat(path)).mode & 0o777

const cli = (args: string[]) => runCli(args)

describe('writeProjectFile', () => {
  it.runIf(posix)('replaces a project keeping its permissions and the previous version as .bak', async () => {
    const path = join(dir, 'net.json')
    await writeFile(path, 'v1')
    await chmod(path, 0o600)
    await writeProjectFile(path, 'v2')
    expect(await readFile(path, 'utf8')).toBe('v2')
    expect(await modeOf(path)).toBe(0o600)
    expect(await readFile(`${path}.bak`, 'utf8')).toBe('v1')
  })

  it('creates missing folders and leaves nothing else behind', async () => {
    const path = join(dir, 'new', 'deeper', 'net.json')
    await writeProjectFile(path, 'v1')
    expect(await readFile(path, 'utf8')).toBe('v1')
    expect(await readdir(dir)).toEqual(['new'])
  })

  it.runIf(posix)(
    '`layercanvas import --out` over a 0600 project keeps it 0600, never following a .bak link',
    async () => {
      const model = join(dir, 'model.json')
      await writeFile(
        model,
        JSON.stringify({
          modelTopology: {
            class_name: 'Sequential',
            config: {
              layers: [{ class_name: 'Dense', config: { name: 'd', units: 2, batch_input_shape: [null, 3] } }],
            },
          },
        }),
      )
      const project = join(dir, 'project.json')
      const victim = join(dir, 'victim.txt')
      await writeFile(project, '{"old":true}')
      await chmod(project, 0o600)
      await writeFile(victim, 'keep')
      await symlink(victim, `${project}.bak`)
      const run = await cli(['import', model, '--out', project, '--no-weights'])
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect(JSON.parse(await readFile(project, 'utf8'))).toMatchObject({ format: 'layercanvas' })
      expect(await modeOf(project)).toBe(0o600)
      expect(await readFile(victim, 'utf8')).toBe('keep')
      expect(await readFile(`${project}.bak`, 'utf8')).toBe('{"old":true}')
    },
  )
})

describe('writeFilesAtomically', () => {
  it.runIf(posix)('keeps the permissions of files it replaces', async () => {
    const out = join(dir, 'out')
    await mkdir(out)
    await writeFile(join(out, 'model.json'), 'old')
    await chmod(join(out, 'model.json'), 0o600)
    expect(await writeFilesAtomically(out, { 'model.json': 'new', 'README.md': '# hi' })).toEqual([
      'README.md',
      'model.json',
    ])
    expect(await readFile(join(out, 'model.json'), 'utf8')).toBe('new')
    expect(await modeOf(join(out, 'model.json'))).toBe(0o600)
    expect(await modeOf(join(out, 'README.md'))).toBe(0o666 & ~process.umask())
  })

  it('replaces a symbolic link in the output folder instead of writing through it', async () => {
    const out = join(dir, 'out')
    const victim = join(dir, 'victim.txt')
    await mkdir(out)
    await writeFile(victim, 'keep')
    await symlink(victim, join(out, 'model.json'))
    await writeFilesAtomically(out, { 'model.json': 'exported' })
    expect(await readFile(victim, 'utf8')).toBe('keep')
    expect((await lstat(join(out, 'model.json'))).isSymbolicLink()).toBe(false)
    expect(await readFile(join(out, 'model.json'), 'utf8')).toBe('exported')
  })

  it('removes the staging folder an interrupted earlier run left, and no one else’s', async () => {
    const out = join(dir, 'out')
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000)
    const leftover = '.out.0123456789ab.tmp'
    const others = ['.out.aaaaaaaaaaaa.tmp', '.elsewhere.0123456789ab.tmp']
    for (const name of [leftover, ...others]) {
      await mkdir(join(dir, name))
      if (name !== others[0]) await utimes(join(dir, name), hourAgo, hourAgo)
    }
    await writeFilesAtomically(out, { 'a.txt': 'a' })
    expect((await readdir(dir)).sort()).toEqual([...others, 'out'].sort())
  })

  it('refuses names that leave the folder, writing nothing', async () => {
    await expect(writeFilesAtomically(join(dir, 'out'), { '../evil.txt': 'x' })).rejects.toThrow(
      /outside the output folder/,
    )
    expect(await readdir(dir)).toEqual([])
  })
})
