import * as realFs from 'node:fs/promises'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createRecentFiles, MAX_RECENT_FILES } from '../../../src/main/recent-files'

let root: string
let listFile: string
beforeEach(async () => {
  root = await realFs.realpath(await mkdtemp(join(tmpdir(), 'layercanvas-recent-')))
  listFile = join(root, 'userData', 'recent-files.json')
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

async function project(name: string): Promise<string> {
  const path = join(root, name)
  await writeFile(path, '{}')
  return path
}

describe('recent files', () => {
  it('keeps the newest first, without duplicates, and tells the OS and the menu', async () => {
    const addToOs = vi.fn()
    const onChange = vi.fn()
    const recent = createRecentFiles({ fs: realFs, file: listFile, addToOs, onChange })
    const a = await project('a.layercanvas.json')
    const b = await project('b.layercanvas.json')
    await recent.add(a)
    await recent.add(b)
    expect(await recent.add(a)).toEqual([
      { path: a, name: 'a.layercanvas.json' },
      { path: b, name: 'b.layercanvas.json' },
    ])
    expect(addToOs).toHaveBeenCalledTimes(3)
    expect(onChange).toHaveBeenCalled()
    expect(recent.cached().map((f) => f.path)).toEqual([a, b])
    expect(await recent.has(b)).toBe(true)
    expect(await recent.has(join(root, 'other.json'))).toBe(false)
    // Stored as validated JSON, read again by a new instance (next start).
    expect(JSON.parse(await readFile(listFile, 'utf8'))).toEqual({ version: 1, files: [a, b] })
    expect((await createRecentFiles({ fs: realFs, file: listFile }).list()).map((f) => f.path)).toEqual([a, b])
  })

  it(`keeps at most ${MAX_RECENT_FILES}`, async () => {
    const recent = createRecentFiles({ fs: realFs, file: listFile })
    const paths: string[] = []
    for (let i = 0; i < MAX_RECENT_FILES + 3; i++) {
      paths.push(await project(`p${i}.json`))
      await recent.add(paths[i])
    }
    const list = await recent.list()
    expect(list).toHaveLength(MAX_RECENT_FILES)
    expect(list[0].path).toBe(paths.at(-1))
  })

  it('prunes files that no longer exist, and writes the pruned list back', async () => {
    const recent = createRecentFiles({ fs: realFs, file: listFile })
    const a = await project('a.json')
    const b = await project('b.json')
    await recent.add(a)
    await recent.add(b)
    await rm(a)
    expect((await recent.list()).map((f) => f.path)).toEqual([b])
    expect(JSON.parse(await readFile(listFile, 'utf8')).files).toEqual([b])
    expect(await recent.has(a)).toBe(false)
  })

  it('starts empty from a missing, corrupt or foreign list file', async () => {
    expect(await createRecentFiles({ fs: realFs, file: listFile }).list()).toEqual([])
    await realFs.mkdir(join(root, 'userData'), { recursive: true })
    for (const content of ['{not json', '{"version":2,"files":[]}', '{"version":1,"files":[42]}', '[]']) {
      await writeFile(listFile, content)
      expect(await createRecentFiles({ fs: realFs, file: listFile }).list(), content).toEqual([])
    }
  })

  it('remove() takes a file off the list', async () => {
    const recent = createRecentFiles({ fs: realFs, file: listFile })
    const a = await project('a.json')
    await recent.add(a)
    expect(await recent.remove(a)).toEqual([])
  })
})
