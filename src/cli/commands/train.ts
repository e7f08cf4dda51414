import { writeFile } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { appendRun } from '../../core/experiments/run-history'
import type { BatchEvent, EpochEvent, SamplesPayload, TestSummary, TrainingEvent } from '../../core/training/events'
import { CliError, EXIT, oneLine, type Command } from '../command'
import { prepareOutDir, toJson, writeMetricsFiles, writeRunFiles, writeTrainedProject } from '../train/outputs'
import { backendFrom, backendOption, intOption, jsonValue, timestampedName } from '../train/options'
import { createProgress } from '../train/progress'
import { loadTrainableProject } from '../train/load-trainable'
import { prepareRun, trainPrepared } from '../train/run-project'

/** Typed arrays as lists, for samples.json. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value, jsonValue))

/** The final metrics of a generative task, one line for the terminal. */
function summaryLine(test: TestSummary): string | null {
  const f = (n: number) => n.toFixed(4)
  switch (test.task) {
    case 'autoencoder':
      return `Reconstruction: loss ${f(test.loss)}, MSE ${f(test.mse)} (${test.samples} samples)`
    case 'gan':
      return `GAN: D loss ${f(test.dLoss)}, G loss ${f(test.gLoss)}, D(x) ${f(test.dReal)}, D(G(z)) ${f(test.dFake)} (${test.samples} samples)`
    case 'diffusion':
      return `Diffusion: noise-prediction loss ${f(test.loss)} (${test.samples} samples)`
    case 'languageModel':
      return `Language model: loss ${f(test.loss)}, accuracy ${f(test.accuracy)}, perplexity ${test.perplexity.toFixed(2)} (${test.samples} samples)`
    default:
      return null
  }
}

/** A samples event for the terminal: generated text in full, anything else as a count. */
function samplesLine(samples: SamplesPayload): string {
  switch (samples.kind) {
    case 'text':
      return `samples (temperature ${samples.temperature}): ${samples.lines.map((l) => JSON.stringify(l)).join(' ')}`
    case 'imageGrid':
      return `samples: ${samples.images.length} image(s) (written to samples.json at the end)`
    case 'points':
      return `samples: ${samples.points.length / samples.dims} point(s)`
    case 'diffusionSteps':
      return `samples: ${samples.sampler.toUpperCase()}, ${samples.steps.length} step(s) kept`
    case 'reconstructions':
      return `samples: ${samples.pairs.length} reconstruction(s)`
    case 'latent':
      return `samples: latent map of ${samples.points.length / 2} point(s) (${samples.method})`
  }
}

/** layercanvas-run-2026-01-31T12-00-00 (local time, safe in file names everywhere). */
const defaultOutDir = () => timestampedName('layercanvas-run')

