import * as realFs from 'node:fs/promises'
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDrafts, type DraftsFs } from '../../../src/main/drafts'
import { IPC_CHANNELS } from '../../../src/shared/ipc-contract'

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

const known = new Set<string>()
function drafts(fs: DraftsFs = realFs) {
  return createDrafts({ fs, dir: draftsDir, now: () => clock, isKnownPath: async (path) => known.has(path) })
}

describe('drafts', () => {
  it('saves atomically, lists and reads back a draft without a file', async () => {
    const store = drafts()
    await store.save({ draftId: 'session-0001', text: '{"name":"A"}', title: 'A' })
    expect(await store.list()).toEqual([{ draftId: 'session-0001', title: 'A', path: null, savedAt: clock }])
    expect(await store.read('session-0001')).toEqual({
      draftId: 'session-0001',
      title: 'A',
      path: null,
      savedAt: clock,
      text: '{"name":"A"}',
    })
    expect((await readdir(draftsDir)).sort()).toEqual(['session-0001.json', 'session-0001.meta.json'])
  })

  it('overwrites its own draft and discards it again', async () => {
    const store = drafts()
    await store.save({ draftId: 'session-0001', text: 'one', title: 'A' })
    clock += 1000
    await store.save({ draftId: 'session-0001', text: 'two', title: 'A' })
    expect((await store.read('session-0001')).text).toBe('two')
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
    await store.save({ draftId: 'draft-fresh', text: 'f', title: 'Fresh', path: fresh })
    clock += 1000
    await store.save({ draftId: 'draft-stale', text: 's', title: 'Stale', path: stale })
    await utimes(stale, seconds(clock + 5000), seconds(clock + 5000)) // saved after the draft
    clock += 1000
    await store.save({ draftId: 'draft-gone1', text: 'g', title: 'Gone', path: gone })
    await rm(gone)
    clock += 1000
    await store.save({ draftId: 'draft-nofile', text: 'n', title: 'New' })

    const listed = await store.list()
    expect(listed.map((d) => d.draftId)).toEqual(['draft-nofile', 'draft-gone1', 'draft-fresh'])
    expect(listed.find((d) => d.draftId === 'draft-fresh')!.path).toBe(fresh)
    // The stale draft was deleted, not just hidden.
    expect((await readdir(draftsDir)).filter((n) => n.startsWith('draft-stale'))).toEqual([])
  })

  it('keeps a project path only when main knows it (the page cannot plant one)', async () => {
    const store = drafts()
    await store.save({ draftId: 'draft-plant', text: 'x', title: 'X', path: '/etc/passwd' })
    expect((await store.list())[0].path).toBeNull()
  })

  it('ignores corrupt metadata and drafts whose document is missing', async () => {
    const store = drafts()
    await store.save({ draftId: 'draft-good1', text: 'x', title: 'Good' })
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
    await drafts().save({ draftId: 'session-0001', text: 'previous', title: 'A' })
    const failing: DraftsFs = {
      ...realFs,
      rename: async () => {
        throw Object.assign(new Error('EIO: rename failed'), { code: 'EIO' })
      },
    }
    await expect(drafts(failing).save({ draftId: 'session-0001', text: 'next', title: 'A' })).rejects.toThrow(/EIO/)
    expect((await drafts().read('session-0001')).text).toBe('previous')
    expect((await readdir(draftsDir)).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })

  it('draft ids are checked (no path tricks through the id)', async () => {
    for (const id of ['../../etc/x', 'short', 'a/b/c/d/e/f', 'x'.repeat(65)]) {
      expect(IPC_CHANNELS['draft:discard'].request.safeParse(id).success, id).toBe(false)
      await expect(drafts().read(id)).rejects.toThrow()
    }
  })
})
