/* global window -- used inside page.evaluate callbacks, which run in the browser */
import {
  assert,
  byTestId,
  centreOf,
  clickEmptyPane,
  getDocument,
  mouseDrag,
  openApp,
  poll,
  pollEqual,
  selectNode,
  test,
  waitForStableViewport,
} from './harness.mjs'

const groupsOf = async (page) => (await getDocument(page)).groups
const errorBadges = (page) => page.locator('[data-testid="node-error"]').count()

test('groups: two layers rename, role, collapse, expand, and undo restores each step', async ({ page, baseURL }) => {
  await openApp(page, baseURL)
  await selectNode(page, 'flatten')
  await page.locator('[data-testid="node-hidden"] .layer-node-header').click({ modifiers: ['Control'] })
  await page.keyboard.press('Control+g')
  const [group] = await poll(
    () => groupsOf(page),
    (g) => g.length === 1,
    'one group',
  )
  assert.deepEqual(group.nodeIds, ['flatten', 'hidden'])
  assert.equal(group.role, 'block')
  const frame = byTestId(page, `group-${group.id}`)
  await frame.waitFor()
  await byTestId(page, 'group-inspector').waitFor()
  assert.equal(await byTestId(page, 'group-members').innerText(), '2')

  // Rename and set the role in the inspector; the frame shows both.
  await byTestId(page, 'group-name').fill('Feature extractor')
  await pollEqual(async () => (await groupsOf(page))[0].name, 'Feature extractor', 'renamed')
  await pollEqual(() => byTestId(page, `group-name-${group.id}`).innerText(), 'Feature extractor', 'frame title')
  await byTestId(page, 'group-role').selectOption('encoder')
  await pollEqual(async () => (await groupsOf(page))[0].role, 'encoder', 'role')
  await pollEqual(() => byTestId(page, `group-role-${group.id}`).innerText(), 'Encoder', 'role badge')

  // Collapse: the layers are hidden, one compact node stands for them, edges go to it.
  await byTestId(page, `group-toggle-${group.id}`).click()
  const collapsed = byTestId(page, `group-collapsed-${group.id}`)
  await collapsed.waitFor()
  await frame.waitFor({ state: 'detached' })
  assert.equal(await byTestId(page, 'node-flatten').isVisible(), false, 'flatten hidden')
  assert.equal(await byTestId(page, 'node-hidden').isVisible(), false, 'hidden hidden')
  assert.equal(await collapsed.locator('[data-testid="group-inputs"]').innerText(), '28×28×1')
  assert.equal(await collapsed.locator('[data-testid="group-outputs"]').innerText(), '128')
  assert.match(await collapsed.innerText(), /2 layers · 100,480 params/)
  assert.equal(await page.locator('.react-flow__edge').count(), 2, 'input → group and group → output')
  assert.equal((await getDocument(page)).edges.length, 3, 'the document keeps its edges')

  // Expand again from the collapsed node.
  await byTestId(page, `group-toggle-${group.id}`).click()
  await frame.waitFor()
  await byTestId(page, 'node-flatten').waitFor()
  assert.equal((await groupsOf(page))[0].collapsed, false)

  // Undo walks back: expand, collapse, role, name, the group itself. Redo brings it back.
  await clickEmptyPane(page)
  await page.keyboard.press('Control+z')
  await collapsed.waitFor()
  await page.keyboard.press('Control+z')
  await frame.waitFor()
  await page.keyboard.press('Control+z')
  await pollEqual(async () => (await groupsOf(page))[0].role, 'block', 'role undone')
  await page.keyboard.press('Control+z')
  await pollEqual(async () => (await groupsOf(page))[0].name, 'Group 1', 'name undone')
  await page.keyboard.press('Control+z')
  await pollEqual(() => groupsOf(page), [], 'group undone')
  await frame.waitFor({ state: 'detached' })
  await page.keyboard.press('Control+Shift+z')
  await frame.waitFor()
})

