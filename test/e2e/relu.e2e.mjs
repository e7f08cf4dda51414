import { assert, byTestId, centreOf, connect, getDocument, openApp, poll, pollEqual, test } from './harness.mjs'

/**
 * The full Keras ReLU in the editor: added from the palette, wired after the MLP's hidden layer,
 * then edited in the inspector: the max value field follows the "upper limit" switch, a threshold
 * at or above the max value is reported on the node in plain words, and the node's summary shows
 * the options that are set.
 */
const MLP_NODES = ['input', 'flatten', 'hidden', 'output']

test('ReLU (max, threshold, slope): inspector fields, validation and summary', async ({ page, baseURL }) => {
  await openApp(page, baseURL)
  await byTestId(page, 'palette-item-cappedRelu').click()
  const { nodes } = await poll(
    () => getDocument(page),
    (d) => d.nodes.length === 5,
    'a ReLU node was added',
  )
  const added = nodes.find((n) => !MLP_NODES.includes(n.id))
  assert.equal(added.kind, 'cappedRelu')
  assert.deepEqual(added.params, { capped: true, maxValue: 6, threshold: 0, negativeSlope: 0 })
  // Move it clear of the template column so both handles are reachable, then wire hidden → ReLU.
  const header = page.locator(`[data-testid="node-${added.id}"] .layer-node-header`)
  const hidden = await byTestId(page, 'node-hidden').boundingBox()
  const from = await centreOf(header)
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(hidden.x + hidden.width + 260, hidden.y + hidden.height + 120, { steps: 10 })
  await page.mouse.up()
  await connect(page, 'hidden', added.id)
  await poll(
    () => getDocument(page),
    (d) => d.edges.some((e) => e.source === 'hidden' && e.target === added.id),
    'edge hidden → ReLU',
  )

  // The added node stays selected: the inspector shows its fields.
  await byTestId(page, 'param-capped').waitFor()
  const node = byTestId(page, `node-${added.id}`)
  const summary = node.locator('.layer-node-summary')
  await pollEqual(async () => (await summary.innerText()).trim(), 'max 6', 'summary with the defaults')
  await byTestId(page, 'param-maxValue').waitFor()

  // A threshold above the max value: the node reports it and says what to do.
  await byTestId(page, 'param-threshold').fill('7')
  const error = node.locator('[data-testid="node-error"]')
  await error.waitFor()
  const message = await error.getAttribute('title')
  assert.match(message, /max value \(6\) must be above the threshold \(7\)/)

  // Without the upper limit the max value field goes away, and so does the error.
  await byTestId(page, 'param-capped').uncheck()
  await byTestId(page, 'param-maxValue').waitFor({ state: 'detached' })
  await error.waitFor({ state: 'detached' })
  await byTestId(page, 'param-negativeSlope').fill('0.1')
  await pollEqual(async () => (await summary.innerText()).trim(), 'θ 7 · slope 0.1', 'summary with the options set')
  const params = (await getDocument(page)).nodes.find((n) => n.id === added.id).params
  assert.deepEqual(params, { capped: false, maxValue: 6, threshold: 7, negativeSlope: 0.1 })
})