const train: Command = {
  description:
    "Trains a project on its dataset with the project's training settings, then evaluates it on the test split. Writes metrics.csv, metrics.json, evaluation.json, the model in tfjs format (model/model.json + weights.bin) and project.layercanvas (the project with its trained weights, a container of project.json + weights.bin: layercanvas export project.layercanvas exports the trained model) to the output folder, which is checked before training starts. Initial weights and data order follow the seed: the same project and seed start from the same weights and give the same first-batch loss on the same backend (dropout masks included). Uses @tensorflow/tfjs-node when it is installed, else tfjs' WebAssembly backend (--backend chooses). Exits 0 when training finished, 1 when it failed (e.g. the loss became NaN: metrics.csv and metrics.json are still written) or the model has errors, 2 when the project cannot be read, has no dataset chosen (an imported model) or the output folder cannot be written.",
  positionals: [{ name: 'project.json' }],
  options: {
    epochs: { type: 'string', valueName: '<n>', description: "number of epochs (default: the project's)" },
    'max-batches': {
      type: 'string',
      valueName: '<n>',
      description:
        'quick runs: at most this many batches per epoch; also validates and tests on at most n × batch size samples (the done line says how many) and shows previews once, at the end, in a cheap form',
    },
    out: { type: 'string', valueName: '<dir>', description: 'output folder (default ./layercanvas-run-<timestamp>)' },
    seed: {
      type: 'string',
      valueName: '<n>',
      description: "seed of the initial weights and the data order (default: the project's training.seed)",
    },
    json: {
      type: 'boolean',
      description: 'print one JSON object per line for every event; the last is {"event":"done",…}',
    },
    backend: backendOption,
  },
  async run({ values, positionals }, io) {
    const json = values.json === true
    const backendChoice = backendFrom('train', values)
    const epochs = intOption('train', values, 'epochs', 1)
    const maxBatches = intOption('train', values, 'max-batches', 1)
    const seedRaw = values.seed
    if (seedRaw !== undefined && !/^-?\d+$/.test(String(seedRaw)))
      throw new CliError(`train: --seed must be a whole number, got ${JSON.stringify(seedRaw)}`)
    const file = positionals[0]
    const outDir = resolve(io.cwd, typeof values.out === 'string' ? values.out : defaultOutDir())
    const line = (object: unknown) => io.out(JSON.stringify(object, jsonValue) + '\n')
    const failLine = (message: string) => {
      if (json) line({ event: 'error', code: 'input', message })
      io.err(`layercanvas: ${oneLine(message)}\n`)
    }

    const doc = await loadTrainableProject(file, io, { json, line, failLine })
    if (!doc) return EXIT.usage
    const outProblem = await prepareOutDir(
      outDir,
      typeof values.out === 'string' ? values.out : relative(io.cwd, outDir),
    )
    if (outProblem) {
      failLine(`train: ${outProblem}`)
      return EXIT.usage
    }
    const prepared = await prepareRun(doc, {
      file,
      cwd: io.cwd,
      epochs,
      seed: seedRaw !== undefined ? Number(seedRaw) : undefined,
      maxBatches,
      backend: backendChoice,
    })
    if (!prepared.ok) {
      failLine(prepared.message)
      return prepared.exit
    }
    const {
      tf,
      backend,
      config,
      dataset,
      split,
      stats,
      model,
      layerNames,
      evaluationCap,
      document: trainedDoc,
    } = prepared.run

    const tty = !json && process.stderr.isTTY === true
    const progress = createProgress(io.err, { tty, width: process.stderr.columns, epochs: config.epochs })
    const metrics = { epochs: [] as EpochEvent[], batches: [] as BatchEvent[] }
    let doneLine: TrainingEvent | null = null
    const onEvent = (event: TrainingEvent) => {
      if (event.event === 'batch') metrics.batches.push(event)
      if (event.event === 'epoch') metrics.epochs.push(event)
      if (json) {
        // The done line is printed last, once the files are written; 'done' and 'error' say
        // what the final status events would.
        if (event.event === 'done') doneLine = event
        else if (!(event.event === 'status' && (event.status === 'done' || event.status === 'error'))) line(event)
        return
      }
      if (event.event === 'batch') progress.batch(event)
      else if (event.event === 'epoch') progress.epoch(event)
      else if (event.event === 'warning') progress.line(`warning: ${event.message}`)
      else if (event.event === 'samples') progress.line(samplesLine(event.samples))
    }

    if (json) {
      line({
        event: 'start',
        project: doc.name,
        backend,
        dataset: dataset.id,
        samples: { train: split.train.length, validation: split.validation.length, test: split.test.length },
        epochs: config.epochs,
        batchSize: config.batchSize,
        seed: config.seed,
        ...(maxBatches !== undefined ? { maxBatchesPerEpoch: maxBatches, maxEvaluationSamples: evaluationCap } : {}),
        out: outDir,
      })
    } else {
      progress.line(
        `Training "${doc.name}" on ${dataset.id} (${split.train.length} train / ${split.validation.length} validation / ${split.test.length} test samples), backend ${backend}` +
          (backend === 'cpu' || backend === 'wasm' ? ' (install @tensorflow/tfjs-node to train faster)' : '') +
          (prepared.run.backendNote ? ` (${prepared.run.backendNote})` : '') +
          (maxBatches !== undefined
            ? `; quick run: ${maxBatches} batch(es) per epoch, evaluation on at most ${evaluationCap} samples, previews at the end only`
            : ''),
      )
    }

    const startedAt = new Date()
    const started = Date.now()
    let result
    try {
      ;({ result } = await trainPrepared(prepared.run, {
        maxBatches,
        onEvent,
        // Ctrl-C once: stop after the current batch and still write the files; twice: quit.
        onStopping: () => progress.line('Stopping after this batch (Ctrl-C again to quit now)…'),
      }))
    } finally {
      progress.end()
    }

    if (result.status === 'error') {
      // Keep what the run measured up to the failure: the curves show where it went wrong.
      const error = result.error!
      model.dispose()
      const written = await writeMetricsFiles(outDir, metrics)
      io.err(`layercanvas: ${oneLine(error.message)} ${oneLine(error.suggestion)}\n`)
      const seconds = (Date.now() - started) / 1000
      if (json)
        line({
          event: 'status',
          status: 'stopped',
          reason: error.code,
          epochs: result.epochs.length,
          seconds,
          out: outDir,
          files: written,
        })
      else
        io.out(
          `Stopped (${error.code}) after ${result.epochs.length} complete epoch(s). Wrote ${written.join(', ')} to ${outDir}\n`,
        )
      return EXIT.problems
    }

    const written = await writeRunFiles(outDir, {
      tf,
      model,
      metrics,
      evaluation: result.evaluation,
      classNames: dataset.classNames,
      normalization: stats,
    })
    // The written project remembers this run in its history, next to the runs it already had.
    const runs = appendRun(doc.runs, {
      startedAt,
      source: 'cli',
      status: result.status === 'stopped' ? 'stopped' : 'done',
      seconds: (Date.now() - started) / 1000,
      backend,
      training: config,
      epochs: result.epochs,
      test: result.evaluation ?? result.summary,
    })
    written.push(
      await writeTrainedProject(outDir, { ...trainedDoc, runs }, model, layerNames, {
        epochs: result.epochs,
        evaluation: result.evaluation,
      }),
    )
    if (result.samples) {
      await writeFile(join(outDir, 'samples.json'), toJson(plain(result.samples)))
      written.push('samples.json')
    }
    model.dispose()
    const seconds = (Date.now() - started) / 1000
    if (json) {
      if (doneLine) line({ ...(doneLine as object), seconds, out: outDir })
      else
        line({
          event: 'status',
          status: 'stopped',
          reason: 'interrupted',
          epochs: result.epochs.length,
          seconds,
          out: outDir,
        })
      return EXIT.ok
    }
    const test = result.evaluation
    const lines: string[] = []
    if (result.status === 'stopped') lines.push(`Stopped after ${result.epochs.length} epoch(s).`)
    if (test?.task === 'classification')
      lines.push(`Test: accuracy ${test.accuracy.toFixed(4)}, loss ${test.loss.toFixed(4)} (${test.samples} samples)`)
    if (test?.task === 'regression')
      lines.push(
        `Test: loss ${test.loss.toFixed(4)}, MAE ${test.mae.toFixed(4)}, MSE ${test.mse.toFixed(4)}, R² ${test.r2.toFixed(4)} (${test.samples} samples)`,
      )
    const generative = !test && result.summary ? summaryLine(result.summary) : null
    if (generative) lines.push(generative)
    lines.push(`Trained in ${seconds.toFixed(1)} s. Wrote ${written.join(', ')} to ${outDir}`)
    io.out(lines.join('\n') + '\n')
    return EXIT.ok
  },
}

export default train
