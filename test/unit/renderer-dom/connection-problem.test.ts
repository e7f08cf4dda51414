import { describe, expect, it } from 'vitest'
import { removeElements } from '../../../src/core/graph/edits'
import { checkConnection } from '../../../src/core/shapes/check-connection'
import { commit, documentStore, replaceDocument, undo } from '../../../src/renderer/src/app/document-store'
import { uiStore } from '../../../src/renderer/src/app/ui-store'
import {
  applyConnectionProblemFix,
  connectionProblemStore,
  showConnectionProblem,
} from '../../../src/renderer/src/canvas/connection-problem'
import { graph } from '../helpers'

const doc = graph(
  [
    ['in', 'input', { mode: 'vector', size: 784 }],
    ['fc', 'dense', { units: 128 }],
    ['conv', 'conv2d', { padding: 'same' }],
  ],
  [['in', 'fc']],
)
const c = { source: 'fc', target: 'conv' }

function refuse(): void {
  replaceDocument(doc)
  const check = checkConnection(doc, c)
  if (check.ok) throw new Error('expected the connection to be refused')
  showConnectionProblem(c, check.diagnostic)
}

describe('refused-connection card state', () => {
  it('holds the reason and the working fixes; a fix connects in one undo step and selects the new layer', () => {
    refuse()
    const problem = connectionProblemStore.getState().problem!
    expect(problem.diagnostic.code).toBe('needsImage')
    expect(problem.fixes.map((f) => f.shape)).toEqual([[8, 8, 2]])
    applyConnectionProblemFix(problem.fixes[0])
    const after = documentStore.getState().doc
    const reshape = after.nodes.find((n) => n.kind === 'reshape')!
    expect(after.edges.some((e) => e.source === reshape.id && e.target === 'conv')).toBe(true)
    expect(connectionProblemStore.getState().problem).toBeNull()
    expect(uiStore.getState().selectedNodeIds).toEqual([reshape.id])
    undo()
    expect(documentStore.getState().doc).toBe(doc)
  })

  it('goes when one of its layers goes, or the document is replaced; stays on other edits', () => {
    refuse()
    commit({ ...doc, name: 'renamed' })
    expect(connectionProblemStore.getState().problem).not.toBeNull()
    commit(removeElements(documentStore.getState().doc, { nodeIds: ['conv'] }))
    expect(connectionProblemStore.getState().problem).toBeNull()
    refuse()
    replaceDocument({ ...doc })
    expect(connectionProblemStore.getState().problem).toBeNull()
  })
})
