import { describe, expect, it } from 'vitest'
import { removeElements } from '../../../src/core/graph/edits'
import { repairSelection } from '../../../src/renderer/src/app/surviving-selection'
import { graph } from '../helpers'

// helpers.graph puts node i at (0, 100·i).
const doc = graph(
  [
    ['in', 'input'],
    ['a', 'dense'],
    ['b', 'dense'],
    ['c', 'dense'],
  ],
  [
    ['in', 'a'],
    ['a', 'b'],
    ['b', 'c'],
  ],
)

describe('repairSelection (Undo removed the selected layer)', () => {
  it('selects the surviving layer nearest to the one that went', () => {
    const after = removeElements(doc, { nodeIds: ['c'] })
    expect(repairSelection(doc, after, { nodeIds: ['c'], edgeIds: [] })).toEqual({ nodeIds: ['b'], edgeIds: [] })
  })

  it('keeps what survives of a larger selection, and leaves a valid one alone', () => {
    const after = removeElements(doc, { nodeIds: ['c'] })
    expect(repairSelection(doc, after, { nodeIds: ['a', 'c'], edgeIds: [] })).toEqual({ nodeIds: ['a'], edgeIds: [] })
    expect(repairSelection(doc, after, { nodeIds: ['a'], edgeIds: [] })).toBeNull()
  })

  it('drops connections that are gone; shows the project when no layer is left', () => {
    const after = removeElements(doc, { edgeIds: ['e2'] })
    expect(repairSelection(doc, after, { nodeIds: [], edgeIds: ['e2'] })).toEqual({ nodeIds: [], edgeIds: [] })
    const empty = removeElements(doc, { nodeIds: ['in', 'a', 'b', 'c'] })
    expect(repairSelection(doc, empty, { nodeIds: ['b'], edgeIds: [] })).toEqual({ nodeIds: [], edgeIds: [] })
  })
})
