import * as realFs from 'node:fs/promises'
import { mkdtemp, readFile, readdir, rm, symlink, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { encodeProjectFile, parseProjectFile } from '../../../src/core/document/project-file'
import { MAX_PROJECT_FILE_BYTES } from '../../../src/core/document/size-policy'
import { looksLikeZip } from '../../../src/core/document/zip-store'
import { createProjectFiles, type DialogLike } from '../../../src/main/project-files'
import { saveTarget } from '../../../src/renderer/src/app/save-target'
import { legacyProjectText, weightedProject } from './weighted-project'

/** Project files in their two forms, on real temp folders: containers with binary weights and JSON. */

let dir: string
beforeEach(async () => {
  dir = await realFs.realpath(await mkdtemp(join(tmpdir(), 'layercanvas-container-')))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function service(pick: { open?: string; save?: string }, language: 'en' | 'zh-CN' = 'en') {
  const dialog = {
    showOpenDialog: vi.fn(async () =>
      pick.open ? { canceled: false, filePaths: [pick.open] } : { canceled: true, filePaths: [] },
    ),
    showSaveDialog: vi.fn(async () => (pick.save ? { canceled: false, filePath: pick.save } : { canceled: true })),
  } satisfies DialogLike
  return { dialog, files: createProjectFiles({ dialog, fs: realFs, getLanguage: () => language }) }
}

function encode(doc: Parameters<typeof encodeProjectFile>[0]) {
  const encoded = encodeProjectFile(doc)
  if (!encoded.ok) throw new Error(encoded.error)
  return encoded
}

describe('project containers on disk', () => {
  it('saves a 20 MB container part by part and opens it with the same weights; the next save keeps a .bak', async () => {
    const doc = weightedProject(5 * 1024 * 1024) // 20 MB of float32
    const encoded = encode(doc)
    expect(encoded.container).toBe(true)
    expect(encoded.parts.length).toBeGreaterThan(2)
    const path = join(dir, 'big.layercanvas')
    const { files } = service({ save: path, open: path })
    const saved = await files.save({ parts: encoded.parts, suggestedName: 'big.layercanvas', saveAs: true })
    expect(saved).toEqual({ name: 'big.layercanvas', path })
    const onDisk = await readFile(path)
    expect(onDisk.byteLength).toBe(encoded.byteLength)
    expect(looksLikeZip(onDisk)).toBe(true)

    const opened = await files.open()
    const parsed = parseProjectFile(opened!.bytes)
    if (!parsed.ok) throw new Error(parsed.error.message)
    const [kernel] = parsed.document.trained!.layers.h1
    expect(kernel.data).toBeInstanceOf(Float32Array)
    expect(kernel.data.length).toBe(5 * 1024 * 1024)
    // Buffer.equals (memcmp), not toEqual: the matcher would walk 5 million elements one key at a time.
    const read = Buffer.from(kernel.data.buffer, kernel.data.byteOffset, kernel.data.byteLength)
    expect(read.equals(Buffer.from(doc.trained!.layers.h1[0].data.buffer))).toBe(true)

    // Saving again (other weights) replaces the file atomically and keeps the previous one.
    doc.trained!.layers.h1[0].data[0] = -1
    await files.save({ parts: encode(doc).parts, path, suggestedName: 'big.layercanvas', saveAs: false })
    const previous = parseProjectFile(await readFile(`${path}.bak`))
    const current = parseProjectFile(await readFile(path))
    if (!previous.ok || !current.ok) throw new Error('did not parse')
    expect(previous.document.trained!.layers.h1[0].data[0]).toBe(0)
    expect(current.document.trained!.layers.h1[0].data[0]).toBe(-1)
    expect((await readdir(dir)).sort()).toEqual(['big.layercanvas', 'big.layercanvas.bak'])
  })

  it('refuses a file over the size policy before reading it, in the UI language', async () => {
    const path = join(dir, 'huge.layercanvas')
    await writeFile(path, '')
    await truncate(path, MAX_PROJECT_FILE_BYTES + 1) // sparse: takes no disk space
    const mb = Math.ceil((MAX_PROJECT_FILE_BYTES + 1) / 1024 / 1024)
    const max = Math.ceil(MAX_PROJECT_FILE_BYTES / 1024 / 1024)
    await expect(service({ open: path }).files.open()).rejects.toMatchObject({
      code: 'file-too-large',
      message: `"huge.layercanvas" is ${mb} MB; LayerCanvas opens project files up to ${max} MB.`,
    })
    await expect(service({ open: path }, 'zh-CN').files.open()).rejects.toMatchObject({
      message: `“huge.layercanvas”大小为 ${mb} MB；LayerCanvas 只能打开不超过 ${max} MB 的项目文件。`,
    })
  })

  it('opens an old project with base64 weights and saves it as a container beside it, leaving the old file', async () => {
    const doc = weightedProject(1000)
    const oldPath = join(dir, 'mlp.layercanvas.json')
    const legacy = legacyProjectText(doc)
    await writeFile(oldPath, legacy)
    const { files, dialog } = service({ open: oldPath })
    const opened = await files.open()
    const parsed = parseProjectFile(opened!.bytes, { repair: true })
    if (!parsed.ok) throw new Error(parsed.error.message)
    expect([...parsed.document.trained!.layers.h1[0].data]).toEqual([...doc.trained!.layers.h1[0].data])

    // What File → Save does in the renderer: the document has weights, so not into a .json file.
    const target = saveTarget(parsed.document, { name: opened!.name, path: opened!.path! })
    expect(target).toEqual({
      name: 'mlp.layercanvas',
      path: join(dir, 'mlp.layercanvas'),
      switchedFrom: 'mlp.layercanvas.json',
    })
    const encoded = encode(parsed.document)
    const saved = await files.save({
      parts: encoded.parts,
      path: target.path!,
      suggestedName: target.name,
      saveAs: false,
    })
    expect(saved).toEqual({ name: 'mlp.layercanvas', path: join(dir, 'mlp.layercanvas') })
    expect(dialog.showSaveDialog).not.toHaveBeenCalled()
    expect(looksLikeZip(await readFile(join(dir, 'mlp.layercanvas')))).toBe(true)
    expect(await readFile(oldPath, 'utf8')).toBe(legacy)
    const reopened = parseProjectFile(await readFile(join(dir, 'mlp.layercanvas')))
    if (!reopened.ok) throw new Error(reopened.error.message)
    expect([...reopened.document.trained!.layers.h1[0].data]).toEqual([...doc.trained!.layers.h1[0].data])
    // The sibling is now a file the user saved to: later saves go there without a dialog.
    expect(await files.isBlessed(join(dir, 'mlp.layercanvas'))).toBe(true)
  })

  it('allows the other extension only beside a file the user chose, with the same stem', async () => {
    const opened = join(dir, 'mine.layercanvas.json')
    await writeFile(opened, '{}')
    await writeFile(join(dir, 'other.layercanvas'), 'keep')
    const { files } = service({ open: opened })
    await files.open()
    const parts = [new TextEncoder().encode('x')]
    for (const path of [
      join(dir, 'other.layercanvas'),
      join(dir, 'mine.txt'),
      join(dir, 'mine.layercanvas.bak'),
      join(dir, 'sub', 'mine.layercanvas'),
    ]) {
      await expect(files.save({ parts, path, suggestedName: 'x', saveAs: false })).rejects.toMatchObject({
        code: 'path-not-allowed',
      })
    }
    expect(await readFile(join(dir, 'other.layercanvas'), 'utf8')).toBe('keep')

    // A sibling name that is a link to another file is not written through.
    await symlink(join(dir, 'other.layercanvas'), join(dir, 'mine.layercanvas'))
    await expect(
      files.save({ parts, path: join(dir, 'mine.layercanvas'), suggestedName: 'x', saveAs: false }),
    ).rejects.toMatchObject({ code: 'path-not-allowed' })
    expect(await readFile(join(dir, 'other.layercanvas'), 'utf8')).toBe('keep')
  })
})
