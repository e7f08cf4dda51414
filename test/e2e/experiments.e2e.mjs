/* global window -- used inside page.evaluate callbacks, which run in the browser */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { assert, byTestId, getDocument, openApp, poll, test } from './harness.mjs'

/**
 * Experiments in the browser build: every run of the MNIST MLP (a few batches each) is
 * recorded in the project; two runs with different learning rates are overlaid in the Runs
 * tab, the table sorts, "restore this run's settings" is an undoable edit, a sweep streams its
 * runs into the table and the scatter plot, and the history survives save → open.
 */

const status = (page) => byTestId(page, 'train-status').getAttribute('data-status')

async function trainOnce(page, runsBefore) {
  // Clicking the tab that is already open folds the dock away: open it only when it is not shown.
  if ((await byTestId(page, 'train-start').count()) === 0) await byTestId(page, 'dock-tab-train').click()
  await byTestId(page, 'train-start').click()
  await poll(
    () => status(page),
    (s) => s === 'done' || s === 'error',
    'training finished',
    120_000,
  )
  assert.equal(await status(page), 'done')
  return poll(
    () => getDocument(page),
    (d) => (d.runs ?? []).length === runsBefore + 1,
    `run ${runsBefore + 1} recorded`,
    20_000,
  )
}

const rows = (page) => page.locator('[data-testid="run-row"]')
const rowIds = (page) => rows(page).evaluateAll((list) => list.map((row) => row.getAttribute('data-run-id')))
const curves = async (page) => JSON.parse(await byTestId(page, 'runs-curves').getAttribute('data-datasets'))

