import * as realFs from 'node:fs/promises'
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { writeFileAtomic } from '../../../src/main/atomic-write'
import { createProjectFiles, type DialogLike, type ProjectFs } from '../../../src/main/project-files'

let dir: string
beforeEach(async () => {
  // realpath: macOS tmpdir is a symlink, and the service reports canonical paths.
  dir = await realFs.realpath(await mkdtemp(join(tmpdir(), 'layercanvas-files-')))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function fakeDialog(pick: { open?: string | null; save?: string | null }) {
  const dialog = {
    showOpenDialog: vi.fn(async () =>
      pick.open ? { canceled: false, filePaths: [pick.open] } : { canceled: true, filePaths: [] },
    ),
    showSaveDialog: vi.fn(async () => (pick.save ? { canceled: false, filePath: pick.save } : { canceled: true })),
  } satisfies DialogLike
  return dialog
}

function service(pick: Parameters<typeof fakeDialog>[0], fs: ProjectFs = realFs, maxBytes?: number) {
  const dialog = fakeDialog(pick)
  return { dialog, files: createProjectFiles({ dialog, fs, getLanguage: () => 'en', maxBytes }) }
}

const failing = (step: 'rename' | 'write', code = 'EIO'): ProjectFs => ({
  ...realFs,
  rename: async () => {
    if (step === 'rename') throw Object.assign(new Error(`${code}: rename failed`), { code })
  },
  open: (async (...args: Parameters<typeof realFs.open>) => {
    const handle = await realFs.open(...args)
    if (step !== 'write') return handle
    // Writes half the data, then fails like a full disk would.
    handle.writeFile = async (data: unknown) => {
      await realFs.appendFile(String(args[0]), String(data).slice(0, 3))
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
    }
    return handle
  }) as ProjectFs['open'],
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

  it.each(['rename', 'write'] as const)('leaves the previous file intact when %s fails, and no temp file', async (step) => {
    const target = join(dir, 'model.layercanvas.json')
    await writeFile(target, 'precious')
    await expect(writeFileAtomic(failing(step), target, 'new content')).rejects.toThrow()
    expect(await readFile(target, 'utf8')).toBe('precious')
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('retries a rename that Windows briefly refuses', async () => {
    const target = join(dir, 'a.json')
    let failures = 2
    const flaky: ProjectFs = {
      ...realFs,
      rename: async (from, to) => {
        if (failures-- > 0) throw Object.assign(new Error('EBUSY'), { code: 'EBUSY' })
        return realFs.rename(from, to)
      },
    }
    await writeFileAtomic(flaky, target, 'ok', { sleep: async () => {} })
    expect(await readFile(target, 'utf8')).toBe('ok')
  })
})

describe('project files', () => {
  it('opens the picked file and returns name, canonical path and text', async () => {
    const path = join(dir, 'mlp.layercanvas.json')
    await writeFile(path, '{"format":"layercanvas"}')
    const { files } = service({ open: path })
    expect(await files.open()).toEqual({ name: 'mlp.layercanvas.json', path, text: '{"format":"layercanvas"}' })
  })

  it('returns null when a dialog is cancelled', async () => {
    const { files } = service({})
    expect(await files.open()).toBeNull()
    expect(await files.save({ text: '{}', suggestedName: 'a.json', saveAs: true })).toBeNull()
  })

  it('refuses files over the size limit with a clear message', async () => {
    const path = join(dir, 'huge.json')
    await writeFile(path, 'x'.repeat(3 * 1024 * 1024))
    const { files } = service({ open: path }, realFs, 2 * 1024 * 1024)
    await expect(files.open()).rejects.toMatchObject({
      code: 'file-too-large',
      message: '"huge.json" is 3 MB; LayerCanvas opens project files up to 2 MB.',
    })
  })

  it('saves to an opened file without a dialog, keeping a .bak', async () => {
    const path = join(dir, 'cnn.layercanvas.json')
    await writeFile(path, 'v1')
    const { files, dialog } = service({ open: path })
    await files.open()
    expect(await files.save({ text: 'v2', path, suggestedName: 'x', saveAs: false })).toEqual({ name: 'cnn.layercanvas.json', path })
    expect(dialog.showSaveDialog).not.toHaveBeenCalled()
    expect(await readFile(path, 'utf8')).toBe('v2')
    expect(await readFile(`${path}.bak`, 'utf8')).toBe('v1')
  })

  it('blesses the path picked in the save dialog for later saves', async () => {
    const path = join(dir, 'new.layercanvas.json')
    const { files } = service({ save: path })
    expect(await files.save({ text: 'a', suggestedName: 'new.layercanvas.json', saveAs: false })).toEqual({
      name: 'new.layercanvas.json',
      path,
    })
    await files.save({ text: 'b', path, suggestedName: 'x', saveAs: false })
    expect(await readFile(path, 'utf8')).toBe('b')
  })

  it('refuses to save to a path the user never picked or opened', async () => {
    const victim = join(dir, 'victim.txt')
    await writeFile(victim, 'keep me')
    const { files } = service({})
    for (const path of [victim, join(dir, 'new.json'), join(dir, 'sub', '..', 'victim.txt')]) {
      await expect(files.save({ text: 'pwned', path, suggestedName: 'x', saveAs: false })).rejects.toMatchObject({
        code: 'path-not-allowed',
      })
    }
    expect(await readFile(victim, 'utf8')).toBe('keep me')
  })

  it('does not let a symlink stand in for a blessed path', async () => {
    const opened = join(dir, 'opened.json')
    const other = join(dir, 'other.json')
    await writeFile(opened, 'o')
    await writeFile(other, 'keep')
    const { files } = service({ open: opened })
    await files.open()
    await symlink(other, join(dir, 'link.json'))
    await expect(
      files.save({ text: 'x', path: join(dir, 'link.json'), suggestedName: 'x', saveAs: false }),
    ).rejects.toMatchObject({ code: 'path-not-allowed' })
    expect(await readFile(other, 'utf8')).toBe('keep')
  })

  it('keeps the previous file when a save fails midway', async () => {
    const path = join(dir, 'model.json')
    await writeFile(path, 'precious')
    const { files } = service({ open: path }, failing('rename'))
    await files.open()
    await expect(files.save({ text: 'new', path, suggestedName: 'x', saveAs: false })).rejects.toMatchObject({ code: 'EIO' })
    expect(await readFile(path, 'utf8')).toBe('precious')
  })
})
