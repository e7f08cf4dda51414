import * as realFs from 'node:fs/promises'
import {
  chmod,
  chown,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { BackupNotAFileError, writeFileAtomic, type AtomicFs } from '../../../src/node/atomic-write'
import {
  isTempNameFor,
  removeStaleTemps,
  STALE_TEMP_AGE_MS,
  tempNameFor,
  withTempInUse,
} from '../../../src/node/temp-files'

let dir: string
beforeEach(async () => {
  dir = await realFs.realpath(await mkdtemp(join(tmpdir(), 'layercanvas-atomic-')))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const modeOf = async (path: string) => (await stat(path)).mode & 0o7777
const temps = async () => (await readdir(dir)).filter((name) => name.endsWith('.tmp'))
/** Sets a file's times to `ageMs` before now, as a save killed that long ago would leave it. */
const age = async (path: string, ageMs: number) => {
  const then = new Date(Date.now() - ageMs)
  await utimes(path, then, then)
}

const failing = (step: 'rename' | 'write', code = 'EIO'): AtomicFs => ({
  ...realFs,
  rename: async () => {
    if (step === 'rename') throw Object.assign(new Error(`${code}: rename failed`), { code })
  },
  open: (async (...args: Parameters<typeof realFs.open>) => {
    const handle = await realFs.open(...args)
    if (step !== 'write') return handle
    // Writes part of the data, then fails like a full disk would.
    handle.writeFile = async (data: unknown) => {
      await realFs.appendFile(String(args[0]), String(data).slice(0, 3))
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
    }
    return handle
  }) as AtomicFs['open'],
})

describe('writeFileAtomic', () => {
  it('writes the new content and keeps the previous one as .bak', async () => {
    const target = join(dir, 'model.layercanvas.json')
    await writeFileAtomic(realFs, target, 'first')
    expect(await readFile(target, 'utf8')).toBe('first')
    await writeFileAtomic(realFs, target, 'second')
    expect(await readFile(target, 'utf8')).toBe('second')
    expect(await readFile(`${target}.bak`, 'utf8')).toBe('first')
    expect((await readdir(dir)).sort()).toEqual(['model.layercanvas.json', 'model.layercanvas.json.bak'])
  })

  it('writes bytes as well as text', async () => {
    const target = join(dir, 'weights.bin')
    await writeFileAtomic(realFs, target, new Uint8Array([0, 1, 254, 255]))
    expect([...(await readFile(target))]).toEqual([0, 1, 254, 255])
  })

  it.each(['rename', 'write'] as const)(
    'leaves the previous file intact when %s fails, and no temp file',
    async (step) => {
      const target = join(dir, 'model.layercanvas.json')
      await writeFile(target, 'precious')
      await expect(writeFileAtomic(failing(step), target, 'new content')).rejects.toThrow()
      expect(await readFile(target, 'utf8')).toBe('precious')
      expect(await temps()).toEqual([])
    },
  )

  it('retries a rename that Windows briefly refuses', async () => {
    const target = join(dir, 'a.json')
    let failures = 2
    const flaky: AtomicFs = {
      ...realFs,
      rename: async (from, to) => {
        if (failures-- > 0) throw Object.assign(new Error('EBUSY'), { code: 'EBUSY' })
        return realFs.rename(from, to)
      },
    }
    await writeFileAtomic(flaky, target, 'ok', { sleep: async () => {} })
    expect(await readFile(target, 'utf8')).toBe('ok')
  })

  it.runIf(process.platform !== 'win32')(
    'keeps the permissions of the file it replaces, and gives the backup the same',
    async () => {
      const target = join(dir, 'private.json')
      await writeFile(target, 'secret v1')
      await chmod(target, 0o600)
      await writeFileAtomic(realFs, target, 'secret v2')
      expect(await modeOf(target)).toBe(0o600)
      expect(await modeOf(`${target}.bak`)).toBe(0o600)
      await chmod(target, 0o640)
      await writeFileAtomic(realFs, target, 'secret v3')
      expect(await modeOf(target)).toBe(0o640)
      expect(await readFile(target, 'utf8')).toBe('secret v3')
    },
  )

  it.runIf(process.platform !== 'win32')(
    'still saves where the file system refuses chmod, and then keeps the file private',
    async () => {
      const target = join(dir, 'on-a-usb-stick.json')
      await writeFile(target, 'v1')
      await chmod(target, 0o644)
      const noChmod: AtomicFs = {
        ...realFs,
        open: (async (...args: Parameters<typeof realFs.open>) => {
          const handle = await realFs.open(...args)
          handle.chmod = async () =>
            Promise.reject(Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' }))
          return handle
        }) as AtomicFs['open'],
      }
      await writeFileAtomic(noChmod, target, 'v2')
      expect(await readFile(target, 'utf8')).toBe('v2')
      expect(await modeOf(target)).toBe(0o600)
    },
  )

  it.runIf(process.platform !== 'win32')('gives a new file the usual permissions (umask applies)', async () => {
    const target = join(dir, 'new.json')
    await writeFileAtomic(realFs, target, 'x')
    expect(await modeOf(target)).toBe(0o666 & ~process.umask())
  })

  it.runIf(process.getuid?.() === 0)('keeps the owner and group where it may (as root here)', async () => {
    const target = join(dir, 'theirs.json')
    await writeFile(target, 'v1')
    await chown(target, 4321, 4322)
    await writeFileAtomic(realFs, target, 'v2')
    const info = await stat(target)
    expect([info.uid, info.gid]).toEqual([4321, 4322])
  })

  it('never writes through a .bak that is a symbolic link: the link is replaced by a plain file', async () => {
    const target = join(dir, 'project.json')
    const victim = join(dir, 'victim.txt')
    await writeFile(target, 'previous project')
    await writeFile(victim, 'do not touch')
    await symlink(victim, `${target}.bak`)
    await writeFileAtomic(realFs, target, 'new project')
    expect(await readFile(victim, 'utf8')).toBe('do not touch')
    expect((await lstat(`${target}.bak`)).isSymbolicLink()).toBe(false)
    expect(await readFile(`${target}.bak`, 'utf8')).toBe('previous project')
    expect(await readFile(target, 'utf8')).toBe('new project')
  })

  it('a dangling .bak link pointing at a new path creates nothing there', async () => {
    const target = join(dir, 'project.json')
    const planted = join(dir, 'planted.sh')
    await writeFile(target, 'v1')
    await symlink(planted, `${target}.bak`)
    await writeFileAtomic(realFs, target, 'v2')
    await expect(stat(planted)).rejects.toMatchObject({ code: 'ENOENT' })
    expect(await readFile(`${target}.bak`, 'utf8')).toBe('v1')
  })

  it('refuses, changing nothing, when .bak is a folder', async () => {
    const target = join(dir, 'project.json')
    await writeFile(target, 'v1')
    await mkdir(`${target}.bak`)
    await writeFile(join(`${target}.bak`, 'inside.txt'), 'keep')
    const error = await writeFileAtomic(realFs, target, 'v2').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BackupNotAFileError)
    expect((error as BackupNotAFileError).backupPath).toBe(`${target}.bak`)
    expect(await readFile(target, 'utf8')).toBe('v1')
    expect(await readFile(join(`${target}.bak`, 'inside.txt'), 'utf8')).toBe('keep')
    expect(await temps()).toEqual([])
  })

  it('saves through a symbolic link the user made: the linked file is replaced, the link stays', async () => {
    await mkdir(join(dir, 'real'))
    const real = join(dir, 'real', 'project.json')
    const link = join(dir, 'link.json')
    await writeFile(real, 'v1')
    await symlink(real, link)
    await writeFileAtomic(realFs, link, 'v2')
    expect(await readlink(link)).toBe(real)
    expect(await readFile(real, 'utf8')).toBe('v2')
    expect(await readFile(`${real}.bak`, 'utf8')).toBe('v1')
  })

  it('creates its temp file exclusively (O_EXCL), never opening an existing name', async () => {
    const flags: unknown[] = []
    const spying: AtomicFs = {
      ...realFs,
      open: ((path: string, flag: unknown, mode?: number) => {
        flags.push(flag)
        return realFs.open(path, flag as string, mode)
      }) as AtomicFs['open'],
    }
    await writeFileAtomic(spying, join(dir, 'a.json'), 'x')
    expect(flags[0]).toBe('wx')
  })

  it('removes temp files of its own earlier, killed saves of the same file, and nothing else', async () => {
    const target = join(dir, 'net.json')
    await writeFile(target, 'v1')
    const old = 60 * 60 * 1000
    const stale = ['.net.json.0123456789ab.tmp', '.net.json.bak.ba9876543210.tmp']
    const kept = {
      fresh: '.net.json.aaaaaaaaaaaa.tmp', // could be another process's save in progress
      otherFile: '.other.json.0123456789ab.tmp',
      shortHex: '.net.json.abc.tmp',
      upperHex: '.net.json.0123456789AB.tmp',
      notHidden: 'net.json.0123456789ab.tmp',
      editorSwap: '.net.json.swp',
      folder: '.net.json.cccccccccccc.tmp',
      link: '.net.json.dddddddddddd.tmp',
    }
    for (const name of [...stale, ...Object.values(kept)]) {
      if (name === kept.folder) await mkdir(join(dir, name))
      else if (name === kept.link) await symlink(join(dir, 'victim.txt'), join(dir, name))
      else await writeFile(join(dir, name), 'leftover')
      if (name !== kept.fresh && name !== kept.link) await age(join(dir, name), old)
    }
    await writeFile(join(dir, 'victim.txt'), 'keep')
    await writeFileAtomic(realFs, target, 'v2')
    const left = await readdir(dir)
    for (const name of stale) expect(left, name).not.toContain(name)
    for (const name of Object.values(kept)) expect(left, name).toContain(name)
    expect(await readFile(join(dir, 'victim.txt'), 'utf8')).toBe('keep')
  })
})

describe('temp files', () => {
  it('names temps so that only our own pattern for the same file matches', () => {
    const name = tempNameFor('a (1).json')
    expect(name).toMatch(/^\.a \(1\)\.json\.[0-9a-f]{12}\.tmp$/)
    expect(isTempNameFor('a (1).json', name)).toBe(true)
    expect(isTempNameFor('a (1).jsonx', name)).toBe(false)
    expect(isTempNameFor('a.(1).json', name)).toBe(false)
    expect(isTempNameFor('a (1).json', `${name}.tmp`)).toBe(false)
  })

  it('never removes a temp that this process is writing, however old', async () => {
    const path = join(dir, tempNameFor('x.json'))
    await writeFile(path, 'in progress')
    await age(path, 2 * STALE_TEMP_AGE_MS)
    const removed = await withTempInUse(path, () =>
      removeStaleTemps(realFs, dir, { names: ['x.json'], kind: 'file', startedAt: Date.now() }),
    )
    expect(removed).toEqual([])
    expect(await removeStaleTemps(realFs, dir, { names: ['x.json'], kind: 'file', startedAt: Date.now() })).toEqual([
      path.slice(dir.length + 1),
    ])
  })

  it('removes only temps older than the save by the stale age, and only the current user’s', async () => {
    const path = join(dir, tempNameFor('x.json'))
    await writeFile(path, 'leftover')
    await age(path, STALE_TEMP_AGE_MS / 2)
    const now = Date.now()
    expect(await removeStaleTemps(realFs, dir, { names: ['x.json'], kind: 'file', startedAt: now })).toEqual([])
    const owner = (await stat(path)).uid
    const later = now + STALE_TEMP_AGE_MS
    expect(
      await removeStaleTemps(realFs, dir, { names: ['x.json'], kind: 'file', startedAt: later, uid: owner + 1 }),
    ).toEqual([])
    expect(
      await removeStaleTemps(realFs, dir, { names: ['x.json'], kind: 'file', startedAt: later, uid: owner }),
    ).toHaveLength(1)
  })

  it('treats a folder it cannot list as having nothing to clean', async () => {
    const fs = {
      ...realFs,
      readdir: vi.fn(async () => Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' }))),
    }
    expect(await removeStaleTemps(fs, dir, { names: ['x'], kind: 'file', startedAt: Date.now() })).toEqual([])
  })
})
