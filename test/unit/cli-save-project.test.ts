import { mkdtemp, readFile, rm, stat, chmod } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fittingName, saveProjectDocument } from '../../src/cli/save-project'
import { parseProjectFile } from '../../src/core/document/project-file'
import { MAX_WEIGHT_BYTES } from '../../src/core/document/size-policy'
import { graph } from './helpers'

const posix = process.platform !== 'win32'

let temp = ''
beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'layercanvas-save-'))
})
afterAll(async () => {
  if (temp) await rm(temp, { recursive: true, force: true })
})

const plain = () =>
  graph(
    [
      ['x', 'input', { mode: 'vector', size: 2 }],
      ['d', 'dense', { units: 1 }],
    ],
    [['x', 'd']],
  )
const withWeights = () => ({
  ...plain(),
  trained: {
    savedAt: '2026-01-01T00:00:00.000Z',
    layers: {
      d: [
        { name: 'd/kernel', shape: [2, 1], data: new Float32Array([0.25, -4]) },
        { name: 'd/bias', shape: [1], data: new Float32Array([1.5]) },
      ],
    },
  },
})

describe('saveProjectDocument: the one writer of project files on the command line', () => {
  it('names: a .json name for a container and a .layercanvas name for JSON get their form; others are kept', () => {
    expect(fittingName('a/p.json', true)).toBe('a/p.layercanvas')
    expect(fittingName('p.layercanvas.json', true)).toBe('p.layercanvas')
    expect(fittingName('p.layercanvas', true)).toBe('p.layercanvas')
    expect(fittingName('p.json', false)).toBe('p.json')
    expect(fittingName('p.layercanvas', false)).toBe('p.layercanvas.json')
    expect(fittingName('p.model', true)).toBe('p.model')
  })

  it.runIf(posix)(
    'streams a container, reads back equal; keeps .bak and the permissions of the file replaced',
    async () => {
      const saved = await saveProjectDocument('w.json', withWeights(), temp)
      expect(saved).toMatchObject({ ok: true, path: 'w.layercanvas', renamed: true, container: true })
      const path = join(temp, 'w.layercanvas')
      expect(saved.ok && saved.byteLength).toBe((await stat(path)).size)
      await chmod(path, 0o600)
      const first = await readFile(path)
      const again = await saveProjectDocument('w.layercanvas', withWeights(), temp)
      expect(again).toMatchObject({ ok: true, renamed: false })
      expect(await readFile(`${path}.bak`)).toEqual(first)
      expect((await stat(path)).mode & 0o777).toBe(0o600)
      const parsed = parseProjectFile(await readFile(path))
      if (!parsed.ok) throw new Error(parsed.error.message)
      expect(Array.from(parsed.document.trained!.layers.d[0].data)).toEqual([0.25, -4])
      expect(parsed.document.trained!.layers.d[1].shape).toEqual([1])
    },
  )

  it('without weights: plain JSON, no .bak when told not to keep one', async () => {
    const saved = await saveProjectDocument('p.json', plain(), temp, { keepBackup: false })
    expect(saved).toMatchObject({ ok: true, path: 'p.json', container: false })
    await saveProjectDocument('p.json', plain(), temp, { keepBackup: false })
    await expect(stat(join(temp, 'p.json.bak'))).rejects.toThrow()
    expect(JSON.parse(await readFile(join(temp, 'p.json'), 'utf8'))).toMatchObject({ format: 'layercanvas' })
  })

  it('weights past the size policy: a sentence for the user, nothing written', async () => {
    // Zero-filled and never touched before the size check, so the memory stays virtual.
    const tooMany = new Float32Array(MAX_WEIGHT_BYTES / 4 + 1)
    const doc = withWeights()
    doc.trained.layers.d[0] = { name: 'd/kernel', shape: [tooMany.length], data: tooMany }
    const saved = await saveProjectDocument('huge.json', doc, temp)
    expect(saved).toEqual({
      ok: false,
      error: 'the weights take 1025 MB; a project holds at most 1024 MB of weights',
    })
    await expect(stat(join(temp, 'huge.layercanvas'))).rejects.toThrow()
    await expect(stat(join(temp, 'huge.json'))).rejects.toThrow()
  })
})
