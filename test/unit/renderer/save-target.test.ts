import { describe, expect, it } from 'vitest'
import { encodeProjectFile, parseProjectFile } from '../../../src/core/document/project-file'
import { emptyDocument, type ProjectDocument } from '../../../src/core/document/types'
import { nameForSave, saveTarget, suggestedFileName } from '../../../src/renderer/src/app/save-target'
import { draftDocument } from '../../../src/renderer/src/recovery/draft-document'

const plain = emptyDocument('My net')
const trained: ProjectDocument = {
  ...plain,
  trained: {
    savedAt: '2026-12-03T00:00:00Z',
    layers: { d: [{ name: 'kernel', shape: [2], data: new Float32Array(2) }] },
  },
}
const withRunWeights: ProjectDocument = {
  ...plain,
  runs: [{ ...({} as NonNullable<ProjectDocument['runs']>[number]), id: 'run-1', weights: trained.trained }],
}

describe('save target', () => {
  it('names a new document after its title, with the extension its form needs', () => {
    expect(suggestedFileName(plain)).toBe('My net.layercanvas.json')
    expect(suggestedFileName(trained)).toBe('My net.layercanvas')
    expect(suggestedFileName({ ...plain, name: 'a/b:c' })).toBe('a-b-c.layercanvas.json')
  })

  it('switches a .json name to .layercanvas when the document has weights, and back when it has none', () => {
    expect(nameForSave('mlp.layercanvas.json', trained)).toBe('mlp.layercanvas')
    expect(nameForSave('mlp.json', trained)).toBe('mlp.layercanvas')
    expect(nameForSave('mlp.layercanvas', plain)).toBe('mlp.layercanvas.json')
    // Already right, or a name the user chose without a project extension: kept.
    expect(nameForSave('mlp.layercanvas', trained)).toBe('mlp.layercanvas')
    expect(nameForSave('mlp.layercanvas.json', plain)).toBe('mlp.layercanvas.json')
    expect(nameForSave('notes', trained)).toBe('notes')
  })

  it('saves beside the opened file (same folder, POSIX or Windows) and says which file it came from', () => {
    expect(saveTarget(trained, { name: 'mlp.layercanvas.json', path: '/home/u/mlp.layercanvas.json' })).toEqual({
      name: 'mlp.layercanvas',
      path: '/home/u/mlp.layercanvas',
      switchedFrom: 'mlp.layercanvas.json',
    })
    expect(saveTarget(plain, { name: 'mlp.layercanvas', path: 'C:\\Users\\u\\mlp.layercanvas' })).toEqual({
      name: 'mlp.layercanvas.json',
      path: 'C:\\Users\\u\\mlp.layercanvas.json',
      switchedFrom: 'mlp.layercanvas',
    })
    // The browser: a name without a path.
    expect(saveTarget(trained, { name: 'mlp.layercanvas.json', path: null })).toEqual({
      name: 'mlp.layercanvas',
      path: null,
      switchedFrom: 'mlp.layercanvas.json',
    })
    expect(saveTarget(plain, { name: 'mlp.layercanvas.json', path: '/x/mlp.layercanvas.json' }).switchedFrom).toBeNull()
  })
})

describe('draft document', () => {
  it('keeps the weights where the host can hold them', () => {
    expect(draftDocument(trained, true)).toEqual({ document: trained, weightsOmitted: false })
  })

  it('strips trained and run weights before encoding for the browser, so the draft is plain JSON', () => {
    const { document, weightsOmitted } = draftDocument({ ...trained, runs: withRunWeights.runs }, false)
    expect(weightsOmitted).toBe(true)
    expect(document.trained).toBeUndefined()
    expect(document.runs?.[0].id).toBe('run-1')
    expect(document.runs?.[0].weights).toBeUndefined()
    const encoded = encodeProjectFile(document)
    expect(encoded.ok && encoded.container).toBe(false)
  })

  it('leaves a document without weights as it is (nothing omitted)', () => {
    const { document, weightsOmitted } = draftDocument(plain, false)
    expect(weightsOmitted).toBe(false)
    expect(document).toBe(plain)
    const encoded = encodeProjectFile(document)
    if (!encoded.ok) throw new Error(encoded.error)
    const parsed = parseProjectFile(encoded.parts[0])
    expect(parsed.ok && parsed.document.name).toBe('My net')
  })
})