test('groups: box-selected layers group with Ctrl+G; dragging the frame moves them; Ctrl+Shift+G ungroups', async ({
  page,
  baseURL,
}) => {
  await openApp(page, baseURL)
  const flatten = await byTestId(page, 'node-flatten').boundingBox()
  const hidden = await byTestId(page, 'node-hidden').boundingBox()
  // Box selection: drag on empty canvas around the two middle layers.
  await mouseDrag(
    page,
    { x: flatten.x - 60, y: flatten.y - 12 },
    { x: hidden.x + hidden.width + 60, y: hidden.y + hidden.height + 12 },
  )
  await page.keyboard.press('Control+g')
  const [group] = await poll(
    () => groupsOf(page),
    (g) => g.length === 1,
    'one group',
  )
  assert.deepEqual([...group.nodeIds].sort(), ['flatten', 'hidden'])

  // Drag the frame by its title bar: both layers move by the same amount, nothing else does.
  const before = await getDocument(page)
  const at = (doc, id) => doc.nodes.find((n) => n.id === id).position
  const header = byTestId(page, `group-${group.id}`).locator('.group-frame-header')
  const from = await centreOf(header)
  await mouseDrag(page, { x: from.x - 60, y: from.y }, { x: from.x + 100, y: from.y + 30 })
  const after = await poll(
    () => getDocument(page),
    (d) => at(d, 'flatten').x !== at(before, 'flatten').x,
    'layers moved',
  )
  const dx = at(after, 'flatten').x - at(before, 'flatten').x
  const dy = at(after, 'flatten').y - at(before, 'flatten').y
  assert.ok(dx > 50, `moved right (${dx})`)
  const near = (a, b) => Math.abs(a - b) < 1e-6
  assert.ok(near(at(after, 'hidden').x - at(before, 'hidden').x, dx), 'hidden moved as far right')
  assert.ok(near(at(after, 'hidden').y - at(before, 'hidden').y, dy), 'hidden moved as far down')
  assert.deepEqual(at(after, 'input'), at(before, 'input'))
  await byTestId(page, 'group-inspector').waitFor() // dragging the frame selected the group

  // The move is one undo step.
  await clickEmptyPane(page)
  await page.keyboard.press('Control+z')
  await pollEqual(async () => at(await getDocument(page), 'hidden'), at(before, 'hidden'), 'move undone')

  // Select the group by its title bar and ungroup it: the layers stay.
  await header.click({ position: { x: 4, y: 10 } })
  await byTestId(page, 'group-inspector').waitFor()
  await page.keyboard.press('Control+Shift+g')
  await pollEqual(() => groupsOf(page), [], 'ungrouped')
  assert.equal((await getDocument(page)).nodes.length, 4)
  await byTestId(page, `group-${group.id}`).waitFor({ state: 'detached' })
})

