/**
 * The Try-it panel's messages to and from the training worker (types only): `prepare`
 * compiles the document with its `trained` weights and answers with the Try-it description;
 * the other actions run one input through the prepared model.
 */
import type { ProjectDocument } from '../../../core/document/types'
import type { TryItOutcome } from '../../../core/tryit/run'
import type { TryItSpec } from '../../../core/tryit/spec'
import type { RawUserFile } from '../data/sources'
import type { BackendPreference, ExportProblem } from './protocol'

export type TryItAction =
  | {
      kind: 'prepare'
      document: ProjectDocument
      baseUrl: string
      userFiles: Record<string, RawUserFile>
      backend: BackendPreference
    }
  /** Pixels (0–1) or slider values, before normalisation. */
  | { kind: 'features'; raw: Float32Array; /** Denoising autoencoders: the input noise's seed. */ seed?: number }
  | { kind: 'noise'; seed: number; temperature: number }
  | { kind: 'text'; prompt: string; seed: number; temperature: number }
  /** A diffusion model's Generate: the core sampler (core/tryit/diffusion-run.ts). */
  | { kind: 'diffuse'; seed: number; method: 'ddpm' | 'ddim'; steps: number }

export interface TryItMessage {
  type: 'tryit'
  requestId: number
  action: TryItAction
}

export type TryItAnswer =
  | { ok: true; spec: TryItSpec; outcome: TryItOutcome | null }
  /** `busy`: training runs; `notPrepared`: no model yet; `problems`: the graph cannot be built. */
  | { ok: false; reason: 'busy' | 'notPrepared' | 'problems' | 'failed'; message: string; problems?: ExportProblem[] }

export interface TryItReply {
  type: 'tryit'
  requestId: number
  answer: TryItAnswer
}
