import type { z } from 'zod'
import { defaultTrainingConfig } from '../training/config'
import {
  GROUP_ROLES,
  SCHEMA_VERSION,
  type documentSchema,
  type edgeSchema,
  type groupSchema,
  type nameTranslationsSchema,
  type nodeSchema,
  type positionSchema,
  type trainedSchema,
  type trainedWeightSchema,
} from './schema'

// The document's types are what the zod schema (schema.ts) outputs after parsing, so the two
// cannot drift apart: change the schema and these follow. The comments live beside the schema.
export { GROUP_ROLES, SCHEMA_VERSION }

export type Position = z.infer<typeof positionSchema>
export type LayerNode = z.infer<typeof nodeSchema>
export type Edge = z.infer<typeof edgeSchema>
export type GroupRole = (typeof GROUP_ROLES)[number]
export type Group = z.infer<typeof groupSchema>
/** Names in one language other than English; the plain `name` fields are the English text. */
export type NameTranslations = z.infer<typeof nameTranslationsSchema>
/** One weight tensor of a trained layer (base64 of float32 little-endian values). */
export type TrainedWeight = z.infer<typeof trainedWeightSchema>
export type TrainedWeights = z.infer<typeof trainedSchema>
export type ProjectDocument = z.infer<typeof documentSchema>

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
