import { readFile, stat } from 'node:fs/promises'
import { basename, dirname, relative, resolve } from 'node:path'
import { serializeProject } from '../../core/document/parse'
import { importLayersModel, type ImportWeights } from '../../core/import/tfjs-model'
import { CliError, EXIT, oneLine, type Command } from '../command'
import { writeProjectFile } from '../write-files'

const MAX_BYTES = 2 * 1024 * 1024 * 1024

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The weight files the manifest names (paths relative to model.json), concatenated in order. */
async function readWeights(modelJson: unknown, dir: string, shown: string): Promise<ImportWeights | undefined | string> {
  if (!isObject(modelJson) || !Array.isArray(modelJson.weightsManifest)) return undefined
  const specs: unknown[] = []
  const parts: Uint8Array[] = []
  for (const group of modelJson.weightsManifest) {
    if (!isObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) return `${shown}: weightsManifest entries need paths and weights`
    specs.push(...group.weights)
    for (const path of group.paths) {
      if (typeof path !== 'string' || path === '' || /^[a-z]+:/i.test(path)) return `${shown}: weight path ${JSON.stringify(path)} is not a local file`
      const full = resolve(dir, decodeURIComponent(path))
      try {
        const info = await stat(full)
        if (info.size > MAX_BYTES) return `${path}: too large`
        parts.push(new Uint8Array(await readFile(full)))
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        return `cannot read the weights file ${relative(process.cwd(), full) || path}: ${code === 'ENOENT' ? 'no such file' : oneLine((error as Error).message)}`
      }
    }
  }
  const data = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0))
  let at = 0
  for (const p of parts) {
    data.set(p, at)
    at += p.byteLength
  }
  return { specs, data }
}

const importCommand: Command = {
  description:
    "Turns a TensorFlow.js / Keras model.json (and the weight files its manifest names, read from beside it) into a LayerCanvas project, laid out automatically. Layers with no LayerCanvas equivalent are listed by name with the reason, and nothing is written unless --allow-gaps is given (they are then left out, and the layers after them show a missing input). Exits 1 when layers cannot be imported, 2 when the file cannot be read or is not a model.",
  positionals: [{ name: 'model.json' }],
  options: {
    out: { type: 'string', valueName: '<project.json>', description: 'the project file to write (required; an existing one is kept as <project.json>.bak)' },
    'allow-gaps': { type: 'boolean', description: 'import what can be imported, leaving out the layers that cannot' },
    'no-weights': { type: 'boolean', description: "import the architecture only, without the model's weights" },
  },
  async run({ values, positionals }, io) {
    if (typeof values.out !== 'string' || values.out === '') throw new CliError('import: --out <project.json> is required')
    const file = positionals[0]
    const full = resolve(io.cwd, file)
    let text: string
    try {
      const info = await stat(full)
      if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' })
      if (info.size > MAX_BYTES) throw new Error('too large')
      text = await readFile(full, 'utf8')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      throw new CliError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : oneLine((error as Error).message)}`)
    }
    let json: unknown
    try {
      json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
    } catch (error) {
      throw new CliError(`${file}: not valid JSON (${oneLine((error as Error).message)})`)
    }
    let weights: ImportWeights | undefined
    if (values['no-weights'] !== true) {
      const read = await readWeights(json, dirname(full), file)
      if (typeof read === 'string') throw new CliError(read)
      weights = read
    }
    const result = importLayersModel(json, weights, { allowGaps: values['allow-gaps'] === true, name: basename(file).replace(/\.json$/i, '') })
    if (!result.ok) {
      if (result.unmapped.length === 0) throw new CliError(`${file}: ${result.error}`)
      io.err(`layercanvas: ${file}: ${result.unmapped.length} layer(s) cannot be imported (nothing was written; --allow-gaps imports the rest):\n`)
      for (const u of result.unmapped) io.err(`  ${u.layerName} (${u.className}): ${oneLine(u.reason)}\n`)
      return EXIT.problems
    }
    for (const u of result.unmapped) io.err(`layercanvas: warning: left out ${u.layerName} (${u.className}): ${oneLine(u.reason)}\n`)
    for (const w of result.warnings) io.err(`layercanvas: warning: ${oneLine(w)}\n`)
    const outPath = resolve(io.cwd, values.out)
    try {
      await writeProjectFile(outPath, serializeProject(result.document))
    } catch (error) {
      throw new CliError(`import: cannot write ${values.out}: ${oneLine((error as Error).message)}`)
    }
    const doc = result.document
    const trained = doc.trained ? `, with the weights of ${Object.keys(doc.trained.layers).length} layer(s)` : ''
    io.out(`Imported ${doc.nodes.length} layer(s) and ${doc.edges.length} connection(s)${trained} into ${values.out}\n`)
    return EXIT.ok
  },
}

export default importCommand
