/* global window, document, getComputedStyle, DataTransfer, DragEvent -- used inside page.evaluate callbacks, which run in the browser */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { assert, byTestId, getDocument, openApp, poll, test } from './harness.mjs'

/**
 * The guided path: a learner follows the tutorial's seven steps on the MNIST MLP, from the
 * dataset preview to an export, in English (the plain path) and in Chinese (the MLP lesson
 * from the gallery); every step is marked done from what really happened. A teacher's lesson
 * file presets values and hides a panel; a broken one shows its exact error and the app keeps working.
 */

const STEPS = ['data', 'split', 'design', 'lossOptimizer', 'train', 'evaluate', 'deploy']
const done = (page, step) => byTestId(page, `guide-step-${step}`).getAttribute('data-done')
const waitDone = (page, step, timeout = 10_000) =>
  poll(
    () => done(page, step),
    (v) => v === 'true',
    `step ${step} is done`,
    timeout,
  )
const lossSelect = (page) => page.locator('select[data-testid="train-loss"]')
const bodyText = (page) => byTestId(page, 'guide-body').innerText()

async function followPath(page, tmpDir, { hint, mismatch, about }) {
  // 1 Data: the step opens the Data panel; done once the preview of MNIST is shown.
  assert.equal(await done(page, 'data'), 'false')
  await byTestId(page, 'guide-step-data').click()
  assert.match(await bodyText(page), about)
  await byTestId(page, 'data-split').waitFor()
  await waitDone(page, 'data', 60_000)

  // 2 Split: 80 / 10 / 10 sums to 100 %.
  await byTestId(page, 'guide-step-split').click()
  await waitDone(page, 'split')

  // 3 Design: the canvas gets the room; the MLP has no errors.
  await byTestId(page, 'guide-step-design').click()
  await byTestId(page, 'train-start').waitFor({ state: 'detached' })
  await waitDone(page, 'design')

  // 4 Loss & optimizer: opens the training settings; MSE on classes is a warning that undoes the step.
  await byTestId(page, 'guide-step-lossOptimizer').click()
  await lossSelect(page).waitFor()
  await waitDone(page, 'lossOptimizer')
  await lossSelect(page).selectOption('meanSquaredError')
  await byTestId(page, 'guide-note-loss.regressionOnClasses').waitFor()
  assert.match(await byTestId(page, 'guide-note-loss.regressionOnClasses').innerText(), mismatch)
  await byTestId(page, 'train-loss-note-loss.regressionOnClasses').waitFor()
  assert.equal(await done(page, 'lossOptimizer'), 'false')
  assert.match(await byTestId(page, 'guide-hint').innerText(), hint)
  await lossSelect(page).selectOption('categoricalCrossentropy')
  await waitDone(page, 'lossOptimizer')
  assert.equal(await byTestId(page, 'guide-note-loss.regressionOnClasses').count(), 0)

  // 5 Train: a short run (a few batches).
  await page.evaluate(() => window.__layercanvasTraining.setRunOptions({ maxBatchesPerEpoch: 5 }))
  await byTestId(page, 'guide-step-train').click()
  assert.equal(await done(page, 'train'), 'false')
  await byTestId(page, 'train-start').click()
  await poll(
    () => page.evaluate(() => window.__layercanvasTraining.getState().status),
    (s) => s === 'done' || s === 'error',
    'training finished',
    150_000,
  )
  const state = await page.evaluate(() => window.__layercanvasTraining.getState())
  assert.equal(state.status, 'done', `training ended with ${JSON.stringify(state.error)}`)
  await waitDone(page, 'train')

  // 6 Evaluate: the run's test evaluation; the step opens the Results tab.
  await waitDone(page, 'evaluate', 60_000)
  await byTestId(page, 'guide-step-evaluate').click()
  await byTestId(page, 'results-panel').waitFor()

  // 7 Deploy: the step opens the Try-it tab, whose button opens Export; done once the export is saved.
  assert.equal(await done(page, 'deploy'), 'false')
  await byTestId(page, 'guide-step-deploy').click()
  await byTestId(page, 'tryit-panel').waitFor()
  await byTestId(page, 'tryit-export-demo').click()
  await byTestId(page, 'export-dialog').waitFor()
  await byTestId(page, 'export-format-tfjs').click()
  const download = page.waitForEvent('download', { timeout: 60_000 })
  await byTestId(page, 'export-run-button').click()
  await (await download).saveAs(join(tmpDir, (await download).suggestedFilename()))
  await byTestId(page, 'export-saved').waitFor({ timeout: 10_000 })
  await waitDone(page, 'deploy')
  await page.keyboard.press('Escape')

  for (const step of STEPS) assert.equal(await done(page, step), 'true', `${step} done at the end`)
}

