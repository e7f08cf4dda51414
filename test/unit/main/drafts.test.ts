import * as realFs from 'node:fs/promises'
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { encodeProjectFile, parseProjectFile } from '../../../src/core/document/project-file'
import { createDrafts, type DraftsFs } from '../../../src/main/drafts'
import { IPC_CHANNELS } from '../../../src/shared/ipc-contract'
import { legacyProjectText, weightedProject } from './weighted-project'

let root: string
let draftsDir: string
let clock: number
beforeEach(async () => {
  root = await realFs.realpath(await mkdtemp(join(tmpdir(), 'layercanvas-drafts-')))
  draftsDir = join(root, 'userData', 'drafts')
  clock = Date.UTC(2025, 0, 1, 12)
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

const parts = (content: string) => [new TextEncoder().encode(content)]
const text = (draft: { bytes: Uint8Array }) => new TextDecoder().decode(draft.bytes)

const known = new Set<string>()
function drafts(fs: DraftsFs = realFs) {
  return createDrafts({ fs, dir: draftsDir, now: () => clock, isKnownPath: async (path) => known.has(path) })
}

describe('drafts', () => {
  it('saves atomically, lists and reads back a draft without a file', async () => {
    const store = drafts()
    await store.save({ draftId: 'session-0001', parts: parts('{"name":"A"}'), title: 'A' })
    expect(await store.list()).toEqual([{ draftId: 'session-0001', title: 'A', path: null, savedAt: clock }])
    const read = await store.read('session-0001')
    expect(read).toMatchObject({ draftId: 'session-0001', title: 'A', path: null, savedAt: clock })
    expect(text(read)).toBe('{"name":"A"}')
    expect((await readdir(draftsDir)).sort()).toEqual(['session-0001.meta.json', 'session-0001.project'])
  })

  it('overwrites its own draft and discards it again', async () => {
    const store = drafts()
    await store.save({ draftId: 'session-0001', parts: parts('one'), title: 'A' })
    clock += 1000
    await store.save({ draftId: 'session-0001', parts: parts('two'), title: 'A' })
    expect(text(await store.read('session-0001'))).toBe('two')
    await store.discard('session-0001')
    expect(await store.list()).toEqual([])
    expect(await readdir(draftsDir)).toEqual([])
    await store.discard('session-0001') // discarding twice is fine
  })

  it('lists drafts newer than their project file, drops those the file is newer than, newest first', async () => {
    const fresh = join(root, 'fresh.layercanvas.json')
    const stale = join(root, 'stale.layercanvas.json')
    const gone = join(root, 'gone.layercanvas.json')
    for (const file of [fresh, stale, gone]) {
      await writeFile(file, '{}')
      known.add(file)
    }
    const seconds = (ms: number) => ms / 1000
    await utimes(fresh, seconds(clock - 60_000), seconds(clock - 60_000))
    const store = drafts()
    await store.save({ draftId: 'draft-fresh', parts: parts('f'), title: 'Fresh', path: fresh })
    clock += 1000
    await store.save({ draftId: 'draft-stale', parts: parts('s'), title: 'Stale', path: stale })
    await utimes(stale, seconds(clock + 5000), seconds(clock + 5000)) // saved after the draft
    clock += 1000
    await store.save({ draftId: 'draft-gone1', parts: parts('g'), title: 'Gone', path: gone })
    await rm(gone)
    clock += 1000
    await store.save({ draftId: 'draft-nofile', parts: parts('n'), title: 'New' })

    const listed = await store.list()
    expect(listed.map((d) => d.draftId)).toEqual(['draft-nofile', 'draft-gone1', 'draft-fresh'])
    expect(listed.find((d) => d.draftId === 'draft-fresh')!.path).toBe(fresh)
    // The stale draft was deleted, not just hidden.
    expect((await readdir(draftsDir)).filter((n) => n.startsWith('draft-stale'))).toEqual([])
  })

  it('keeps a project path only when main knows it (the page cannot plant one)', async () => {
    const store = drafts()
    await store.save({ draftId: 'draft-plant', parts: parts('x'), title: 'X', path: '/etc/passwd' })
    expect((await store.list())[0].path).toBeNull()
  })

  it('ignores corrupt metadata and drafts whose document is missing', async () => {
    const store = drafts()
    await store.save({ draftId: 'draft-good1', parts: parts('x'), title: 'Good' })
    await writeFile(join(draftsDir, 'draft-bad01.meta.json'), '{"draftId": "draft-bad01", "title": 3')
    await writeFile(
      join(draftsDir, 'draft-lone1.meta.json'),
      JSON.stringify({ draftId: 'draft-lone1', title: 'L', path: null, savedAt: 1 }),
    )
    await writeFile(join(draftsDir, '..evil.meta.json'), '{}')
    expect((await store.list()).map((d) => d.draftId)).toEqual(['draft-good1'])
  })

  it('returns no drafts when the folder does not exist yet', async () => {
    expect(await drafts().list()).toEqual([])
  })

  it('a save that fails midway keeps the previous draft whole', async () => {
    await drafts().save({ draftId: 'session-0001', parts: parts('previous'), title: 'A' })
    const failing: DraftsFs = {
      ...realFs,
      rename: async () => {
        throw Object.assign(new Error('EIO: rename failed'), { code: 'EIO' })
      },
    }
    await expect(drafts(failing).save({ draftId: 'session-0001', parts: parts('next'), title: 'A' })).rejects.toThrow(
      /EIO/,
    )
    expect(text(await drafts().read('session-0001'))).toBe('previous')
    expect((await readdir(draftsDir)).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })

  it('keeps a draft with weights as the container the page encoded, and reads it back with the same weights', async () => {
    const doc = weightedProject(300_000)
    const encoded = encodeProjectFile(doc)
    if (!encoded.ok) throw new Error(encoded.error)
    const store = drafts()
    await store.save({ draftId: 'session-0002', parts: encoded.parts, title: 'W' })
    const read = await store.read('session-0002')
    expect(read.bytes.byteLength).toBe(encoded.byteLength)
    const parsed = parseProjectFile(read.bytes)
    if (!parsed.ok) throw new Error(parsed.error.message)
    const [kernel] = parsed.document.trained!.layers.h1
    const expected = doc.trained!.layers.h1[0].data
    expect(
      Buffer.from(kernel.data.buffer, kernel.data.byteOffset, kernel.data.byteLength).equals(
        Buffer.from(expected.buffer),
      ),
    ).toBe(true)
  })

  it('still lists and reads a draft an older version wrote as text (<id>.json), and replaces it on the next save', async () => {
    const legacy = legacyProjectText(weightedProject(16))
    const { mkdir } = realFs
    await mkdir(draftsDir, { recursive: true })
    await writeFile(join(draftsDir, 'session-0003.json'), legacy)
    await writeFile(
      join(draftsDir, 'session-0003.meta.json'),
      JSON.stringify({ draftId: 'session-0003', title: 'Old', path: null, savedAt: clock }),
    )
    const store = drafts()
    expect((await store.list()).map((d) => d.draftId)).toEqual(['session-0003'])
    const parsed = parseProjectFile((await store.read('session-0003')).bytes)
    expect(parsed.ok && parsed.document.trained!.layers.h1[0].data.length).toBe(16)
    await store.save({ draftId: 'session-0003', parts: parts('{"name":"new"}'), title: 'Old' })
    expect((await readdir(draftsDir)).sort()).toEqual(['session-0003.meta.json', 'session-0003.project'])
    await store.discard('session-0003')
    expect(await readdir(draftsDir)).toEqual([])
  })

  it('draft ids are checked (no path tricks through the id)', async () => {
    for (const id of ['../../etc/x', 'short', 'a/b/c/d/e/f', 'x'.repeat(65)]) {
      expect(IPC_CHANNELS['draft:discard'].request.safeParse(id).success, id).toBe(false)
      await expect(drafts().read(id)).rejects.toThrow()
    }
  })
})
