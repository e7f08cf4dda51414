import { z } from 'zod'
import { runHistorySchema } from '../experiments/run-history'
import { trainingConfigSchema } from '../training/config'
import { isReservedName } from './limits'
import { GROUP_ROLES } from './types'

/**
 * The structural schema of a project file (version 1). Params are checked separately against
 * each layer kind's param schema (see parse.ts), because their shape depends on the kind.
 */
const finite = z.number().refine(Number.isFinite, 'expected a finite number')
const id = z
  .string()
  .min(1, 'expected a non-empty id')
  .max(200)
  .refine((value) => !isReservedName(value), { error: (issue) => `${JSON.stringify(issue.input)} is a reserved name, choose another id` })
/** Far above any real network, low enough that a file cannot make every graph walk crawl. */
export const MAX_LAYERS = 20_000
const MAX_EDGES = 200_000
const text = z.string().max(10_000)
const localText = z.object({ en: text, 'zh-CN': text })

/**
 * Names in a language other than English, for the plain `name` fields (which are the English
 * text, used by exporters). Per node id and group id; see core/i18n/names.ts for the rules.
 */
const nameTranslations = z.strictObject({
  name: z.string().max(500).optional(),
  nodes: z.record(z.string(), z.string().max(200)).optional(),
  groups: z.record(z.string(), z.string().max(200)).optional(),
})

export const nodeSchema = z.object({
  id,
  kind: z.string().min(1).max(100),
  name: z.string().max(200).optional(),
  position: z.object({ x: finite, y: finite }).default({ x: 0, y: 0 }),
  params: z.record(z.string(), z.unknown()).default({}),
})

export const edgeSchema = z.object({
  id,
  source: id,
  target: id,
  targetPort: z.number().int().min(0).max(64).default(0),
})

export const groupSchema = z.object({
  id,
  name: z.string().max(200),
  role: z.enum(GROUP_ROLES).default('block'),
  nodeIds: z.array(id).max(MAX_LAYERS),
  collapsed: z.boolean().default(false),
})

/** One layer's trained weights, in tfjs' order for that layer; data is base64 of float32 little-endian. */
const weightSchema = z.object({
  name: z.string().max(500),
  shape: z.array(z.number().int().min(0)).max(8),
  data: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64 data'),
})

export const trainedSchema = z.object({
  savedAt: z.string().max(100),
  /** Per canvas node id, so weights follow their layer through edits elsewhere in the graph. */
  layers: z.record(z.string(), z.array(weightSchema)),
  metrics: z.record(z.string(), z.number()).optional(),
})

export const documentSchema = z.object({
  format: z.literal('layercanvas'),
  schemaVersion: z.number().int().min(1),
  name: z.string().max(500).default('Untitled'),
  nodes: z.array(nodeSchema).max(MAX_LAYERS).default([]),
  edges: z.array(edgeSchema).max(MAX_EDGES).default([]),
  groups: z.array(groupSchema).max(MAX_LAYERS).default([]),
  training: trainingConfigSchema.default(() => trainingConfigSchema.parse({})),
  trained: trainedSchema.optional(),
  /** Recorded training runs, oldest first (see core/experiments/run-history.ts). */
  runs: runHistorySchema.optional(),
  meta: z
    .object({
      description: localText.optional(),
      template: z.string().max(200).optional(),
      family: z.string().max(200).optional(),
      translations: z.strictObject({ 'zh-CN': nameTranslations.optional() }).optional(),
    })
    .default({}),
})
