import { basename, dirname, relative, resolve } from 'node:path'
import { importLayersModel, type ImportWeights } from '../../core/import/tfjs-model'
import { checkWeightPath, weightPathMessage } from '../../core/import/weight-paths'
import { CliError, EXIT, oneLine, type Command } from '../command'
import {
  fsErrorReason,
  isInsideFolder,
  MAX_MODEL_FILE_BYTES,
  MAX_WEIGHT_BYTES,
  readRegularFile,
  readRegularText,
  realPathOf,
} from '../read-file'
import { renamedNote, saveProjectDocument } from '../save-project'

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * The weight files the manifest names, concatenated in order. The same rule as the app's
 * import (core/import/weight-paths.ts): only files in the model's real folder or below it,
 * symbolic links included, each a regular file, all together within the app's size limit.
 */
async function readWeights(
  modelJson: unknown,
  folder: string,
  shown: string,
  cwd: string,
): Promise<ImportWeights | undefined> {
  if (!isObject(modelJson) || !Array.isArray(modelJson.weightsManifest)) return undefined
  const specs: unknown[] = []
  const parts: Uint8Array[] = []
  let total = 0
  for (const group of modelJson.weightsManifest) {
    if (!isObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights))
      throw new CliError(`${shown}: weightsManifest entries need paths and weights`)
    specs.push(...group.weights)
    for (const entry of group.paths) {
      const checked = checkWeightPath(entry)
      if (!checked.ok) throw new CliError(`${shown}: ${weightPathMessage(checked.problem, entry, 'en')}`)
      const full = resolve(folder, checked.path)
      const cannotRead = (reason: string) =>
        new CliError(`cannot read the weights file ${relative(cwd, full) || checked.path}: ${reason}`)
      if (!isInsideFolder(folder, full))
        throw new CliError(`${shown}: ${weightPathMessage('parentFolder', entry, 'en')}`)
      let real: string
      try {
        real = await realPathOf(full)
      } catch (error) {
        throw cannotRead(fsErrorReason(error))
      }
      if (!isInsideFolder(folder, real)) throw new CliError(`${shown}: ${weightPathMessage('outside', entry, 'en')}`)
      let bytes: Uint8Array
      try {
        bytes = await readRegularFile(real, MAX_WEIGHT_BYTES - total, 'weights')
      } catch (error) {
        const reason = fsErrorReason(error)
        throw cannotRead(
          reason.startsWith('too large')
            ? `the weight files take more than ${MAX_WEIGHT_BYTES / (1024 * 1024)} MB, the most LayerCanvas imports`
            : reason,
        )
      }
      total += bytes.byteLength
      parts.push(bytes)
    }
  }
  // One shard (the usual case) is used as read: VGG16's 553 MB are then held once, not twice.
  if (parts.length === 1) return { specs, data: parts[0] }
  const data = new Uint8Array(total)
  let at = 0
  for (const p of parts) {
    data.set(p, at)
    at += p.byteLength
  }
  return { specs, data }
}

const importCommand: Command = {
  description:
    'Turns a TensorFlow.js / Keras model.json (and the weight files its manifest names, read only from its folder or below it) into a LayerCanvas project, laid out automatically. Layers with no LayerCanvas equivalent are listed by name with the reason, and nothing is written unless --allow-gaps is given (they are then left out, and the layers after them show a missing input). Exits 1 when layers cannot be imported, 2 when the file cannot be read or is not a model.',
  positionals: [{ name: 'model.json' }],
  options: {
    out: {
      type: 'string',
      valueName: '<project.json>',
      description:
        'the project file to write (required; an existing one is kept as <project.json>.bak). With weights it is a .layercanvas container (project.json + weights.bin): a .json name becomes .layercanvas',
    },
    'allow-gaps': { type: 'boolean', description: 'import what can be imported, leaving out the layers that cannot' },
    'no-weights': { type: 'boolean', description: "import the architecture only, without the model's weights" },
  },
  async run({ values, positionals }, io) {
    if (typeof values.out !== 'string' || values.out === '')
      throw new CliError('import: --out <project.json> is required')
    const file = positionals[0]
    let realModel: string
    let text: string
    try {
      // The model's folder is that of the real file: weights are looked up beside it.
      realModel = await realPathOf(resolve(io.cwd, file))
      text = await readRegularText(realModel, MAX_MODEL_FILE_BYTES, 'model.json files')
    } catch (error) {
      throw new CliError(`cannot read ${file}: ${fsErrorReason(error)}`)
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (error) {
      throw new CliError(`${file}: not valid JSON (${oneLine((error as Error).message)})`)
    }
    let weights: ImportWeights | undefined
    if (values['no-weights'] !== true) {
      weights = await readWeights(json, dirname(realModel), file, io.cwd)
    }
    const result = importLayersModel(json, weights, {
      allowGaps: values['allow-gaps'] === true,
      name: basename(file).replace(/\.json$/i, ''),
    })
    if (!result.ok) {
      if (result.unmapped.length === 0) throw new CliError(`${file}: ${result.error}`)
      io.err(
        `layercanvas: ${file}: ${result.unmapped.length} layer(s) cannot be imported (nothing was written; --allow-gaps imports the rest):\n`,
      )
      for (const u of result.unmapped) io.err(`  ${u.layerName} (${u.className}): ${oneLine(u.reason)}\n`)
      return EXIT.problems
    }
    for (const u of result.unmapped)
      io.err(`layercanvas: warning: left out ${u.layerName} (${u.className}): ${oneLine(u.reason)}\n`)
    for (const w of result.warnings) io.err(`layercanvas: warning: ${oneLine(w)}\n`)
    let saved
    try {
      saved = await saveProjectDocument(values.out, result.document, io.cwd)
    } catch (error) {
      throw new CliError(`import: cannot write ${values.out}: ${oneLine((error as Error).message)}`)
    }
    if (!saved.ok) throw new CliError(`import: ${values.out} not written: ${saved.error}`)
    const doc = result.document
    const trained = doc.trained ? `, with the weights of ${Object.keys(doc.trained.layers).length} layer(s)` : ''
    io.out(renamedNote(values.out, saved))
    io.out(`Imported ${doc.nodes.length} layer(s) and ${doc.edges.length} connection(s)${trained} into ${saved.path}\n`)
    return EXIT.ok
  },
}

export default importCommand
