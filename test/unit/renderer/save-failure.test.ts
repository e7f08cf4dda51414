import { describe, expect, it } from 'vitest'
import { encodeProjectFile } from '../../../src/core/document/project-file'
import { MAX_DOCUMENT_BYTES } from '../../../src/core/document/size-policy'
import { emptyDocument } from '../../../src/core/document/types'
import { saveFailure } from '../../../src/renderer/src/app/save-failure'

describe('save-failed banner', () => {
  it('names the limit of the size policy a real refused encode passed, with its numbers', () => {
    // A document whose JSON (without weights) passes 64 MB: a long description, nothing else.
    const doc = emptyDocument('big')
    const half = 'x'.repeat(MAX_DOCUMENT_BYTES / 2 + 1)
    const huge = { ...doc, meta: { ...doc.meta, description: { en: half, 'zh-CN': half } } }
    const encoded = encodeProjectFile(huge)
    expect(encoded.ok).toBe(false)
    if (encoded.ok) return
    expect(saveFailure(huge, encoded.error)).toEqual({
      key: 'projectFile.documentTooLarge',
      values: { mb: 65, max: 64 },
    })
  })

  it('says nothing of its own for another reason (the core message is shown as it is)', () => {
    expect(saveFailure(emptyDocument('x'), 'something else')).toBeNull()
  })
})
