import * as realFs from 'node:fs/promises'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createDatasetFiles, type DatasetDialogLike } from '../../../src/main/dataset-files'
import { IPC_CHANNELS } from '../../../src/shared/ipc-contract'

let dir: string
beforeEach(async () => {
  dir = await realFs.realpath(await mkdtemp(join(tmpdir(), 'layercanvas-data-')))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function service(
  pick: string | null,
  limits: { maxFileBytes?: number; maxFolderBytes?: number; maxFolderFiles?: number } = {},
  language: 'en' | 'zh-CN' = 'en',
) {
  const dialog = {
    showOpenDialog: vi.fn(async () =>
      pick ? { canceled: false, filePaths: [pick] } : { canceled: true, filePaths: [] },
    ),
  } satisfies DatasetDialogLike
  return { dialog, files: createDatasetFiles({ dialog, fs: realFs, getLanguage: () => language, ...limits }) }
}

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])

async function makeFolder(root: string, layout: Record<string, string[]>) {
  for (const [folder, files] of Object.entries(layout)) {
    await mkdir(join(root, folder), { recursive: true })
    for (const name of files) await writeFile(join(root, folder, name), PNG)
  }
}

describe('dataset files: CSV and text', () => {
  it('reads the picked file and reports its name, path and size', async () => {
    const file = join(dir, 'houses.csv')
    await writeFile(file, 'rooms,price\n3,100\n4,150\n')
    const { files, dialog } = service(file)
    expect(await files.openFile('csv')).toEqual({
      name: 'houses.csv',
      path: file,
      text: 'rooms,price\n3,100\n4,150\n',
      bytes: 24,
    })
    const options = dialog.showOpenDialog.mock.calls[0] as unknown as [
      { properties: string[]; filters: { extensions: string[] }[] },
    ]
    expect(options[0].properties).toEqual(['openFile'])
    expect(options[0].filters[0].extensions).toContain('csv')
  })

  it('returns null when the dialog is cancelled', async () => {
    expect(await service(null).files.openFile('text')).toBeNull()
  })

  it('refuses a file over the size limit with a clear message, in the UI language', async () => {
    const file = join(dir, 'big.txt')
    await writeFile(file, 'x'.repeat(3 * 1024 * 1024))
    await expect(service(file, { maxFileBytes: 1024 * 1024 }).files.openFile('text')).rejects.toMatchObject({
      code: 'file-too-large',
      message: '"big.txt" is 3 MB; LayerCanvas imports data files up to 1 MB. Use a smaller sample of the data.',
    })
    await expect(service(file, { maxFileBytes: 1024 * 1024 }, 'zh-CN').files.openFile('text')).rejects.toThrow(
      /big\.txt.*3 MB.*1 MB/,
    )
  })

  it('refuses a folder picked as a file', async () => {
    await expect(service(dir).files.openFile('csv')).rejects.toMatchObject({ code: 'io-error' })
  })
})

describe('dataset files: image folders', () => {
  it('lists class sub-folders (sorted) with their pictures as bytes, recursively, skipping the rest', async () => {
    await makeFolder(dir, {
      dogs: ['b.png', 'a.JPG'],
      cats: ['x.webp'],
      'cats/kittens': ['k.gif'],
      '.hidden': ['h.png'],
    })
    await writeFile(join(dir, 'dogs', 'notes.txt'), 'not a picture')
    await writeFile(join(dir, 'dogs', '.DS_Store'), 'hidden')
    await writeFile(join(dir, 'readme.md'), 'in the root: no class')
    const { files } = service(dir)
    const folder = await files.pickImageFolder()
    expect(folder).not.toBeNull()
    expect(folder!.path).toBe(dir)
    expect(folder!.classes.map((c) => [c.name, c.files.map((f) => f.name)])).toEqual([
      ['cats', ['kittens/k.gif', 'x.webp']],
      ['dogs', ['a.JPG', 'b.png']],
    ])
    expect(folder!.classes[0].files[0].bytes).toBeInstanceOf(Uint8Array)
    expect([...folder!.classes[0].files[0].bytes]).toEqual([...PNG])
    expect(folder!.skipped).toBe(2) // notes.txt and readme.md
    // The reply passes the channel's own response schema (what main checks before sending).
    expect(IPC_CHANNELS['dataset:pickImageFolder'].response.safeParse(folder).success).toBe(true)
  })

  it('does not follow symbolic links out of the picked folder', async () => {
    const outside = await realFs.realpath(await mkdtemp(join(tmpdir(), 'layercanvas-outside-')))
    try {
      await makeFolder(outside, { secret: ['s.png'] })
      await makeFolder(dir, { a: ['1.png'], b: ['2.png'] })
      await symlink(join(outside, 'secret'), join(dir, 'a', 'linked'), 'dir')
      await symlink(join(outside, 'secret', 's.png'), join(dir, 'b', 'linked.png'))
      const folder = await service(dir).files.pickImageFolder()
      expect(folder!.classes.map((c) => c.files.map((f) => f.name))).toEqual([['1.png'], ['2.png']])
    } finally {
      await rm(outside, { recursive: true, force: true })
    }
  })

  it('returns null on cancel', async () => {
    expect(await service(null).files.pickImageFolder()).toBeNull()
  })

  it('refuses too many pictures and too many bytes before reading them', async () => {
    await makeFolder(dir, { a: ['1.png', '2.png', '3.png'], b: ['4.png', '5.png'] })
    await expect(service(dir, { maxFolderFiles: 4 }).files.pickImageFolder()).rejects.toMatchObject({
      code: 'file-too-large',
      message: expect.stringMatching(/holds 5 pictures; LayerCanvas imports at most 4/),
    })
    let reads = 0
    const readFile = ((...args: Parameters<typeof realFs.readFile>) => {
      reads++
      return realFs.readFile(...args)
    }) as typeof realFs.readFile
    const dialog = { showOpenDialog: async () => ({ canceled: false, filePaths: [dir] }) }
    const counting = createDatasetFiles({
      dialog,
      fs: { ...realFs, readFile },
      getLanguage: () => 'en',
      maxFolderBytes: 20,
    })
    await expect(counting.pickImageFolder()).rejects.toMatchObject({
      code: 'file-too-large',
      message: expect.stringMatching(/^The pictures in ".+" take 1 MB; LayerCanvas imports at most 1 MB/),
    })
    expect(reads).toBe(0)
  })

  it('gives an empty class list for a folder without sub-folders (the core explains the layout)', async () => {
    await writeFile(join(dir, 'a.png'), PNG)
    expect(await service(dir).files.pickImageFolder()).toMatchObject({ classes: [], skipped: 1 })
  })
})
