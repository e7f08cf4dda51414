import { describe, expect, it } from 'vitest'
import { migrateKindParams, withKindVersion } from '../../../src/core/document/kind-migrations'
import type { LayerNode } from '../../../src/core/document/types'
import type { AnyLayerKind } from '../../../src/core/layers/kind'
import { getLayerKind } from '../../../src/core/layers/registry'

/**
 * A test kind at version 3: Dense as if its `size` param had been renamed to `units` (1 → 2)
 * and its activation names had lost an old spelling (2 → 3).
 */
const dense = getLayerKind('dense') as AnyLayerKind
const fixtureKind: AnyLayerKind = {
  ...dense,
  version: 3,
  migrations: {
    1: ({ size, ...rest }) => ({ ...rest, units: size }),
    2: (params) => ({ ...params, activation: params.activation === 'rectifier' ? 'relu' : params.activation }),
  },
}

const node = (params: Record<string, unknown>, kindVersion?: number): LayerNode => ({
  id: 'hidden',
  kind: 'dense',
  position: { x: 0, y: 0 },
  params,
  ...(kindVersion === undefined ? {} : { kindVersion }),
})

describe('per-kind migrations', () => {
  it('runs every step, oldest first, for a node without a version (version 1)', () => {
    const stored = { size: 16, activation: 'rectifier' }
    const result = migrateKindParams(node(stored), fixtureKind)
    expect(result).toEqual({ ok: true, migrated: true, params: { units: 16, activation: 'relu' } })
    expect(stored).toEqual({ size: 16, activation: 'rectifier' }) // the stored params are not mutated
  })

  it('runs only the steps after the version the node was written with', () => {
    const result = migrateKindParams(node({ units: 8, activation: 'rectifier', size: 'left alone' }, 2), fixtureKind)
    expect(result).toEqual({ ok: true, migrated: true, params: { units: 8, activation: 'relu', size: 'left alone' } })
  })

  it('changes nothing at the current version, or for a kind without versions', () => {
    const current = node({ units: 8 }, 3)
    expect(migrateKindParams(current, fixtureKind)).toEqual({ ok: true, migrated: false, params: current.params })
    const plain = node({ units: 8 })
    expect(migrateKindParams(plain, dense)).toEqual({ ok: true, migrated: false, params: plain.params })
  })

  it('refuses a version from a newer LayerCanvas, a missing step and a step that throws', () => {
    expect(migrateKindParams(node({}, 9), fixtureKind)).toEqual({ ok: false, reason: 'newer', from: 9, to: 3 })
    const gap = { ...fixtureKind, migrations: { 1: fixtureKind.migrations![1] } }
    expect(migrateKindParams(node({ size: 1 }), gap)).toEqual({ ok: false, reason: 'missingStep', from: 2, to: 3 })
    const throwing = {
      ...fixtureKind,
      migrations: {
        ...fixtureKind.migrations,
        2: () => {
          throw new Error('broken step')
        },
      },
    }
    expect(migrateKindParams(node({ size: 1 }), throwing)).toEqual({ ok: false, reason: 'threw', from: 2, to: 3 })
  })

  it('never takes a step from Object.prototype', () => {
    const inherited = {
      ...fixtureKind,
      migrations: Object.create({ 1: () => ({ hacked: true }) }) as AnyLayerKind['migrations'],
    }
    expect(migrateKindParams(node({}), inherited)).toEqual({ ok: false, reason: 'missingStep', from: 1, to: 3 })
  })

  it('stamps the version on write only for kinds above version 1', () => {
    expect(withKindVersion(node({ units: 8 }), fixtureKind).kindVersion).toBe(3)
    const plain = node({ units: 8 })
    expect(withKindVersion(plain, dense)).toBe(plain)
    expect(withKindVersion(plain, undefined)).toBe(plain)
    const written = node({ units: 8 }, 2)
    expect(withKindVersion(written, fixtureKind)).toBe(written)
  })
})