test(
  'two runs with different learning rates are recorded, overlaid, sorted, restored, swept, and survive save → open',
  async ({ page, baseURL, tmpDir }) => {
    await openApp(page, baseURL)
    await page.evaluate(() => window.__layercanvasTraining.setRunOptions({ maxBatchesPerEpoch: 4 }))
    const template = await getDocument(page)
    assert.equal(template.runs, undefined, 'a fresh project has no run history')
    const firstRate = template.training.optimizer.learningRate

    let doc = await trainOnce(page, 0)
    await page.locator('[data-testid="train-learningRate"]').fill('0.01')
    await poll(
      () => getDocument(page),
      (d) => d.training.optimizer.learningRate === 0.01,
      'learning rate edited',
    )
    doc = await trainOnce(page, 1)
    assert.deepEqual(
      doc.runs.map((run) => run.training.optimizer.learningRate),
      [firstRate, 0.01],
    )
    for (const run of doc.runs) {
      assert.equal(run.status, 'done')
      assert.equal(run.source, 'app')
      assert.ok(run.epochs.length === 1 && Number.isFinite(run.epochs[0].loss), 'the epoch metrics are recorded')
      assert.ok(
        run.test.accuracy >= 0 && run.test.accuracy <= 1 && Number.isFinite(run.test.loss),
        'the test metrics are recorded',
      )
      assert.equal(run.backend, 'webgl')
    }

    // The Runs tab: both rows, both curves overlaid (new runs are selected for comparison).
    await byTestId(page, 'dock-tab-runs').click()
    await poll(
      () => rows(page).count(),
      (n) => n === 2,
      'two rows',
    )
    const lines = await curves(page)
    assert.deepEqual(
      lines.map((line) => line.run),
      ['run-1', 'run-2'],
    )
    assert.ok(
      lines.every((line) => line.points === 1),
      'one epoch point per run',
    )
    assert.equal(await byTestId(page, 'runs-curves').locator('canvas').count(), 1, 'one chart with both runs')
    // The second row says what changed from the first.
    assert.match(
      await rows(page).nth(1).locator('[data-testid="run-changes"]').innerText(),
      new RegExp(`optimizer\\.learningRate: ${firstRate} → 0\\.01`),
    )
    // Unticking a run takes its curve out.
    await rows(page).nth(0).locator('[data-testid="run-select"]').click()
    assert.deepEqual(
      (await curves(page)).map((line) => line.run),
      ['run-2'],
    )
    await rows(page).nth(0).locator('[data-testid="run-select"]').click()
    assert.deepEqual(
      (await curves(page)).map((line) => line.run),
      ['run-1', 'run-2'],
      'curves in run order',
    )

    // Sorting by learning rate, high to low: run-2 (0.01) first.
    await byTestId(page, 'runs-sort-learningRate').click()
    await poll(
      () => rowIds(page),
      (ids) => ids.join() === 'run-1,run-2' || firstRate > 0.01,
      'ascending',
    )
    await byTestId(page, 'runs-sort-learningRate').click()
    await poll(
      () => rowIds(page),
      (ids) => ids[0] === (firstRate > 0.01 ? 'run-1' : 'run-2'),
      'descending',
    )

    // Save now (two runs), then restore run-1's settings: an undoable edit.
    const download = page.waitForEvent('download', { timeout: 10_000 })
    await byTestId(page, 'cmd-file.save').click()
    const file = join(tmpDir, (await download).suggestedFilename())
    await (await download).saveAs(file)
    const saved = JSON.parse(await readFile(file, 'utf8'))
    assert.deepEqual(
      saved.runs.map((run) => run.id),
      ['run-1', 'run-2'],
      'the saved file holds the history',
    )

    await page.locator('[data-testid="run-row"][data-run-id="run-1"] [data-testid="run-restore"]').click()
    await poll(
      () => getDocument(page),
      (d) => d.training.optimizer.learningRate === firstRate,
      "run-1's learning rate restored",
    )
    assert.match(await byTestId(page, 'runs-notice').innerText(), /run-1/)
    await byTestId(page, 'cmd-edit.undo').click()
    await poll(
      () => getDocument(page),
      (d) => d.training.optimizer.learningRate === 0.01,
      'undo takes the restore back',
    )
    await byTestId(page, 'cmd-edit.redo').click()
    await poll(
      () => getDocument(page),
      (d) => d.training.optimizer.learningRate === firstRate,
      'redo restores again',
    )

    // A sweep: a bad value is refused with its path; two learning rates run one after another.
    const sweepText = byTestId(page, 'sweep-text')
    await sweepText.fill('training.optimizer.learningRate=0.001,-2')
    await poll(
      () =>
        byTestId(page, 'sweep-problem')
          .innerText()
          .catch(() => ''),
      (text) => text.startsWith('training.optimizer.learningRate=-2: '),
      'path-precise problem',
    )
    assert.equal(await byTestId(page, 'sweep-start').isEnabled(), false)
    await sweepText.fill('training.optimizer.learningRate=0.002,0.02')
    // These runs keep their weights, so one can be exported afterwards.
    await byTestId(page, 'runs-keep-weights').check()
    await byTestId(page, 'sweep-start').click()
    await poll(
      () =>
        byTestId(page, 'sweep-status')
          .getAttribute('data-state')
          .catch(() => null),
      (s) => s === 'finished',
      'sweep finished',
      180_000,
    )
    doc = await poll(
      () => getDocument(page),
      (d) => d.runs.length === 4,
      'four runs recorded',
    )
    assert.deepEqual(
      doc.runs
        .slice(2)
        .map((run) => [
          run.source,
          run.training.optimizer.learningRate,
          run.overrides['training.optimizer.learningRate'],
        ]),
      [
        ['sweep', 0.002, 0.002],
        ['sweep', 0.02, 0.02],
      ],
    )
    assert.equal(doc.training.optimizer.learningRate, firstRate, 'a sweep leaves the project settings as they were')
    const points = JSON.parse(await byTestId(page, 'runs-scatter').getAttribute('data-points'))
    // Every run with a test result is a point at its learning rate, the sweep's two included.
    assert.deepEqual(
      points.map((point) => [point.id, point.x]),
      [
        ['run-1', firstRate],
        ['run-2', 0.01],
        ['run-3', 0.002],
        ['run-4', 0.02],
      ],
    )
    assert.ok(
      points.every((point) => point.y >= 0 && point.y <= 1),
      'test accuracy up',
    )
    await poll(
      () => rows(page).count(),
      (n) => n === 4,
      'four rows',
    )
    assert.deepEqual(
      doc.runs.map((run) => run.weights !== undefined),
      [false, false, true, true],
    )
    assert.equal(
      await page.locator('[data-run-id="run-1"] [data-testid="run-export"]').isEnabled(),
      false,
      'no weights, no export',
    )

    // Export run-4's weights: its settings and weights go into the project, the Export dialog opens with them.
    await page.locator('[data-run-id="run-4"] [data-testid="run-export"]').click()
    await byTestId(page, 'export-dialog').waitFor({ timeout: 5_000 })
    assert.equal(await byTestId(page, 'export-weights').getAttribute('data-source'), 'project')
    const withWeights = await getDocument(page)
    assert.deepEqual(withWeights.trained, doc.runs[3].weights)
    assert.equal(withWeights.training.optimizer.learningRate, 0.02)
    await page.keyboard.press('Escape')
    await byTestId(page, 'export-dialog').waitFor({ state: 'detached', timeout: 5_000 })

    // Open the saved file: the two saved runs are back in the table.
    const chooser = page.waitForEvent('filechooser', { timeout: 5_000 })
    await byTestId(page, 'cmd-file.open').click()
    await (await chooser).setFiles(file)
    const ok = page.locator('[aria-modal="true"] [data-testid="confirm-ok"]')
    await ok.waitFor({ timeout: 5_000 })
    await ok.click()
    const reopened = await poll(
      () => getDocument(page),
      (d) => (d.runs ?? []).length === 2,
      'reopened with its two runs',
      10_000,
    )
    assert.deepEqual(reopened.runs, saved.runs)
    await poll(
      () => rowIds(page),
      (ids) => ids.length === 2,
      'the reopened history in the table',
    )
  },
  { timeout: 420_000 },
)
