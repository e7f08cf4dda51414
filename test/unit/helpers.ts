import { readFileSync } from 'node:fs'
import { parseProject } from '../../src/core/document/parse'
import type { ProjectDocument } from '../../src/core/document/types'

/** Every template in templates/ (test/unit/templates.test.ts checks that none is missing). */
export const TEMPLATE_IDS = [
  'mlp-mnist',
  'lenet5',
  'alexnet',
  'alexnet-mini',
  'vgg-mini',
  'resnet-mini',
  'mobilenet-mini',
  'rnn-sine',
  'lstm-names',
  'gru-classifier',
  'transformer-encoder',
  'transformer-names',
  'autoencoder-dense',
  'autoencoder-conv-denoising',
  'gan-mlp',
  'dcgan-mnist',
  'ddpm-mnist',
  'playground-mlp',
  'gan-2d',
  'playground-regression',
  'lstm-sine',
] as const

export function loadTemplate(id: string): ProjectDocument {
  const json = JSON.parse(readFileSync(new URL(`../../templates/${id}.json`, import.meta.url), 'utf8'))
  const parsed = parseProject(json)
  if (!parsed.ok) throw new Error(`${id}: ${parsed.error.message}`)
  return parsed.document
}

/** A small document from a compact description: nodes [id, kind, params], edges [source, target, port?]. */
export function graph(
  nodes: [string, string, Record<string, unknown>?][],
  edges: [string, string, number?][],
): ProjectDocument {
  const parsed = parseProject({
    format: 'layercanvas',
    schemaVersion: 1,
    name: 'test',
    nodes: nodes.map(([id, kind, params], i) => ({ id, kind, position: { x: 0, y: i * 100 }, params: params ?? {} })),
    edges: edges.map(([source, target, port], i) => ({ id: `e${i}`, source, target, targetPort: port ?? 0 })),
  })
  if (!parsed.ok) throw new Error(parsed.error.message)
  return parsed.document
}