test(
  'guided path (English): mlp-mnist from the data preview to an export, each step done',
  async ({ page, baseURL, tmpDir }) => {
    await openApp(page, baseURL)
    await byTestId(page, 'guide-bar').waitFor()
    assert.equal(
      await byTestId(page, 'guide-step-data')
        .innerText()
        .then((s) => s.includes('Prepare data')),
      true,
    )
    await followPath(page, tmpDir, { about: /training set|samples/, mismatch: /cross-entropy/, hint: /does not suit/ })

    // Hidden from the toolbar, the choice stored as a preference; shown again.
    await byTestId(page, 'cmd-view.toggleGuide').click()
    await byTestId(page, 'guide-bar').waitFor({ state: 'detached' })
    assert.deepEqual(await page.evaluate(() => JSON.parse(localStorage.getItem('layercanvas.guide'))), {
      visible: false,
    })
    await byTestId(page, 'cmd-view.toggleGuide').click()
    await byTestId(page, 'guide-bar').waitFor()
    assert.equal(await done(page, 'deploy'), 'true', 'hiding forgets nothing')
    // A new project starts the path over.
    await byTestId(page, 'cmd-file.new').click()
    await byTestId(page, 'confirm-ok').click()
    await poll(
      () => done(page, 'deploy'),
      (v) => v === 'false',
      'deploy not done for the new project',
    )
    assert.equal(await done(page, 'design'), 'false', 'an empty canvas is not a design')
  },
  { timeout: 240_000 },
)

test(
  'guided path (中文): the MLP lesson from the gallery, step 1 to an export',
  async ({ page, baseURL, tmpDir }) => {
    await openApp(page, baseURL)
    await byTestId(page, 'cmd-view.toggleLanguage').click()
    await poll(
      () => page.evaluate(() => document.documentElement.lang),
      (lang) => lang === 'zh-CN',
      'the UI is in Chinese',
    )
    await byTestId(page, 'cmd-file.openTemplate').click()
    await byTestId(page, 'gallery-lessons').waitFor()
    await byTestId(page, 'lesson-mlp-mnist').click()
    await byTestId(page, 'guide-lesson').waitFor()
    assert.match(await byTestId(page, 'guide-lesson').innerText(), /多层感知机/)
    assert.match(await byTestId(page, 'guide-step-data').innerText(), /准备数据集/)
    assert.match(await byTestId(page, 'guide-lesson-text').innerText(), /MNIST/)
    assert.equal((await getDocument(page)).meta.template, 'mlp-mnist')
    await followPath(page, tmpDir, { about: /样本/, mismatch: /交叉熵/, hint: /不匹配/ })
    // Every step's text in Chinese: only technical names stay in Latin letters.
    const latin = new Set()
    for (const step of ['data', 'split', 'design', 'lossOptimizer', 'train', 'evaluate', 'deploy']) {
      await byTestId(page, `guide-step-${step}`).click()
      for (const word of (await byTestId(page, 'guide-bar').innerText()).match(/[A-Za-z][A-Za-z_]{3,}/g) ?? [])
        latin.add(word)
    }
    const TECHNICAL = [
      'MNIST',
      'ReLU',
      'softmax',
      'Adam',
      'TensorFlow',
      'ONNX',
      'Keras',
      'PyTorch',
      'Python',
      'LayerCanvas',
    ]
    assert.deepEqual(
      [...latin].filter((word) => !TECHNICAL.includes(word)),
      [],
      'English words in the Chinese guided path',
    )
  },
  { timeout: 240_000 },
)

test('guided path: a step that finishes in the background says Done in place and leaves the canvas where it was', async ({
  page,
  baseURL,
}) => {
  await openApp(page, baseURL)
  // Nothing loads the preview before the Data panel opens, so the step cannot finish early.
  assert.match(await byTestId(page, 'guide-hint').innerText(), /To do.*preview/)
  const top = () =>
    byTestId(page, 'node-input')
      .boundingBox()
      .then((box) => box.y)
  const before = await top()
  await byTestId(page, 'guide-step-data').click()
  await byTestId(page, 'data-panel').waitFor()
  // The preview loads in a worker; the step ticks itself when it is shown.
  await waitDone(page, 'data', 60_000)
  assert.equal(await top(), before, 'the canvas did not move when the step finished')
  assert.equal(await byTestId(page, 'guide-hint').count(), 0)
  assert.match(await byTestId(page, 'guide-done').innerText(), /Done.*looked at the samples/)
  // Its Open link is still there, and readable: not drawn in the bar's own background colour.
  const colours = await byTestId(page, 'guide-open').evaluate((link) => ({
    link: getComputedStyle(link).color,
    bar: getComputedStyle(link.closest('.guide-bar')).backgroundColor,
  }))
  assert.notEqual(colours.link, colours.bar, `the Open link's colour ${colours.link} on ${colours.bar}`)
})

