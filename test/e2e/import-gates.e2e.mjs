import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { assert, byTestId, getDocument, openApp, poll, selectNode, test } from './harness.mjs'

/**
 * A tfjs LSTM/GRU model imports with its hard-sigmoid gates as they are (tfjs's default), and the
 * inspector shows the Gate activation; a Bidirectional SimpleRNN, which has no gates, hides it.
 */

test('import: tfjs hard-sigmoid gates kept, shown in the inspector', async ({ page, baseURL, tmpDir }) => {
  await openApp(page, baseURL)
  const modelPath = join(tmpDir, 'model.json')
  const layer = (className, config) => ({ class_name: className, config })
  await writeFile(
    modelPath,
    JSON.stringify({
      format: 'layers-model',
      modelTopology: {
        keras_version: 'tfjs-layers 4.22.0',
        class_name: 'Sequential',
        config: {
          name: 'gated_sequence',
          layers: [
            layer('LSTM', {
              name: 'lstm',
              units: 4,
              return_sequences: true,
              recurrent_activation: 'hard_sigmoid',
              batch_input_shape: [null, 6, 3],
            }),
            layer('Bidirectional', {
              name: 'bi',
              merge_mode: 'concat',
              layer: layer('GRU', { name: 'gru', units: 3, recurrent_activation: 'hard_sigmoid' }),
            }),
          ],
        },
      },
      weightsManifest: [],
    }),
  )
  const chooser = page.waitForEvent('filechooser', { timeout: 5_000 })
  await byTestId(page, 'cmd-file.import').click()
  await (await chooser).setFiles([modelPath])
  const doc = await poll(
    () => getDocument(page),
    (d) => d.name === 'gated_sequence',
    'model imported',
  )
  const lstm = doc.nodes.find((n) => n.kind === 'lstm')
  const bi = doc.nodes.find((n) => n.kind === 'bidirectional')
  assert.equal(lstm.params.recurrentActivation, 'hard_sigmoid')
  assert.equal(bi.params.recurrentActivation, 'hard_sigmoid')

  await selectNode(page, lstm.id)
  const gate = byTestId(page, 'param-recurrentActivation')
  await gate.waitFor()
  assert.equal(await gate.inputValue(), 'hard_sigmoid')

  // SimpleRNN has no gates: the field goes away when the wrapped cell becomes one.
  await selectNode(page, bi.id)
  await gate.waitFor()
  await byTestId(page, 'param-cell').selectOption('simpleRnn')
  await gate.waitFor({ state: 'detached' })
})