test('groups: the Transformer encoder block — 7 layers in one group, errors until wired, clean once wired', async ({
  page,
  baseURL,
}) => {
  await openApp(page, baseURL)
  await clickEmptyPane(page)
  await byTestId(page, 'palette-block-transformerEncoder').click()
  const [block] = await poll(
    () => groupsOf(page),
    (g) => g.length === 1,
    'the block group',
  )
  assert.equal(block.name, 'Transformer encoder block')
  assert.equal(block.role, 'block')
  const doc = await getDocument(page)
  const kinds = block.nodeIds.map((id) => doc.nodes.find((n) => n.id === id).kind)
  assert.deepEqual(kinds, [
    'multiHeadAttention',
    'add',
    'layerNormalization',
    'dense',
    'dense',
    'add',
    'layerNormalization',
  ])
  await byTestId(page, `group-${block.id}`).waitFor()
  // Unconnected, its two entries (attention and the first Add) say what they miss.
  await pollEqual(() => errorBadges(page), 2, 'missing-input errors on the entries')
  await byTestId(page, `group-${block.id}`).locator('[data-testid="group-errors"]').waitFor()
  await byTestId(page, 'group-members').waitFor()
  assert.equal(await byTestId(page, 'group-members').innerText(), '7')

  // Start again from a sequence input: with it selected, the block is wired to it.
  await clickEmptyPane(page)
  await page.keyboard.press('Control+z')
  await pollEqual(() => groupsOf(page), [], 'block removed by undo')
  await selectNode(page, 'input')
  await byTestId(page, 'param-mode').selectOption('sequence')
  await selectNode(page, 'input')
  await byTestId(page, 'palette-block-transformerEncoder').click()
  const [wired] = await poll(
    () => groupsOf(page),
    (g) => g.length === 1,
    'the wired block',
  )
  const after = await getDocument(page)
  const fromInput = after.edges.filter((e) => e.source === 'input' && wired.nodeIds.includes(e.target))
  assert.equal(fromInput.length, 2, 'input feeds the attention and the residual Add')
  // (The MNIST dataset's fit check still flags the Input itself; the block has no errors.)
  const blockErrors = () =>
    page.evaluate((ids) => {
      const analysis = window.__layercanvas.getAnalysis()
      return ids.flatMap((id) =>
        analysis.nodes[id].diagnostics.filter((d) => d.severity === 'error').map((d) => `${id}: ${d.code}`),
      )
    }, wired.nodeIds)
  await pollEqual(blockErrors, [], 'no errors in the block once wired')
  const shown = await Promise.all(
    wired.nodeIds.map((id) => byTestId(page, `node-${id}`).locator('[data-testid="node-error"]').count()),
  )
  assert.deepEqual(shown, [0, 0, 0, 0, 0, 0, 0])
  await byTestId(page, `group-${wired.id}`).locator('[data-testid="group-errors"]').waitFor({ state: 'detached' })
  // Placed clear of the existing layers: no block layer overlaps one of the template's.
  await waitForStableViewport(page)
  const boxes = async (ids) => Promise.all(ids.map((id) => byTestId(page, `node-${id}`).boundingBox()))
  const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
  const blockBoxes = await boxes(wired.nodeIds)
  const templateBoxes = await boxes(['input', 'flatten', 'hidden', 'output'])
  assert.ok(!blockBoxes.some((a) => templateBoxes.some((b) => overlap(a, b))), 'the block does not cover the network')

  // Blocks drag in from the palette too.
  const pane = page.locator('.react-flow__pane')
  const box = await pane.boundingBox()
  await byTestId(page, 'palette-block-residual').dragTo(pane, { targetPosition: { x: box.width - 150, y: 80 } })
  const groups = await poll(
    () => groupsOf(page),
    (g) => g.length === 2,
    'the residual block',
  )
  assert.equal(groups[1].name, 'Residual block')
  assert.equal(groups[1].nodeIds.length, 7)
})

test('groups: a group duplicates as a reusable block, and its role reads in Chinese', async ({ page, baseURL }) => {
  await openApp(page, baseURL)
  await selectNode(page, 'flatten')
  await page.locator('[data-testid="node-hidden"] .layer-node-header').click({ modifiers: ['Control'] })
  await page.keyboard.press('Control+g')
  const [group] = await poll(
    () => groupsOf(page),
    (g) => g.length === 1,
    'one group',
  )
  await byTestId(page, 'group-role').selectOption('generator')
  await byTestId(page, 'group-duplicate').click()
  const groups = await poll(
    () => groupsOf(page),
    (g) => g.length === 2,
    'a copy',
  )
  assert.equal(groups[1].name, 'Group 2')
  assert.equal(groups[1].role, 'generator')
  assert.equal(groups[1].nodeIds.length, 2)
  assert.equal((await getDocument(page)).nodes.length, 6)
  await byTestId(page, `group-${groups[1].id}`).waitFor()

  await byTestId(page, 'cmd-view.toggleLanguage').click()
  await pollEqual(() => byTestId(page, `group-role-${group.id}`).innerText(), '生成器', 'role badge in Chinese')
})
