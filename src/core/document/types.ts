import type { RunRecord } from '../experiments/run-history'
import type { LocalText } from '../i18n/text'
import { defaultTrainingConfig, type TrainingConfig } from '../training/config'

/** The current version of the project format; bump it and add a migration in migrate.ts. */
export const SCHEMA_VERSION = 1

export interface Position {
  x: number
  y: number
}

export interface LayerNode {
  /** Unique within the document; also the tf layer name the compiler gives it. */
  id: string
  /** A LayerKind id from the registry. */
  kind: string
  /** Optional user-given name shown on the node instead of the kind label. */
  name?: string
  position: Position
  /** Complete and valid after parsing: defaults filled, every value checked against the schema. */
  params: Record<string, unknown>
}

export interface Edge {
  id: string
  source: string
  target: string
  /**
   * Which input of the target this edge feeds: 0 for single-input layers; for merges the
   * order of inputs (Concatenate joins them in port order); for attention 0 = query, 1 = value.
   */
  targetPort: number
}

export const GROUP_ROLES = ['block', 'generator', 'discriminator', 'encoder', 'decoder'] as const
export type GroupRole = (typeof GROUP_ROLES)[number]

/** A named sub-network on the canvas (a Transformer block, a GAN's Generator, …). */
export interface Group {
  id: string
  name: string
  role: GroupRole
  nodeIds: string[]
  collapsed: boolean
}

/** Names in one language other than English; the plain `name` fields are the English text. */
export interface NameTranslations {
  /** The project's name. */
  name?: string
  /** Layer names by node id. */
  nodes?: Record<string, string>
  /** Group names by group id. */
  groups?: Record<string, string>
}

export interface ProjectMeta {
  description?: LocalText
  /** The template this project started from, if any. */
  template?: string
  /** Template gallery family (the seed tutorial's table): mlp, cnn, rnn, … */
  family?: string
  /** Names in other UI languages (templates carry zh-CN); absent in most user projects. */
  translations?: { 'zh-CN'?: NameTranslations }
}

/** One weight tensor of a trained layer (base64 of float32 little-endian values). */
export interface TrainedWeight {
  name: string
  shape: number[]
  data: string
}

export interface TrainedWeights {
  savedAt: string
  layers: Record<string, TrainedWeight[]>
  metrics?: Record<string, number>
}

export interface ProjectDocument {
  format: 'layercanvas'
  schemaVersion: number
  name: string
  nodes: LayerNode[]
  edges: Edge[]
  groups: Group[]
  training: TrainingConfig
  /** Weights from the last training run, when the user keeps them with the project. */
  trained?: TrainedWeights
  /** Recorded training runs, oldest first; absent until the first run ends. */
  runs?: RunRecord[]
  meta: ProjectMeta
}

export function emptyDocument(name = 'Untitled'): ProjectDocument {
  return {
    format: 'layercanvas',
    schemaVersion: SCHEMA_VERSION,
    name,
    nodes: [],
    edges: [],
    groups: [],
    training: defaultTrainingConfig(),
    meta: {},
  }
}
