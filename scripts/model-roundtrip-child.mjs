#!/usr/bin/env node
// The TensorFlow.js side of scripts/model-roundtrip.mjs, run in its own process so its peak
// memory is measured on its own:
//   node scripts/model-roundtrip-child.mjs build <spec.json> <dir>
//     builds tf.sequential from the spec (random initial weights), saves it as a tfjs model
//     (dir/model/model.json + 4 MB weight shards, as tfjs' converter writes them) and its output
//     on dir/input.bin (float32 LE, batch of 1) to dir/reference.bin
//   node scripts/model-roundtrip-child.mjs predict <model folder> <input.bin> <output.bin>
//     loads a tfjs model.json with its weights and writes its output on input.bin
//   node scripts/model-roundtrip-child.mjs onnx <model.onnx> <input.bin> <output.bin> <input shape JSON>
//     the same with onnxruntime-node (tfjs is not loaded)
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'

/** tfjs on its CPU backend, loaded only by the modes that use it. */
let tf

const SHARD_BYTES = 4 * 1024 * 1024

function floatsOf(path) {
  const bytes = readFileSync(path)
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
}

function writeFloats(path, values) {
  writeFileSync(path, new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
}

function predict(model, inputPath) {
  const shape = model.inputs[0].shape.map((d) => d ?? 1)
  const x = tf.tensor(floatsOf(inputPath), shape, 'float32')
  const y = model.predict(x)
  const values = y.dataSync()
  tf.dispose([x, y])
  return values
}

/** The weight data as a list of buffers (tfjs 4 returns one ArrayBuffer or several). */
const buffersOf = (weightData) => (Array.isArray(weightData) ? weightData : [weightData])

async function build(specPath, dir) {
  const spec = JSON.parse(readFileSync(specPath, 'utf8'))
  const model = tf.sequential({ name: spec.name })
  for (const [i, { type, config }] of spec.layers.entries())
    model.add(tf.layers[type](i === 0 ? { ...config, inputShape: spec.input } : config))
  const folder = join(dir, 'model')
  mkdirSync(folder, { recursive: true })
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      // Shards of 4 MB, as tfjs' converter writes them: the importer reads them in order.
      const buffers = buffersOf(artifacts.weightData)
      const total = buffers.reduce((n, b) => n + b.byteLength, 0)
      const count = Math.max(1, Math.ceil(total / SHARD_BYTES))
      const named = Array.from({ length: count }, (_, i) => `group1-shard${i + 1}of${count}.bin`)
      let shard = -1
      let fd = -1
      let inShard = SHARD_BYTES
      for (const buffer of buffers) {
        const bytes = new Uint8Array(buffer)
        for (let at = 0; at < bytes.length;) {
          if (inShard === SHARD_BYTES) {
            if (fd >= 0) closeSync(fd)
            fd = openSync(join(folder, named[++shard]), 'w')
            inShard = 0
          }
          const n = Math.min(SHARD_BYTES - inShard, bytes.length - at)
          writeSync(fd, bytes, at, n)
          at += n
          inShard += n
        }
      }
      if (fd >= 0) closeSync(fd)
      const modelJson = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: named, weights: artifacts.weightSpecs }],
      }
      writeFileSync(join(folder, 'model.json'), JSON.stringify(modelJson))
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }
    }),
  )
  const size = spec.input.reduce((a, b) => a * b, 1)
  // A fixed input in [-0.5, 0.5): the same for every runtime compared.
  const input = Float32Array.from({ length: size }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5)
  writeFloats(join(dir, 'input.bin'), input)
  writeFloats(join(dir, 'reference.bin'), predict(model, join(dir, 'input.bin')))
  console.log(JSON.stringify({ params: model.countParams() }))
}

async function predictSaved(folder, inputPath, outputPath) {
  const modelJson = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8'))
  const groups = modelJson.weightsManifest
  const parts = groups.flatMap((g) => g.paths.map((p) => readFileSync(join(folder, decodeURIComponent(p)))))
  const total = parts.reduce((n, p) => n + p.length, 0)
  const data = new Uint8Array(total)
  let at = 0
  for (const p of parts) {
    data.set(p, at)
    at += p.length
  }
  parts.length = 0
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: groups.flatMap((g) => g.weights),
      weightData: data.buffer,
    }),
  )
  writeFloats(outputPath, predict(model, inputPath))
}

async function predictOnnx(modelPath, inputPath, outputPath, shape) {
  const ort = await import('onnxruntime-node')
  const session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 2 })
  const x = new ort.Tensor('float32', floatsOf(inputPath), [1, ...JSON.parse(shape)])
  const result = await session.run({ [session.inputNames[0]]: x })
  writeFloats(outputPath, result[session.outputNames[0]].data)
  await session.release()
}

const [mode, ...args] = process.argv.slice(2)
if (mode === 'build' || mode === 'predict') {
  tf = await import('@tensorflow/tfjs')
  tf.enableProdMode()
  await tf.setBackend('cpu')
}
if (mode === 'build') await build(args[0], args[1])
else if (mode === 'predict') await predictSaved(args[0], args[1], args[2])
else if (mode === 'onnx') await predictOnnx(args[0], args[1], args[2], args[3])
else {
  console.error(`model-roundtrip-child: unknown mode ${mode}`)
  process.exit(2)
}
