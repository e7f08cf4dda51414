import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { encodeBase64 } from '../../../src/core/training/base64'
import { serializeProject } from '../../../src/core/document/parse'
import {
  CONTAINER_FORMAT,
  encodeProjectFile,
  joinParts,
  needsContainer,
  parseProjectFile,
  projectFileName,
  weightBytes,
} from '../../../src/core/document/project-file'
import { MAX_WEIGHT_BYTES } from '../../../src/core/document/size-policy'
import type { ProjectDocument, TrainedWeights } from '../../../src/core/document/types'
import { crc32, readZip, writeZip } from '../../../src/core/document/zip-store'
import { appendRun } from '../../../src/core/experiments/run-history'
import { findPython, random } from '../export/python-helpers'
import { loadTemplate } from '../helpers'

const dir = mkdtempSync(join(tmpdir(), 'lc-project-file-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function values(count: number, seed: number): Float32Array {
  const next = random(seed)
  return Float32Array.from({ length: count }, () => next())
}

/** mlp-mnist's real weight shapes (784 → 128 → 10), filled deterministically. */
function trainedMlp(seed = 1): TrainedWeights {
  return {
    savedAt: '2026-12-03T00:00:00.000Z',
    layers: {
      hidden: [
        { name: 'kernel', shape: [784, 128], data: values(784 * 128, seed) },
        { name: 'bias', shape: [128], data: values(128, seed + 1) },
      ],
      output: [
        { name: 'kernel', shape: [128, 10], data: values(1280, seed + 2) },
        { name: 'bias', shape: [10], data: values(10, seed + 3) },
      ],
    },
    metrics: { testAccuracy: 0.9 },
  }
}

function encode(doc: ProjectDocument): Uint8Array {
  const file = encodeProjectFile(doc, new Date('2026-12-03T01:02:04Z'))
  if (!file.ok) throw new Error(file.error)
  const bytes = joinParts(file.parts)
  expect(bytes.length).toBe(file.byteLength)
  return bytes
}

function reopen(bytes: Uint8Array): ProjectDocument {
  const parsed = parseProjectFile(bytes)
  if (!parsed.ok) throw new Error(parsed.error.message)
  return parsed.document
}

function expectSameWeights(a: TrainedWeights, b: TrainedWeights) {
  expect(Object.keys(b.layers).sort()).toEqual(Object.keys(a.layers).sort())
  for (const [nodeId, list] of Object.entries(a.layers)) {
    const other = b.layers[nodeId]
    expect(other.map((w) => [w.name, w.shape])).toEqual(list.map((w) => [w.name, w.shape]))
    // Bit-exact: the container stores the float32 bytes themselves.
    list.forEach((w, i) =>
      expect(Buffer.from(other[i].data.buffer, other[i].data.byteOffset, other[i].data.byteLength)).toEqual(
        Buffer.from(w.data.buffer, w.data.byteOffset, w.data.byteLength),
      ),
    )
  }
}

const python = findPython('zipfile, json')

describe('project files: plain JSON without weights, a container with them', () => {
  it('a document without weights is the same plain JSON as before', () => {
    const doc = loadTemplate('mlp-mnist')
    expect(needsContainer(doc)).toBe(false)
    const bytes = encode(doc)
    expect(new TextDecoder().decode(bytes)).toBe(serializeProject(doc))
    expect(reopen(bytes)).toEqual(doc)
    expect(projectFileName('My net.layercanvas', doc)).toBe('My net.layercanvas.json')
  })

  it('trained and run weights go into weights.bin, bit-exact, and read back as views of the file', () => {
    const trained = trainedMlp()
    const runWeights = trainedMlp(50)
    const base = loadTemplate('mlp-mnist')
    const runs = appendRun(undefined, {
      startedAt: new Date('2026-12-03T00:00:00Z'),
      source: 'cli',
      status: 'done',
      seconds: 2,
      backend: 'cpu',
      training: base.training,
      epochs: [],
      weights: runWeights,
    })
    const doc: ProjectDocument = { ...base, trained, runs }
    expect(needsContainer(doc)).toBe(true)
    expect(projectFileName('My net.layercanvas.json', doc)).toBe('My net.layercanvas')
    const bytes = encode(doc)
    const back = reopen(bytes)
    expectSameWeights(trained, back.trained!)
    expectSameWeights(runWeights, back.runs![0].weights!)
    expect(back.trained!.metrics).toEqual({ testAccuracy: 0.9 })
    // No copy: the weights are aligned views into the file's own buffer.
    expect(back.trained!.layers.hidden[0].data.buffer).toBe(bytes.buffer)
    // Everything but the weights is unchanged.
    const strip = (d: ProjectDocument) => ({
      ...d,
      trained: undefined,
      runs: d.runs?.map((r) => ({ ...r, weights: undefined })),
    })
    expect(strip(back)).toEqual(strip(doc))
  })

  it('a tensor shared by the trained weights and a run is stored once', () => {
    const trained = trainedMlp()
    const base = loadTemplate('mlp-mnist')
    const runs = appendRun(undefined, {
      startedAt: new Date('2026-12-03T00:00:00Z'),
      source: 'app',
      status: 'done',
      seconds: 1,
      backend: 'cpu',
      training: base.training,
      epochs: [],
      weights: trained,
    })
    const doc = { ...base, trained, runs }
    const entries = readZip(encode(doc), () => Infinity)
    const bin = entries.find((e) => e.name === 'weights.bin')!
    expect(bin.data.length).toBe(weightBytes({ ...base, trained }))
    expect(weightBytes(doc)).toBe(2 * bin.data.length)
  })

  it.skipIf(!python)('any zip tool reads it: manifest, project.json with references, weights.bin', () => {
    const doc = { ...loadTemplate('mlp-mnist'), trained: trainedMlp() }
    const path = join(dir, 'mlp.layercanvas')
    writeFileSync(path, encode(doc))
    const script = [
      'import json, struct, sys, zipfile',
      'z = zipfile.ZipFile(sys.argv[1])',
      'assert z.testzip() is None',
      'names = [i.filename for i in z.infolist()]',
      'm = json.loads(z.read("manifest.json"))',
      'p = json.loads(z.read("project.json"))',
      'w = z.read("weights.bin")',
      'ref = p["trained"]["layers"]["output"][1]["data"]',
      'bias = struct.unpack("<%df" % ref["length"], w[ref["offset"]:ref["offset"] + 4 * ref["length"]])',
      'print(json.dumps({"names": names, "manifest": m, "bias": bias, "bin": len(w)}))',
    ].join('\n')
    const out = JSON.parse(execFileSync(python!, ['-c', script, path], { encoding: 'utf8' })) as {
      names: string[]
      manifest: Record<string, unknown>
      bias: number[]
      bin: number
    }
    expect(out.names).toEqual(['manifest.json', 'project.json', 'weights.bin'])
    expect(out.manifest).toMatchObject({ format: CONTAINER_FORMAT, version: 1, weightBytes: out.bin })
    expect(out.bias).toEqual(Array.from(doc.trained.layers.output[1].data))
  })

  it('a project from before the container (base64 in the JSON) opens and saves as a container', () => {
    const trained = trainedMlp()
    const legacy = {
      ...JSON.parse(serializeProject(loadTemplate('mlp-mnist'))),
      trained: {
        ...trained,
        layers: Object.fromEntries(
          Object.entries(trained.layers).map(([id, list]) => [
            id,
            list.map((w) => ({ ...w, data: encodeBase64(new Uint8Array(w.data.buffer)) })),
          ]),
        ),
      },
    }
    const opened = reopen(new TextEncoder().encode(JSON.stringify(legacy, null, 2)))
    expectSameWeights(trained, opened.trained!)
    const saved = encodeProjectFile(opened)
    expect(saved.ok && saved.container).toBe(true)
    expectSameWeights(trained, reopen(encode(opened)).trained!)
  })

  it('serializeProject refuses a document with weights (JSON would mangle them)', () => {
    expect(() => serializeProject({ ...loadTemplate('mlp-mnist'), trained: trainedMlp() })).toThrow(/encodeProjectFile/)
  })
})

describe('project files: what users can get wrong', () => {
  const good = () => encode({ ...loadTemplate('mlp-mnist'), trained: trainedMlp() })
  const error = (bytes: Uint8Array) => {
    const parsed = parseProjectFile(bytes)
    expect(parsed.ok).toBe(false)
    return parsed.ok ? null : parsed.error
  }

  it('a container cut short', () => {
    const bytes = good()
    expect(error(bytes.subarray(0, bytes.length - 100))?.message).toMatch(/damaged.*cut short/)
    expect(error(bytes.subarray(0, 1000))?.message).toMatch(/damaged/)
  })

  it('a changed byte in the weights fails the checksum', () => {
    const bytes = good().slice()
    const bin = readZip(bytes, () => Infinity).find((e) => e.name === 'weights.bin')!
    bytes[bin.data.byteOffset + 12345] ^= 0xff
    expect(error(bytes)?.message).toMatch(/"weights\.bin" does not match its checksum/)
  })

  it('a reference past the end of weights.bin names its place', () => {
    const entries = readZip(good(), () => Infinity)
    const project = JSON.parse(new TextDecoder().decode(entries.find((e) => e.name === 'project.json')!.data))
    project.trained.layers.output[0].data.offset = 10 ** 9
    const rebuilt = writeZip(
      entries.map((e) =>
        e.name === 'project.json'
          ? { name: e.name, parts: [new TextEncoder().encode(JSON.stringify(project))] }
          : { name: e.name, parts: [e.data], align: 4 },
      ),
    )
    const e = error(joinParts(rebuilt.parts))
    expect(e?.path).toBe('trained.layers.output[0].data')
    expect(e?.message).toMatch(/points past the end of weights\.bin/)
  })

  it('a wrong tensor length is caught by the shape check', () => {
    const entries = readZip(good(), () => Infinity)
    const project = JSON.parse(new TextDecoder().decode(entries.find((e) => e.name === 'project.json')!.data))
    project.trained.layers.output[1].data.length = 9
    const rebuilt = writeZip(
      entries.map((e) => ({
        name: e.name,
        parts: [e.name === 'project.json' ? new TextEncoder().encode(JSON.stringify(project)) : e.data],
      })),
    )
    const e = error(joinParts(rebuilt.parts))
    expect(e?.path).toBe('trained.layers.output[1].data')
    expect(e?.message).toMatch(/expected 40 bytes of float32 weights for shape \[10\], got 36/)
  })

  it('a container without a manifest, or from a newer version', () => {
    const entries = readZip(good(), () => Infinity)
    const without = writeZip(
      entries.filter((e) => e.name !== 'manifest.json').map((e) => ({ name: e.name, parts: [e.data] })),
    )
    expect(error(joinParts(without.parts))?.message).toMatch(/has no manifest\.json/)
    const newer = writeZip(
      entries.map((e) => ({
        name: e.name,
        parts: [
          e.name === 'manifest.json'
            ? new TextEncoder().encode(`{"format":"${CONTAINER_FORMAT}","version":9}`)
            : e.data,
        ],
      })),
    )
    expect(error(joinParts(newer.parts))?.message).toMatch(/newer LayerCanvas/)
  })

  it.skipIf(!python)('a container re-zipped with compression says how to fix it', () => {
    const path = join(dir, 'plain.layercanvas')
    writeFileSync(path, good())
    const out = join(dir, 'deflated.layercanvas')
    const script = [
      'import sys, zipfile',
      'src = zipfile.ZipFile(sys.argv[1])',
      'with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as dst:',
      '    for i in src.infolist(): dst.writestr(i.filename, src.read(i.filename))',
    ].join('\n')
    execFileSync(python!, ['-c', script, path, out])
    const bytes = new Uint8Array(readFileSync(out))
    expect(error(bytes)?.message).toMatch(/compressed.*zip -0/)
  })

  it('bytes that are neither JSON text nor a container', () => {
    expect(error(new Uint8Array([0xff, 0xfe, 0x00, 0x80]))?.message).toMatch(
      /neither JSON text nor a LayerCanvas container/,
    )
    expect(error(new TextEncoder().encode('{"format": "layercanvas", '))?.message).toMatch(/not valid JSON/)
  })

  it('past the size policy: encoding and opening say how much and the limit', () => {
    // One 64 MiB tensor referenced by 17 layers' weights: 1,088 MiB counted, one allocation made.
    const big = new Float32Array((64 * 1024 * 1024) / 4)
    const doc = loadTemplate('mlp-mnist')
    const layers = Object.fromEntries(
      Array.from({ length: 17 }, (_, i) => [`n${i}`, [{ name: 'kernel', shape: [big.length], data: big }]]),
    )
    const over = { ...doc, runs: [] as never[], trained: { savedAt: '', layers } }
    expect(weightBytes(over)).toBeGreaterThan(MAX_WEIGHT_BYTES)
    const encoded = encodeProjectFile(over)
    expect(encoded.ok).toBe(false)
    expect(encoded.ok ? '' : encoded.error).toBe('the weights take 1088 MB; a project holds at most 1024 MB of weights')
  })
})

describe('zip-store', () => {
  it('crc32 matches the standard check value', () => {
    expect(crc32([new TextEncoder().encode('123456789')])).toBe(0xcbf43926)
    // Split anywhere, the same result (the slicing-by-8 loop and the byte loop agree).
    const bytes = new Uint8Array(1001).map((_, i) => (i * 37) & 0xff)
    expect(crc32([bytes.subarray(0, 3), bytes.subarray(3, 500), bytes.subarray(500)])).toBe(crc32([bytes]))
  })

  it('aligns an entry to the requested boundary whatever comes before it', () => {
    for (let nameLength = 1; nameLength <= 9; nameLength++) {
      const zip = writeZip([
        { name: 'a'.repeat(nameLength), parts: [new Uint8Array(nameLength * 3)] },
        { name: 'weights.bin', parts: [new Uint8Array([1, 2, 3, 4])], align: 4 },
      ])
      const entries = readZip(joinParts(zip.parts), () => Infinity)
      expect(entries[1].data.byteOffset % 4).toBe(0)
      expect(Array.from(entries[1].data)).toEqual([1, 2, 3, 4])
    }
  })
})
