import { readFile } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { compileModel } from '../../core/compile/compile'
import { LANGS, pick, type Lang } from '../../core/i18n/text'
import { customLayers } from '../../core/layers/custom/index'
import { expectedWeights, loadTrainedWeights } from '../../core/training/load-trained-weights'
import { CliError, EXIT, oneLine, type Command } from '../command'
import { loadProject } from '../project-file'
import { loadTf } from '../train/load-tf'
import { renamedNote, saveProjectDocument } from '../save-project'

const loadWeights: Command = {
  description:
    "Puts weights trained outside LayerCanvas back into a project: reads weights.json + weights.bin from a folder (what the exported train.py writes to trained/, rank 0), matches each layer to the project's layers by name and checks every weight's shape, then writes the project with those weights as its trained weights. Nothing is written when any layer does not fit: each mismatch is listed. Exits 1 on a mismatch, 2 when a file cannot be read.",
  positionals: [{ name: 'project.json' }, { name: 'trained folder' }],
  options: {
    out: {
      type: 'string',
      valueName: '<project.json>',
      description:
        'where to write the project with the weights (required; may be the same file): a .layercanvas container, so a .json name becomes .layercanvas',
    },
    lang: {
      type: 'string',
      valueName: 'en|zh-CN',
      choices: LANGS,
      description: 'language of the problems (default en)',
    },
  },
  async run({ values, positionals }, io) {
    const lang = (values.lang as Lang | undefined) ?? 'en'
    if (typeof values.out !== 'string' || values.out === '')
      throw new CliError('load-weights: --out <project.json> is required')
    const [file, folder] = positionals
    if (!folder) throw new CliError('load-weights: give the project and the folder with weights.json and weights.bin')
    const loaded = await loadProject(file, io.cwd)
    if (!loaded.ok) {
      io.err(`layercanvas: ${loaded.line}\n`)
      return EXIT.usage
    }
    const doc = loaded.document
    const dir = resolve(io.cwd, folder)
    let manifest: unknown
    let bin: Uint8Array
    try {
      manifest = JSON.parse(await readFile(join(dir, 'weights.json'), 'utf8'))
      bin = new Uint8Array(await readFile(join(dir, 'weights.bin')))
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      io.err(
        `layercanvas: ${folder}: cannot read weights.json / weights.bin: ${code ?? oneLine((error as Error).message)}\n`,
      )
      return EXIT.usage
    }
    const { tf } = await loadTf('auto', 'convert')
    customLayers(tf)
    const compiled = compileModel(tf, doc)
    if (!compiled.ok) {
      io.err(
        `layercanvas: ${file}: cannot build the model: ${oneLine(compiled.message)} (see layercanvas check ${file})\n`,
      )
      return EXIT.problems
    }
    const expected = expectedWeights(compiled.model, compiled.layerNames)
    compiled.model.dispose()
    const result = loadTrainedWeights(doc, expected, manifest, bin)
    if (!result.ok) {
      io.err(`layercanvas: ${folder}: the weights do not fit ${file}:\n`)
      for (const problem of result.problems) io.err(`  ${oneLine(pick(problem, lang))}\n`)
      return EXIT.problems
    }
    let saved
    try {
      saved = await saveProjectDocument(values.out, { ...doc, trained: result.trained }, io.cwd)
    } catch (error) {
      throw new CliError(`load-weights: cannot write ${values.out}: ${oneLine((error as Error).message)}`)
    }
    if (!saved.ok) throw new CliError(`load-weights: ${values.out} not written: ${saved.error}`)
    const out = resolve(io.cwd, saved.path)
    io.out(renamedNote(values.out, saved))
    io.out(`Loaded the weights of ${result.layers} layer(s) from ${folder} into ${relative(io.cwd, out) || out}\n`)
    return EXIT.ok
  },
}

export default loadWeights
