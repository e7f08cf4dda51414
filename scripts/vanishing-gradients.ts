/**
 * Measures the vanishing gradient the tutorial explains LSTM/GRU by: ‖∂loss/∂x_t‖ per time step
 * of the input window, for the rnn-sine template (SimpleRNN) and the same network with an LSTM
 * (the lstm-sine template), untrained and after training. Prints a table and the ratio of the
 * first step's gradient to the last's (the gradients view's "vanishing over time" verdict reads
 * the same ratio). Training is tfjs's own fit with the templates' optimiser settings (Adam, the
 * template's learning rate, batch 32, MSE) on the CPU backend.
 *
 *   node --import tsx scripts/vanishing-gradients.ts [--epochs 3] [--samples 800] [--window 100]
 */
import * as tf from '@tensorflow/tfjs'
import { readFileSync } from 'node:fs'
import { sineDataset } from '../src/core/data/sine'
import { compileModel } from '../src/core/compile/compile'
import { parseProject } from '../src/core/document/parse'

const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`)
  return at > 0 ? Number(process.argv[at + 1]) : fallback
}
const epochs = argument('epochs', 3)
const samples = argument('samples', 800)
/** 0: the template's own window (30). */
const windowOverride = argument('window', 0)

function templateModel(id: string) {
  const json = JSON.parse(readFileSync(new URL(`../templates/${id}.json`, import.meta.url), 'utf8'))
  if (windowOverride > 0)
    for (const node of json.nodes) if (node.kind === 'input') node.params.timesteps = windowOverride
  const parsed = parseProject(json)
  if (!parsed.ok) throw new Error(`${id}: ${parsed.error.message}`)
  const compiled = compileModel(tf, parsed.document)
  if (!compiled.ok) throw new Error(`${id}: ${compiled.message}`)
  const window = parsed.document.nodes.find((n) => n.kind === 'input')?.params.timesteps as number
  return { model: compiled.model, window, learningRate: parsed.document.training.optimizer.learningRate }
}

/** ‖∂loss/∂x_t‖ over a batch (L2 over samples and features), one number per time step. */
function gradientByTime(model: tf.LayersModel, x: tf.Tensor3D, y: tf.Tensor2D): number[] {
  return tf.tidy(() => {
    const loss = (input: tf.Tensor) => tf.losses.meanSquaredError(y, model.apply(input) as tf.Tensor) as tf.Scalar
    const g = tf.grad(loss)(x)
    return Array.from(tf.sqrt(tf.sum(tf.square(g), [0, 2])).dataSync())
  })
}

const format = (values: number[]) => values.map((v) => v.toExponential(1)).join(' ')

async function measure(id: string) {
  const { model, window, learningRate } = templateModel(id)
  const data = sineDataset({ samples, window, seed: 7 })
  const x = tf.tensor3d(data.features as Float32Array, [samples, window, 1])
  const y = tf.tensor2d(data.labels as Float32Array, [samples, 1])
  const probeX = x.slice([0, 0, 0], [256, window, 1]) as tf.Tensor3D
  const probeY = y.slice([0, 0], [256, 1]) as tf.Tensor2D
  const before = gradientByTime(model, probeX, probeY)
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'meanSquaredError' })
  const started = Date.now()
  const history = await model.fit(x, y, { epochs, batchSize: 32, shuffle: true, verbose: 0 })
  const seconds = (Date.now() - started) / 1000
  const after = gradientByTime(model, probeX, probeY)
  const losses = history.history.loss as number[]
  console.log(`\n${id} (window ${window}, ${epochs} epochs on ${samples} windows, ${seconds.toFixed(0)} s)`)
  console.log(`  loss ${losses[0].toFixed(4)} → ${losses[losses.length - 1].toFixed(4)}`)
  for (const [when, g] of [
    ['untrained', before],
    ['trained  ', after],
  ] as const) {
    const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length
    const ratio = mean(g.slice(0, 5)) / mean(g.slice(-5))
    console.log(`  ${when} first 5 / last 5 = ${ratio.toExponential(2)}   t=1…${g.length}: ${format(g)}`)
  }
  tf.dispose([x, y, probeX, probeY])
  model.dispose()
}

await tf.setBackend('cpu')
for (const id of process.argv.includes('--only-rnn') ? ['rnn-sine'] : ['rnn-sine', 'lstm-sine']) await measure(id)
