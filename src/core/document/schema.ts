import { z } from 'zod'
import { runHistorySchema } from '../experiments/run-history'
import { trainingConfigSchema } from '../training/config'
import { isReservedName } from './limits'
import { weightTensorSchema } from './weight-data'

/**
 * The structural schema of a project file (version 1). Params are checked separately against
 * each layer kind's param schema (see parse.ts), because their shape depends on the kind.
 */
const finite = z.number().refine(Number.isFinite, 'expected a finite number')
const id = z
  .string()
  .min(1, 'expected a non-empty id')
  .max(200)
  .refine((value) => !isReservedName(value), {
    error: (issue) => `${JSON.stringify(issue.input)} is a reserved name, choose another id`,
  })
/** Far above any real network, low enough that a file cannot make every graph walk crawl. */
export const MAX_LAYERS = 20_000
const MAX_EDGES = 200_000
const text = z.string().max(10_000)
const localText = z.object({ en: text, 'zh-CN': text })

/**
 * Names in a language other than English, for the plain `name` fields (which are the English
 * text, used by exporters). Per node id and group id; see core/i18n/names.ts for the rules.
 */
export const nameTranslationsSchema = z.strictObject({
  /** The project's name. */
  name: z.string().max(500).optional(),
  /** Layer names by node id. */
  nodes: z.record(z.string(), z.string().max(200)).optional(),
  /** Group names by group id. */
  groups: z.record(z.string(), z.string().max(200)).optional(),
})

/** The current version of the project format; bump it and add a migration in migrate.ts. */
export const SCHEMA_VERSION = 1

export const GROUP_ROLES = ['block', 'generator', 'discriminator', 'encoder', 'decoder'] as const

export const positionSchema = z.object({ x: finite, y: finite })

export const nodeSchema = z.object({
  /** Unique within the document; also the tf layer name the compiler gives it. */
  id,
  /** A LayerKind id from the registry (or, after a repairing load, an unknown one kept as a placeholder). */
  kind: z.string().min(1).max(100),
  /** Optional user-given name shown on the node instead of the kind label. */
  name: z.string().max(200).optional(),
  position: positionSchema.default({ x: 0, y: 0 }),
  /** Complete and valid after parsing: defaults filled, every value checked against the schema. */
  params: z.record(z.string(), z.unknown()).default({}),
  /**
   * The version of the kind's params this node was written with (kind-migrations.ts). Absent
   * means 1; written only for kinds whose version is above 1, so today's files are unchanged.
   */
  kindVersion: z.number().int().min(1).max(1_000_000).optional(),
})

export const edgeSchema = z.object({
  id,
  /**
   * targetPort: which input of the target this edge feeds: 0 for single-input layers; for merges
   * the order of inputs (Concatenate joins them in port order); for attention 0 = query, 1 = value.
   */
  source: id,
  target: id,
  targetPort: z.number().int().min(0).max(64).default(0),
})

/** A named sub-network on the canvas (a Transformer block, a GAN's Generator, …). */
export const groupSchema = z.object({
  id,
  name: z.string().max(200),
  role: z.enum(GROUP_ROLES).default('block'),
  nodeIds: z.array(id).max(MAX_LAYERS),
  collapsed: z.boolean().default(false),
})

/** One layer's trained weights, in tfjs' order for that layer (values: weight-data.ts). */
export const trainedWeightSchema = weightTensorSchema

export const trainedSchema = z.object({
  savedAt: z.string().max(100),
  /** Per canvas node id, so weights follow their layer through edits elsewhere in the graph. */
  layers: z.record(z.string(), z.array(trainedWeightSchema)),
  metrics: z.record(z.string(), z.number()).optional(),
})

export const metaSchema = z.object({
  description: localText.optional(),
  /** The template this project started from, if any. */
  template: z.string().max(200).optional(),
  /** Template gallery family (the seed tutorial's table): mlp, cnn, rnn, … */
  family: z.string().max(200).optional(),
  /** Names in other UI languages (templates carry zh-CN); absent in most user projects. */
  translations: z.strictObject({ 'zh-CN': nameTranslationsSchema.optional() }).optional(),
})

export const documentSchema = z.object({
  format: z.literal('layercanvas'),
  schemaVersion: z.number().int().min(1),
  name: z.string().max(500).default('Untitled'),
  nodes: z.array(nodeSchema).max(MAX_LAYERS).default([]),
  edges: z.array(edgeSchema).max(MAX_EDGES).default([]),
  groups: z.array(groupSchema).max(MAX_LAYERS).default([]),
  training: trainingConfigSchema.default(() => trainingConfigSchema.parse({})),
  /** Weights from the last training run, when the user keeps them with the project. */
  trained: trainedSchema.optional(),
  /** Recorded training runs, oldest first (see core/experiments/run-history.ts). */
  runs: runHistorySchema.optional(),
  meta: metaSchema.default({}),
})
