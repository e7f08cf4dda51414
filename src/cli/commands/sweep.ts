import { rm } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { appendRun, testMetrics, type RunRecord, type RunStatus } from '../../core/experiments/run-history'
import { applySettings, type SettingEntry } from '../../core/experiments/settings'
import { expandSweep, parseSweep } from '../../core/experiments/sweep-spec'
import type { TrainingEvent } from '../../core/training/events'
import { trainedWeightsFromModel } from '../../core/training/weights'
import { CliError, EXIT, oneLine, type Command } from '../command'
import { saveProjectDocument } from '../save-project'
import { renderTable } from '../table'
import { backendFrom, backendOption, intOption, jsonValue, timestampedName } from '../train/options'
import { prepareOutDir } from '../train/outputs'
import { epochLine } from '../train/progress'
import { loadTrainableProject } from '../train/load-trainable'
import { prepareRun, trainPrepared } from '../train/run-project'

interface SweepResult {
  id: string
  settings: Record<string, unknown>
  status: RunStatus
  test: Record<string, number> | null
  seconds: number
  error?: string
}

const settingsObject = (entries: readonly SettingEntry[]) => Object.fromEntries(entries)
const formatValue = (value: unknown) =>
  typeof value === 'number' ? String(Number(value.toPrecision(6))) : String(value)

