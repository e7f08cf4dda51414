import * as realFs from 'node:fs/promises'
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createExportFolder, writeExportFolder, type ExportFs } from '../../../src/main/export-folder'
import { IPC_CHANNELS, isSafeRelativePath } from '../../../src/shared/ipc-contract'

let dir: string
beforeEach(async () => {
  dir = await realFs.realpath(await mkdtemp(join(tmpdir(), 'layercanvas-export-')))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const files = [
  { path: 'model.json', data: '{"format":"layers-model"}' },
  { path: 'weights.bin', data: new Uint8Array([1, 2, 3, 4]) },
  { path: 'python/README.md', data: '# hi' },
]

describe('export folder: path rules', () => {
  it.each([
    ['model.json', true],
    ['sub/dir/file.bin', true],
    ['../evil.txt', false],
    ['a/../../evil', false],
    ['./model.json', false],
    ['/etc/passwd', false],
    ['C:/Windows/x', false],
    ['C:\\Windows\\x', false],
    ['\\\\server\\share', false],
    ['a//b', false],
    ['', false],
    ['a\u0000b', false],
    [' model.json', false],
  ])('isSafeRelativePath(%j) is %s', (path, safe) => {
    expect(isSafeRelativePath(path)).toBe(safe)
  })

  it('the IPC schema refuses traversal before any handler runs', () => {
    const schema = IPC_CHANNELS['export:writeFolder'].request
    expect(schema.safeParse({ suggestedName: 'm-tfjs', files }).success).toBe(true)
    expect(schema.safeParse({ suggestedName: 'm-tfjs', files: [{ path: '../../x', data: 'a' }] }).success).toBe(false)
    expect(schema.safeParse({ suggestedName: '../up', files }).success).toBe(false)
    expect(schema.safeParse({ suggestedName: 'a/b', files }).success).toBe(false)
    expect(schema.safeParse({ suggestedName: 'm', files: [] }).success).toBe(false)
    expect(schema.safeParse({ suggestedName: 'm', files: [{ path: 'a', data: 42 }] }).success).toBe(false)
  })
})

describe('writeExportFolder', () => {
  it('writes every file into a new sub-folder and leaves no temp folder', async () => {
    const result = await writeExportFolder(realFs, dir, { suggestedName: 'MLP-tfjs', files })
    expect(result).toEqual({ name: 'MLP-tfjs', path: join(dir, 'MLP-tfjs') })
    expect(await readFile(join(dir, 'MLP-tfjs', 'model.json'), 'utf8')).toBe('{"format":"layers-model"}')
    expect([...(await readFile(join(dir, 'MLP-tfjs', 'weights.bin')))]).toEqual([1, 2, 3, 4])
    expect(await readFile(join(dir, 'MLP-tfjs', 'python', 'README.md'), 'utf8')).toBe('# hi')
    expect(await readdir(dir)).toEqual(['MLP-tfjs'])
  })

  it('never merges into an existing folder: picks "name (2)"', async () => {
    await mkdir(join(dir, 'MLP-tfjs'))
    await writeFile(join(dir, 'MLP-tfjs', 'model.json'), 'precious')
    const result = await writeExportFolder(realFs, dir, { suggestedName: 'MLP-tfjs', files })
    expect(result.name).toBe('MLP-tfjs (2)')
    expect(await readFile(join(dir, 'MLP-tfjs', 'model.json'), 'utf8')).toBe('precious')
    expect((await readdir(dir)).sort()).toEqual(['MLP-tfjs', 'MLP-tfjs (2)'])
  })

  it('refuses paths that leave the folder, writing nothing', async () => {
    for (const path of ['../evil.txt', 'a/../../evil.txt', '/tmp/evil.txt']) {
      await expect(
        writeExportFolder(realFs, dir, { suggestedName: 'x', files: [{ path, data: 'evil' }] }),
      ).rejects.toMatchObject({ code: 'path-not-allowed' })
    }
    await expect(writeExportFolder(realFs, dir, { suggestedName: '..', files })).rejects.toMatchObject({
      code: 'path-not-allowed',
    })
    expect(await readdir(dir)).toEqual([])
  })

  it('refuses an export over the size limit', async () => {
    await expect(
      writeExportFolder(realFs, dir, { suggestedName: 'big', files }, { maxBytes: 10 }),
    ).rejects.toMatchObject({ code: 'file-too-large' })
    expect(await readdir(dir)).toEqual([])
  })

  it('a write failing midway leaves no export folder and no temp folder (all or nothing)', async () => {
    let writes = 0
    const failing: ExportFs = {
      ...realFs,
      writeFile: (async (...args: Parameters<typeof realFs.writeFile>) => {
        if (++writes === 2) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
        return realFs.writeFile(...args)
      }) as ExportFs['writeFile'],
    }
    await expect(writeExportFolder(failing, dir, { suggestedName: 'MLP-tfjs', files })).rejects.toThrow(/ENOSPC/)
    expect(await readdir(dir)).toEqual([])
  })

  it('removes the temp folder a killed export of the same name left behind, and nothing else', async () => {
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000)
    const leftover = '.MLP-tfjs.0123456789ab.tmp'
    const kept = [
      '.MLP-tfjs.aaaaaaaaaaaa.tmp',
      '.Other-tfjs.0123456789ab.tmp',
      '.MLP-tfjs.tmp-x1y2z3',
      'MLP-tfjs.0123456789ab.tmp',
    ]
    for (const name of [leftover, ...kept]) {
      await mkdir(join(dir, name))
      await writeFile(join(dir, name, 'model.json'), 'half')
      // The first of `kept` is recent: it may be another export still being written.
      if (name !== kept[0]) await utimes(join(dir, name), hourAgo, hourAgo)
    }
    await writeFile(join(dir, 'victim.txt'), 'keep')
    await symlink(join(dir, 'victim.txt'), join(dir, '.MLP-tfjs.bbbbbbbbbbbb.tmp'))
    await writeExportFolder(realFs, dir, { suggestedName: 'MLP-tfjs', files })
    const left = await readdir(dir)
    expect(left).not.toContain(leftover)
    for (const name of [...kept, '.MLP-tfjs.bbbbbbbbbbbb.tmp', 'MLP-tfjs']) expect(left, name).toContain(name)
    expect(await readFile(join(dir, 'victim.txt'), 'utf8')).toBe('keep')
  })

  it('the folder appears only when complete: before the final rename nothing is visible under its name', async () => {
    const seen: string[][] = []
    const spying: ExportFs = {
      ...realFs,
      rename: async (from, to) => {
        seen.push((await readdir(dir)).filter((n) => !n.startsWith('.')))
        return realFs.rename(from, to)
      },
    }
    await writeExportFolder(spying, dir, { suggestedName: 'MLP-tfjs', files })
    expect(seen).toEqual([[]])
    expect((await readdir(join(dir, 'MLP-tfjs'))).sort()).toEqual(['model.json', 'python', 'weights.bin'])
  })
})

describe('createExportFolder', () => {
  it('asks main’s folder dialog for the place (never the page) and returns null on cancel', async () => {
    const dialog = { showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] as string[] })) }
    const service = createExportFolder({ dialog, fs: realFs, getLanguage: () => 'en' })
    expect(await service.write({ suggestedName: 'm', files })).toBeNull()
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(
      expect.objectContaining({ properties: ['openDirectory', 'createDirectory'] }),
    )
  })

  it('writes into the chosen folder, following a symlinked choice to its real place', async () => {
    await mkdir(join(dir, 'real'))
    await symlink(join(dir, 'real'), join(dir, 'link'))
    const dialog = { showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: [join(dir, 'link')] })) }
    const result = await createExportFolder({ dialog, fs: realFs, getLanguage: () => 'zh-CN' }).write({
      suggestedName: 'm-onnx',
      files,
    })
    expect(result).toEqual({ name: 'm-onnx', path: join(dir, 'real', 'm-onnx') })
    expect(await readdir(join(dir, 'real', 'm-onnx'))).toContain('model.json')
  })
})
