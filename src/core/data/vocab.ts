/**
 * Character vocabularies for char-level language models (names, text files). Ids 0–2 are
 * always the special tokens below, then the characters in code-point order, so the same
 * text always gives the same vocabulary.
 */
export const PAD = '<pad>'
export const START = '<start>'
export const END = '<end>'
export const PAD_ID = 0
export const START_ID = 1
export const END_ID = 2
export const SPECIAL_TOKENS = [PAD, START, END] as const

/** Splits into characters by code point, so emoji and CJK characters stay whole. */
export function characters(text: string): string[] {
  return Array.from(text)
}

export function buildVocab(texts: Iterable<string>): string[] {
  const chars = new Set<string>()
  for (const text of texts) for (const c of characters(text)) chars.add(c)
  return [...SPECIAL_TOKENS, ...[...chars].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))]
}

export interface EncodeOptions {
  /** Put the start token first (names) — default false. */
  start?: boolean
  /** Put the end token last (names) — default false. */
  end?: boolean
}

/** Token ids of a text; characters missing from the vocabulary are skipped. */
export function encodeText(text: string, vocab: readonly string[], options: EncodeOptions = {}): number[] {
  const index = vocabIndex(vocab)
  const ids: number[] = options.start ? [START_ID] : []
  for (const c of characters(text)) {
    const id = index.get(c)
    if (id !== undefined) ids.push(id)
  }
  if (options.end) ids.push(END_ID)
  return ids
}

/** Text of token ids; stops at the end token, leaves out padding and start tokens. */
export function decodeTokens(ids: Iterable<number>, vocab: readonly string[]): string {
  let out = ''
  for (const id of ids) {
    if (id === END_ID) break
    if (id === PAD_ID || id === START_ID || id < 0 || id >= vocab.length) continue
    out += vocab[id]
  }
  return out
}

const indexCache = new WeakMap<readonly string[], Map<string, number>>()

/** Character → id, cached per vocabulary array. */
export function vocabIndex(vocab: readonly string[]): Map<string, number> {
  let index = indexCache.get(vocab)
  if (!index) {
    index = new Map(vocab.map((token, id) => [token, id]))
    indexCache.set(vocab, index)
  }
  return index
}

/**
 * The model input for predicting the next token after `ids`: the last `context` ids,
 * left-padded with PAD_ID — exactly how the training samples were built.
 */
export function contextWindow(ids: readonly number[], context: number): Int32Array {
  const out = new Int32Array(context) // PAD_ID is 0
  const take = Math.min(context, ids.length)
  for (let i = 0; i < take; i++) out[context - take + i] = ids[ids.length - take + i]
  return out
}
