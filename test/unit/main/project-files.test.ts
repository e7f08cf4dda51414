import * as realFs from 'node:fs/promises'
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Lang } from '../../../src/core/i18n/text'
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

function service(
  pick: Parameters<typeof fakeDialog>[0],
  fs: ProjectFs = realFs,
  maxBytes?: number,
  language: Lang = 'en',
) {
  const dialog = fakeDialog(pick)
  return { dialog, files: createProjectFiles({ dialog, fs, getLanguage: () => language, maxBytes }) }
}

const parts = (content: string) => [new TextEncoder().encode(content)]
const text = (opened: { bytes: Uint8Array } | null) => (opened ? new TextDecoder().decode(opened.bytes) : null)

const failing = (step: 'rename' | 'write', code = 'EIO'): ProjectFs => ({
  ...realFs,
  rename: async () => {
    if (step === 'rename') throw Object.assign(new Error(`${code}: rename failed`), { code })
  },
  open: (async (...args: Parameters<typeof realFs.open>) => {
    const handle = await realFs.open(...args)
    if (step !== 'write') return handle
    // Writes half the data, then fails like a full disk would.
    handle.write = (async () => {
      await realFs.appendFile(String(args[0]), 'hal')
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
    }) as typeof handle.write
    return handle
  }) as ProjectFs['open'],
})

describe('project files', () => {
  it('opens the picked file and returns name, canonical path and bytes', async () => {
    const path = join(dir, 'mlp.layercanvas.json')
    await writeFile(path, '{"format":"layercanvas"}')
    const { files } = service({ open: path })
    const opened = await files.open()
    expect(opened).toMatchObject({ name: 'mlp.layercanvas.json', path })
    expect(opened?.bytes).toBeInstanceOf(Uint8Array)
    expect(text(opened)).toBe('{"format":"layercanvas"}')
  })

  it('returns null when a dialog is cancelled', async () => {
    const { files } = service({})
    expect(await files.open()).toBeNull()
    expect(await files.save({ parts: parts('{}'), suggestedName: 'a.json', saveAs: true })).toBeNull()
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
    expect(await files.save({ parts: parts('v2'), path, suggestedName: 'x', saveAs: false })).toEqual({
      name: 'cnn.layercanvas.json',
      path,
    })
    expect(dialog.showSaveDialog).not.toHaveBeenCalled()
    expect(await readFile(path, 'utf8')).toBe('v2')
    expect(await readFile(`${path}.bak`, 'utf8')).toBe('v1')
  })

  it('blesses the path picked in the save dialog for later saves', async () => {
    const path = join(dir, 'new.layercanvas.json')
    const { files } = service({ save: path })
    expect(await files.save({ parts: parts('a'), suggestedName: 'new.layercanvas.json', saveAs: false })).toEqual({
      name: 'new.layercanvas.json',
      path,
    })
    await files.save({ parts: parts('b'), path, suggestedName: 'x', saveAs: false })
    expect(await readFile(path, 'utf8')).toBe('b')
  })

  it('refuses to save to a path the user never picked or opened', async () => {
    const victim = join(dir, 'victim.txt')
    await writeFile(victim, 'keep me')
    const { files } = service({})
    for (const path of [victim, join(dir, 'new.json'), join(dir, 'sub', '..', 'victim.txt')]) {
      await expect(
        files.save({ parts: parts('pwned'), path, suggestedName: 'x', saveAs: false }),
      ).rejects.toMatchObject({
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
      files.save({ parts: parts('x'), path: join(dir, 'link.json'), suggestedName: 'x', saveAs: false }),
    ).rejects.toMatchObject({ code: 'path-not-allowed' })
    expect(await readFile(other, 'utf8')).toBe('keep')
  })

  it('keeps the previous file when a save fails midway', async () => {
    const path = join(dir, 'model.json')
    await writeFile(path, 'precious')
    const { files } = service({ open: path }, failing('rename'))
    await files.open()
    await expect(files.save({ parts: parts('new'), path, suggestedName: 'x', saveAs: false })).rejects.toMatchObject({
      code: 'EIO',
    })
    expect(await readFile(path, 'utf8')).toBe('precious')
  })

  it('keeps the previous file and leaves no temp file when writing the parts fails (disk full)', async () => {
    const path = join(dir, 'model.layercanvas')
    await writeFile(path, 'precious')
    const { files } = service({ open: path }, failing('write'))
    await files.open()
    const twoParts = [...parts('PK'), ...parts('rest')]
    await expect(files.save({ parts: twoParts, path, suggestedName: 'x', saveAs: false })).rejects.toMatchObject({
      code: 'ENOSPC',
    })
    expect(await readFile(path, 'utf8')).toBe('precious')
    expect((await readdir(dir)).sort()).toEqual(['model.layercanvas'])
  })

  it.runIf(process.platform !== 'win32')('a 0600 project stays 0600 after a save, its .bak too', async () => {
    const path = join(dir, 'private.json')
    await writeFile(path, 'v1')
    await chmod(path, 0o600)
    const { files } = service({ open: path })
    await files.open()
    await files.save({ parts: parts('v2'), path, suggestedName: 'x', saveAs: false })
    expect((await stat(path)).mode & 0o777).toBe(0o600)
    expect((await stat(`${path}.bak`)).mode & 0o777).toBe(0o600)
  })

  it('says in the UI language why it cannot save when <file>.bak is a folder, and changes nothing', async () => {
    const path = join(dir, 'model.json')
    await writeFile(path, 'v1')
    await mkdir(`${path}.bak`)
    for (const [language, message] of [
      [
        'en',
        `Not saved: LayerCanvas keeps the previous version as ${path}.bak, but something that is not a file (a folder?) has that name. Move or rename it, then save again.`,
      ],
      [
        'zh-CN',
        `未保存：LayerCanvas 会把上一版本保留为 ${path}.bak，但该名称已被非文件（例如文件夹）占用。请移走或重命名它，然后再保存。`,
      ],
    ] as const) {
      const { files } = service({ open: path }, realFs, undefined, language)
      await files.open()
      await expect(files.save({ parts: parts('v2'), path, suggestedName: 'x', saveAs: false })).rejects.toMatchObject({
        code: 'io-error',
        message,
      })
    }
    expect(await readFile(path, 'utf8')).toBe('v1')
  })
})