test("lessons: a broken lesson file shows its exact error and changes nothing; a teacher's file presets and hides", async ({
  page,
  baseURL,
  tmpDir,
}) => {
  await openApp(page, baseURL)
  const before = await getDocument(page)
  const lesson = {
    format: 'layercanvas-lesson',
    version: 1,
    template: 'lenet5',
    title: { en: 'Feature maps', 'zh-CN': '特征图' },
    summary: { en: 'Look at the feature maps.', 'zh-CN': '观察特征图。' },
    steps: [
      { step: 'data', text: { en: 'Look at the digits.', 'zh-CN': '看看这些数字。' } },
      { step: 'design', text: { en: 'Follow the shapes through the convolutions.', 'zh-CN': '跟着形状穿过卷积层。' } },
      { step: 'train', text: { en: 'Train for one epoch.', 'zh-CN': '训练一个轮次。' }, locked: true },
    ],
    presets: [
      { path: 'training.epochs', value: 1 },
      { path: 'nodes.f5.params.units', value: 60 },
    ],
    hide: ['palette'],
  }
  const open = async (name, json) => {
    const file = join(tmpDir, name)
    await writeFile(file, typeof json === 'string' ? json : JSON.stringify(json))
    await byTestId(page, 'cmd-file.openTemplate').click()
    const chooser = page.waitForEvent('filechooser', { timeout: 5_000 })
    await byTestId(page, 'lesson-open-file').click()
    await (await chooser).setFiles(file)
  }

  await open('broken.lesson.json', { ...lesson, steps: [lesson.steps[0], { ...lesson.steps[1], step: 'celebrate' }] })
  const banner = byTestId(page, 'error-banner')
  await banner.waitFor()
  assert.match(await banner.innerText(), /broken\.lesson\.json/)
  assert.match(await banner.innerText(), /steps\[1\]\.step: /)
  assert.deepEqual((await getDocument(page)).nodes, before.nodes, 'the canvas is unchanged')
  assert.equal(await byTestId(page, 'guide-lesson').count(), 0)

  await open('not-json.json', '{"format": "layercanvas-lesson", ')
  await poll(
    () => banner.innerText(),
    (text) => /not valid JSON/.test(text),
    'the JSON error',
  )

  // The app keeps working: the teacher's valid lesson opens with its presets and hidden panel.
  await open('feature-maps.json', lesson)
  await byTestId(page, 'guide-lesson').waitFor()
  const doc = await getDocument(page)
  assert.equal(doc.meta.template, 'lenet5')
  assert.equal(doc.training.epochs, 1)
  assert.equal(doc.nodes.find((n) => n.id === 'f5').params.units, 60)
  assert.equal(await page.locator('.workspace > .palette').isVisible(), false, 'the palette is hidden')
  const shown = await page.locator('.guide-steps button').evaluateAll((els) => els.map((el) => el.dataset.testid))
  assert.deepEqual(shown, ['guide-step-data', 'guide-step-design', 'guide-step-train'])
  // Train is locked until the lesson's earlier steps are done: the data has not been looked at yet.
  await byTestId(page, 'guide-step-train').click()
  await byTestId(page, 'guide-locked').waitFor()
  assert.equal(await byTestId(page, 'train-start').count(), 0, 'a locked step opens nothing')
  await byTestId(page, 'guide-step-data').click()
  await waitDone(page, 'data', 60_000)
  await byTestId(page, 'guide-step-train').click()
  await byTestId(page, 'train-start').waitFor()
  assert.equal(await byTestId(page, 'guide-locked').count(), 0)

  // Dragged onto the guided path, a lesson file opens too.
  await page.evaluate(
    (text) => {
      const data = new DataTransfer()
      data.items.add(new File([text], 'dropped.json', { type: 'application/json' }))
      const bar = document.querySelector('[data-testid="guide-bar"]')
      bar.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }))
      bar.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }))
    },
    JSON.stringify({ ...lesson, template: 'mlp-mnist', presets: [], hide: [] }),
  )
  await poll(
    () => getDocument(page),
    (d) => d.meta.template === 'mlp-mnist',
    'the dropped lesson opened its template',
    10_000,
  )
  await page.locator('.workspace > .palette').waitFor()

  // Ending the lesson shows the whole path.
  await byTestId(page, 'guide-end-lesson').click()
  await page.locator('.workspace > .palette').waitFor()
  assert.equal(await page.locator('.guide-steps button').count(), 7)
})
