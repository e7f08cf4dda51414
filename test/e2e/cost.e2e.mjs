import { assert, byTestId, getAnalysis, openApp, poll, selectNode, test, waitForTotal } from './harness.mjs'

// The cost of a network beside its size: multiply-accumulates per layer on the canvas and in the
// inspector, and the total in the status bar and the project panel.

const digits = (text) => text.replace(/[^\d]/g, '')

test('LeNet-5 shows its multiply-accumulates on the nodes, the inspector and the totals', async ({ page, baseURL }) => {
  await openApp(page, baseURL)
  await byTestId(page, 'cmd-file.openTemplate').click()
  await byTestId(page, 'template-lenet5').click()
  await waitForTotal(page, '61706')

  const analysis = await getAnalysis(page)
  assert.equal(analysis.totals.macs, 416_520)
  assert.equal(analysis.nodes.c1.macs, 28 * 28 * 6 * 25)

  // On the canvas: a compact figure with the exact one in its tooltip; pooling shows none.
  const c1 = page.locator('.react-flow__node[data-id="c1"]')
  await poll(
    () => c1.locator('[data-testid="node-macs"]').innerText(),
    (text) => /117\.6K MACs/.test(text),
    'c1 MACs on the node',
  )
  assert.equal(digits(await c1.locator('[data-testid="node-macs"]').getAttribute('title')), '117600')
  assert.equal(await page.locator('.react-flow__node[data-id="s2"] [data-testid="node-macs"]').count(), 0)

  // Status bar and project panel (nothing selected) show the total.
  assert.equal(await byTestId(page, 'status-macs').innerText(), '416.5K')
  assert.equal(digits(await byTestId(page, 'project-macs').innerText()), '416520')

  await selectNode(page, 'c3')
  await poll(
    () => byTestId(page, 'inspector-macs').innerText(),
    (text) => digits(text) === String(10 * 10 * 16 * 25 * 6),
    'c3 in the inspector',
  )

  // In Chinese the compact form uses 万.
  await byTestId(page, 'cmd-view.toggleLanguage').click()
  await poll(
    () => byTestId(page, 'status-macs').innerText(),
    (text) => text === '41.7万',
    'total in Chinese units',
  )
})
