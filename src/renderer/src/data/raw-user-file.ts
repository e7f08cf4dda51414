/**
 * An imported file as the user picked it (before decoding): what travels to workers. Plain data
 * only, so the worker protocol can name it without pulling in the decoders' DOM types.
 */
export type RawUserFile =
  { type: 'text'; name: string; text: string } | { type: 'imageFolder'; name: string; classes: RawImageClass[] }

export interface RawImageClass {
  name: string
  files: { name: string; bytes: Uint8Array }[]
}
