import * as realFs from 'node:fs/promises'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createModelImport } from '../../../src/main/model-import'

let dir: string
beforeEach(async () => {
  dir = await realFs.realpath(await mkdtemp(join(tmpdir(), 'layercanvas-import-')))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const model = (paths: string[]) => JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths, weights: [] }] })
const service = (options: { maxWeightBytes?: number } = {}) =>
  createModelImport({
    fs: realFs,
    getLanguage: () => 'en',
    dialog: { showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })) },
    ...options,
  })

describe('model import (main)', () => {
  it('reads model.json and the weight files its manifest names, in manifest order', async () => {
    await writeFile(join(dir, 'model.json'), model(['group1-shard1of2.bin', 'group1-shard2of2.bin']))
    await writeFile(join(dir, 'group1-shard1of2.bin'), new Uint8Array([1, 2]))
    await writeFile(join(dir, 'group1-shard2of2.bin'), new Uint8Array([3]))
    const opened = await service().read(join(dir, 'model.json'))
    expect(opened.name).toBe('model.json')
    expect(opened.weights.map((w) => [w.path, [...w.bytes]])).toEqual([
      ['group1-shard1of2.bin', [1, 2]],
      ['group1-shard2of2.bin', [3]],
    ])
  })

  it('names a missing weight file', async () => {
    await writeFile(join(dir, 'model.json'), model(['weights.bin']))
    await expect(service().read(join(dir, 'model.json'))).rejects.toThrow(
      /"weights\.bin" named in model\.json was not found/,
    )
  })

  it('never reads outside the model’s folder (.., absolute, URLs, symlinks)', async () => {
    await mkdir(join(dir, 'm'))
    await writeFile(join(dir, 'secret.bin'), 'secret')
    await symlink(join(dir, 'secret.bin'), join(dir, 'm', 'link.bin'))
    for (const path of [
      '../secret.bin',
      join(dir, 'secret.bin'),
      'file:///etc/passwd',
      'https://example.com/w.bin',
      'link.bin',
      '%2e%2e/secret.bin',
    ]) {
      await writeFile(join(dir, 'm', 'model.json'), model([path]))
      await expect(service().read(join(dir, 'm', 'model.json')), path).rejects.toMatchObject({
        code: 'path-not-allowed',
      })
    }
  })

  it('refuses a malformed % escape with the reason, in the user’s language (shared rule with the CLI)', async () => {
    await writeFile(join(dir, 'model.json'), model(['w%E0%A4%A.bin']))
    await expect(service().read(join(dir, 'model.json'))).rejects.toMatchObject({
      code: 'path-not-allowed',
      message: expect.stringMatching(/^The weight file path "w%E0%A4%A.bin" has a malformed % escape.*\.$/),
    })
    const zh = createModelImport({
      fs: realFs,
      getLanguage: () => 'zh-CN',
      dialog: { showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })) },
    })
    await expect(zh.read(join(dir, 'model.json'))).rejects.toMatchObject({
      message: expect.stringMatching(/格式错误的 % 转义/),
    })
  })

  it('refuses weights over the size limit', async () => {
    await writeFile(join(dir, 'model.json'), model(['w.bin']))
    await writeFile(join(dir, 'w.bin'), new Uint8Array(100))
    await expect(service({ maxWeightBytes: 10 }).read(join(dir, 'model.json'))).rejects.toMatchObject({
      code: 'file-too-large',
    })
  })

  it('hands back text that is not JSON unchanged (the page reports it)', async () => {
    await writeFile(join(dir, 'model.json'), '{"modelTopology": ')
    expect(await service().read(join(dir, 'model.json'))).toMatchObject({ text: '{"modelTopology": ', weights: [] })
  })
})