const sweep: Command = {
  description:
    "Trains a project once for every combination of the settings given with --set (a grid), or for --random n combinations drawn from them, one run after another with train's machinery, and records every run in the project's run history. A setting is a path: training.<…> (training.optimizer.learningRate, training.batchSize, training.optimizer.type) or nodes.<layer id>.params.<name> (nodes.hidden.params.units); its values a list (0.001,0.01 or adam,sgd) or a range: log:1e-4..1e-2:5 (5 values evenly spaced on a log scale) or lin:0.1..0.5:5. Writes <out>/project.json (the project, its settings unchanged, with the runs recorded: layercanvas runs <out>/project.json lists them; <out>/project.layercanvas, a container with weights.bin, when runs keep their weights or the project has trained ones) after every run. Exits 0 when every run finished, 1 when a run failed (it is still recorded) or the model has errors, 2 when the sweep or the project cannot be read.",
  positionals: [{ name: 'project.json' }],
  options: {
    set: {
      type: 'string',
      multiple: true,
      valueName: '<path=values>',
      description:
        'a setting and the values to try; repeat for more settings (e.g. --set training.optimizer.learningRate=0.0003,0.001,0.003)',
    },
    random: {
      type: 'string',
      valueName: '<n>',
      description: 'random search: n runs with settings drawn from the values and ranges (default: every combination)',
    },
    seed: {
      type: 'string',
      valueName: '<n>',
      description: "seed of the random search's draws (default: the project's training.seed)",
    },
    epochs: { type: 'string', valueName: '<n>', description: "epochs of every run (default: the project's)" },
    'max-batches': {
      type: 'string',
      valueName: '<n>',
      description: 'quick runs: at most this many batches per epoch (as train --max-batches)',
    },
    backend: backendOption,
    'keep-weights': {
      type: 'boolean',
      description:
        "keep each run's trained weights in the history (only the newest runs keep theirs, to bound the file)",
    },
    out: { type: 'string', valueName: '<dir>', description: 'output folder (default ./layercanvas-sweep-<timestamp>)' },
    json: {
      type: 'boolean',
      description: 'print one JSON object per line for every event; the last is {"event":"done","runs":[…]}',
    },
  },
  async run({ values, positionals }, io) {
    const json = values.json === true
    const epochs = intOption('sweep', values, 'epochs', 1)
    const maxBatches = intOption('sweep', values, 'max-batches', 1)
    const backend = backendFrom('sweep', values)
    const randomCount = intOption('sweep', values, 'random', 1)
    const seedRaw = values.seed
    if (seedRaw !== undefined && !/^-?\d+$/.test(String(seedRaw)))
      throw new CliError(`sweep: --seed must be a whole number, got ${JSON.stringify(seedRaw)}`)
    const sets = Array.isArray(values.set) ? values.set : typeof values.set === 'string' ? [values.set] : []
    const file = positionals[0]
    const outDir = resolve(io.cwd, typeof values.out === 'string' ? values.out : timestampedName('layercanvas-sweep'))
    const line = (object: unknown) => io.out(JSON.stringify(object, jsonValue) + '\n')
    const failLine = (message: string) => {
      if (json) line({ event: 'error', code: 'input', message })
      io.err(`layercanvas: ${oneLine(message)}\n`)
    }

    const doc = await loadTrainableProject(file, io, { json, line, failLine })
    if (!doc) return EXIT.usage
    const spec = parseSweep(doc, sets, {
      mode: randomCount !== undefined ? 'random' : 'grid',
      count: randomCount,
      seed: seedRaw !== undefined ? Number(seedRaw) : undefined,
    })
    if (!spec.ok) {
      failLine(`sweep: --set ${spec.message}`)
      return EXIT.usage
    }
    const outProblem = await prepareOutDir(
      outDir,
      typeof values.out === 'string' ? values.out : relative(io.cwd, outDir),
    )
    if (outProblem) {
      failLine(`sweep: ${outProblem}`)
      return EXIT.usage
    }

    const combinations = expandSweep(spec.value)
    const sweepId = `sweep-${new Date().toISOString()}`
    if (json)
      line({
        event: 'start',
        project: doc.name,
        mode: spec.value.mode,
        runs: combinations.length,
        settings: spec.value.axes.map((axis) => axis.path),
        out: outDir,
      })
    else
      io.err(
        `Sweep of "${doc.name}": ${combinations.length} run(s) over ${spec.value.axes.map((axis) => axis.path).join(', ')}\n`,
      )

    let history: RunRecord[] = doc.runs ?? []
    /** The project file written so far: project.json, or project.layercanvas once weights are kept. */
    let projectName: string | undefined
    const results: SweepResult[] = []
    let stopped = false
    for (const [index, settings] of combinations.entries()) {
      if (stopped) break
      const shown = settings.map(([path, value]) => `${path}=${formatValue(value)}`).join(' ')
      // parseSweep checked each value alone; together they are checked here.
      const applied = applySettings(doc, settings)
      if (!applied.ok) {
        failLine(`sweep: run ${index + 1} (${shown}): ${applied.message}`)
        return EXIT.usage
      }
      const prepared = await prepareRun(applied.document, { file, cwd: io.cwd, epochs, maxBatches, backend })
      if (!prepared.ok) {
        failLine(`sweep: run ${index + 1} (${shown}): ${prepared.message}`)
        if (prepared.exit === EXIT.usage) return EXIT.usage
        results.push({
          id: '',
          settings: settingsObject(settings),
          status: 'failed',
          test: null,
          seconds: 0,
          error: prepared.message,
        })
        continue
      }
      const { run } = prepared
      if (json)
        line({ event: 'run', index, of: combinations.length, settings: settingsObject(settings), backend: run.backend })
      else io.err(`Run ${index + 1}/${combinations.length}: ${shown}\n`)
      let failure: string | undefined
      const onEvent = (event: TrainingEvent) => {
        if (event.event === 'error') failure = `${event.message} ${event.suggestion}`
        if (event.event !== 'epoch' && event.event !== 'warning' && event.event !== 'error') return
        if (json) line({ ...event, run: index })
        else if (event.event === 'epoch') io.err(`  ${epochLine(event, run.config.epochs)}\n`)
        else io.err(`  ${event.event}: ${event.message}\n`)
      }
      const startedAt = new Date()
      const outcome = await trainPrepared(run, {
        maxBatches,
        onEvent,
        onStopping: () => io.err('Stopping this run; the sweep ends after it (Ctrl-C again to quit now)…\n'),
      })
      if (outcome.interrupted) stopped = true
      const { result } = outcome
      const status: RunStatus = result.status === 'error' ? 'failed' : result.status === 'stopped' ? 'stopped' : 'done'
      const test = testMetrics(result.evaluation ?? result.summary) ?? null
      const weights =
        values['keep-weights'] === true && status !== 'failed'
          ? await trainedWeightsFromModel(run.model, run.layerNames)
          : undefined
      run.model.dispose()
      history = appendRun(history, {
        startedAt,
        source: 'sweep',
        status,
        seconds: outcome.seconds,
        backend: run.backend,
        training: run.config,
        overrides: settingsObject(settings),
        sweep: { id: sweepId, index, of: combinations.length },
        epochs: result.epochs,
        ...(test ? { test } : {}),
        ...(weights ? { weights } : {}),
      })
      const recorded: SweepResult = {
        id: history[history.length - 1].id,
        settings: settingsObject(settings),
        status,
        test,
        seconds: outcome.seconds,
        ...(failure ? { error: failure } : {}),
      }
      results.push(recorded)
      // Written after every run, so an interrupted sweep keeps the runs it finished. The first run
      // kept with its weights turns project.json into project.layercanvas (save-project.ts).
      const saved = await saveProjectDocument('project.json', { ...doc, runs: history }, outDir, { keepBackup: false })
      if (!saved.ok) throw new CliError(`sweep: the project in ${outDir} not written: ${saved.error}`)
      if (projectName !== undefined && projectName !== saved.path) await rm(join(outDir, projectName), { force: true })
      projectName = saved.path
      if (json) line({ event: 'result', index, ...recorded })
    }

    if (json) line({ event: 'done', runs: results, out: outDir })
    else {
      const paths = spec.value.axes.map((axis) => axis.path)
      const metricNames = [...new Set(results.flatMap((result) => Object.keys(result.test ?? {})))].filter(
        (name) => name !== 'samples',
      )
      const rows = results.map((result) => [
        result.id,
        ...paths.map((path) => formatValue(result.settings[path])),
        result.status,
        ...metricNames.map((name) => (result.test?.[name] !== undefined ? result.test[name].toFixed(4) : '-')),
        result.seconds.toFixed(1),
      ])
      const table = renderTable(
        [
          { header: 'run' },
          ...paths.map((header) => ({ header })),
          { header: 'status' },
          ...metricNames.map((name) => ({ header: `test ${name}`, align: 'right' as const })),
          { header: 'seconds', align: 'right' },
        ],
        rows,
      )
      io.out(
        `${table.join('\n')}\nWrote ${projectName ?? 'project.json'} with ${history.length} recorded run(s) to ${outDir}\n`,
      )
    }
    return results.some((result) => result.status === 'failed') ? EXIT.problems : EXIT.ok
  },
}

export default sweep
