/* global document -- used inside page.evaluate callbacks, which run in the browser */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { assert, byTestId, getDocument, newContext, openApp, poll, test } from './harness.mjs'

/**
 * Chinese first: with the UI in 中文, the gallery, several templates on the canvas (names,
 * groups, the inspector, the title) and the export dialog (with exporter problems) show no
 * English words. A word is a run of 4+ ASCII letters; technical names that stay in Latin
 * letters in Chinese texts too (layer kinds, libraries, file formats) are allowed.
 */
const ALLOWED = new Set(
  [
    // layer kinds and architectures
    'Dense',
    'Conv2D',
    'Conv2DTranspose',
    'LSTM',
    'SimpleRNN',
    'Flatten',
    'Dropout',
    'ReLU',
    'Leaky',
    'Softmax',
    'Sigmoid',
    'MaxPooling2D',
    'AveragePooling2D',
    'GlobalAveragePooling2D',
    'BatchNormalization',
    'LayerNormalization',
    'GroupNorm',
    'GroupNormalization',
    'Reshape',
    'Embedding',
    'MultiHeadAttention',
    'Concatenate',
    'UpSampling2D',
    'Transformer',
    'AlexNet',
    'LeNet',
    'ResNet',
    'DCGAN',
    'DDPM',
    'DDIM',
    'Adam',
    'tanh',
    'sigmoid',
    'softmax',
    'relu',
    'linear',
    'Goodfellow',
    'MNIST',
    'Iris',
    'Keras',
    'keras',
    'PyTorch',
    'ONNX',
    'onnx',
    'TensorFlow',
    'tfjs',
    'Python',
    'Node',
    'torchrun',
    'Runtime',
    'JavaScript',
    'Java',
    'model',
    'json',
    'weights',
    'README',
    'predict',
    'train',
    'loadLayersModel',
    'saving',
    'load_model',
    'Module',
    'opset',
    'WebGL',
    'WebGPU',
    'English',
    'LayerCanvas',
    'Ctrl',
    'Shift',
    'Delete',
    'Enter',
    'Escape',
    'Backspace',
    'Space',
    'None',
    // people and the programmer's first program, named as they are in Chinese texts too
    'LeCun',
    'Simonyan',
    'Zisserman',
    'Krizhevsky',
    'Sutskever',
    'Hinton',
    'Radford',
    'Goodfellow',
    'Hello',
    'World',
    // names of data sets, models and model families, written in Latin letters in Chinese too
    'ImageNet',
    'Stable',
    'Diffusion',
    'Autoencoder',
    'Swish',
    'Yann',
    'Corinna',
    'Cortes',
    'Christopher',
    'Burges',
    'Fisher',
    'Anderson',
    'Moby',
    'Word',
    'stdlib',
    'datasets',
    'female',
    'first',
    'names',
    'mnist',
    'dataset',
    'iris',
    'PDDL',
    // products and file names written in Latin letters in Chinese texts too
    'Playground',
    'GitHub',
    'Pages',
    'Netlify',
    // MobileNet (Howard et al.) and its layer kinds, cut before "2D" by the word pattern
    'MobileNet',
    'Howard',
    'DepthwiseConv',
    'SeparableConv',
    'index',
    'html',
  ].map((word) => word.toLowerCase()),
)

/**
 * The English-looking words in the visible text of `selector`, allow-list removed. Commands
 * and code (<pre>, <code>, <kbd>: `npm install …`, `python train.py`) are not prose and skipped.
 */
async function englishWords(page, selector, alsoAllowed = []) {
  const text = await page
    .locator(selector)
    .first()
    .evaluate((root) => {
      const parts = []
      const walker = document.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement
        if (!parent || parent.closest('pre, code, kbd') || !parent.checkVisibility()) continue
        parts.push(node.textContent)
      }
      return parts.join(' ')
    })
  const words = text.match(/[A-Za-z][A-Za-z_]{3,}/g) ?? []
  const allowed = new Set([...ALLOWED, ...alsoAllowed.map((word) => word.toLowerCase())])
  return [...new Set(words.filter((word) => !allowed.has(word.toLowerCase())))]
}

async function switchToChinese(page) {
  await byTestId(page, 'cmd-view.toggleLanguage').click()
  await poll(
    () => page.evaluate(() => document.documentElement.lang),
    (lang) => lang === 'zh-CN',
    'the UI is in Chinese',
  )
}

async function openTemplate(page, id) {
  await byTestId(page, 'cmd-file.openTemplate').click()
  await byTestId(page, `template-${id}`).click()
  await poll(
    () => getDocument(page),
    (d) => d.meta?.template === id,
    `${id} opened`,
    10_000,
  )
  await page.locator('.react-flow__node').first().waitFor()
}

test('中文: the template gallery has no English leftovers', async ({ page, baseURL }) => {
  await openApp(page, baseURL)
  await switchToChinese(page)
  await byTestId(page, 'cmd-file.openTemplate').click()
  await page.locator('.dialog.template-gallery').waitFor()
  assert.deepEqual(await englishWords(page, '.dialog.template-gallery'), [], 'English words in the gallery')
})

for (const id of ['gan-mlp', 'ddpm-mnist', 'transformer-names', 'resnet-mini', 'autoencoder-dense', 'lstm-names']) {
  test(`中文: template ${id} on the canvas, in the inspector and the title has no English leftovers`, async ({
    page,
    baseURL,
  }) => {
    await openApp(page, baseURL)
    await switchToChinese(page)
    await openTemplate(page, id)
    // Nothing selected: the inspector shows the project (title and description).
    await page.locator('.project-info').waitFor()
    for (const [where, selector] of [
      ['canvas', '.react-flow'],
      ['toolbar title', '.project-title'],
      ['inspector', '.project-info'],
    ]) {
      assert.deepEqual(await englishWords(page, selector), [], `English words in the ${where} of ${id}`)
    }
    // The Data tab: the credit line of the bundled datasets (the synthetic shapes have none).
    await byTestId(page, 'dock-tab-data').click()
    await page.locator('.data-title').waitFor()
    if (id !== 'resnet-mini')
      assert.deepEqual(
        await englishWords(page, '.data-credit'),
        [],
        `English words in the credit line of ${id}'s dataset`,
      )
  })
}

test('中文: the export dialog and its exporter problems have no English leftovers', async ({ page, baseURL }) => {
  await openApp(page, baseURL)
  await switchToChinese(page)
  await openTemplate(page, 'gan-mlp')
  await byTestId(page, 'cmd-file.export').click()
  await byTestId(page, 'export-dialog').waitFor()
  for (const format of ['tfjs', 'onnx', 'keras', 'pytorch', 'keras-file']) {
    await byTestId(page, `export-format-${format}`).click()
    // The code exports' data option names its file, data.npz ("data" is allowed only there).
    const fileNames = format === 'keras' || format === 'pytorch' ? ['data'] : []
    assert.deepEqual(
      await englishWords(page, '[data-testid="export-dialog"]', fileNames),
      [],
      `English words in the export dialog (${format})`,
    )
  }
  await page.keyboard.press('Escape')
  await byTestId(page, 'export-dialog').waitFor({ state: 'detached' })

  // The .keras writer cannot write the diffusion U-Net's timestep embedding: problems per layer.
  await openTemplate(page, 'ddpm-mnist')
  await byTestId(page, 'cmd-file.export').click()
  await byTestId(page, 'export-format-keras-file').click()
  await byTestId(page, 'export-run-button').click()
  const problems = byTestId(page, 'export-problems')
  await problems.waitFor({ timeout: 60_000 })
  const text = await problems.innerText()
  assert.match(text, /写入器/, `the problems are in Chinese: ${text}`)
  // A layer without a name is named by its id (`temb`): an identifier, not a word.
  const ids = (await getDocument(page)).nodes.flatMap((node) => node.id.match(/[A-Za-z][A-Za-z_]{3,}/g) ?? [])
  assert.deepEqual(
    await englishWords(page, '[data-testid="export-dialog"]', ids),
    [],
    'English words in the export problems',
  )
})

/**
 * A Chromium that sees no CJK font at all (fontconfig limited to DejaVu), as on a fresh Linux
 * machine: the app's own subset font must be loaded and draw the Chinese text.
 */
test('中文 without any CJK system font: the bundled subset font is loaded and draws the Chinese text', async ({
  baseURL,
  tmpDir,
}) => {
  const conf = join(tmpDir, 'fonts.conf')
  writeFileSync(
    conf,
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>${join(tmpDir, 'fc-cache')}</cachedir></fontconfig>`,
  )
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'],
    env: { ...process.env, FONTCONFIG_FILE: conf },
  })
  try {
    const context = await newContext(browser)
    const page = await context.newPage()
    await openApp(page, baseURL)
    await switchToChinese(page)
    const title = page.locator('.project-title .project-name')
    await poll(
      () => title.innerText(),
      (text) => /[\u4e00-\u9fff]/.test(text),
      'the project title is in Chinese',
    )
    await page.evaluate(() => document.fonts.ready)
    const faces = await page.evaluate(() =>
      [...document.fonts]
        .filter((face) => face.family.replace(/["']/g, '') === 'LayerCanvas CJK')
        .map((face) => face.status),
    )
    assert.deepEqual(faces, ['loaded'], 'the bundled font is loaded')

    // Which fonts Chromium really drew the title with (DevTools protocol).
    const cdp = await context.newCDPSession(page)
    await cdp.send('DOM.enable')
    await cdp.send('CSS.enable')
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 })
    const { nodeId } = await cdp.send('DOM.querySelector', {
      nodeId: root.nodeId,
      selector: '.project-title .project-name',
    })
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId })
    const custom = fonts.filter((font) => font.isCustomFont)
    assert.ok(
      custom.length === 1 && custom[0].glyphCount > 0,
      `the Chinese title is drawn with the bundled font: ${JSON.stringify(fonts)}`,
    )
    assert.ok(
      !fonts.some((font) => /wenquanyi|noto sans cjk|droid sans fallback/i.test(font.familyName) && !font.isCustomFont),
      `no system CJK font: ${JSON.stringify(fonts)}`,
    )
  } finally {
    await browser.close()
  }
})

/**
 * The editing rule (docs/project-format.md): in 中文, a name with a Chinese text edits that text
 * and keeps the English one; clearing it shows the English name again; in English the plain
 * name is edited and the Chinese text stays.
 */
test('中文: renaming a layer edits its Chinese text and keeps the English name', async ({ page, baseURL }) => {
  await openApp(page, baseURL)
  await switchToChinese(page)
  await openTemplate(page, 'gan-mlp')
  const title = () => page.locator('[data-testid="node-fake"] .layer-node-header').innerText()
  await poll(title, (text) => text.includes('假数字'), 'the canvas shows the Chinese name')

  await page.locator('[data-testid="node-fake"] .layer-node-header').click()
  const field = byTestId(page, 'node-name')
  assert.equal(await field.inputValue(), '假数字')
  await field.fill('生成的数字')
  const fake = async () => {
    const doc = await getDocument(page)
    return { name: doc.nodes.find((node) => node.id === 'fake').name, zh: doc.meta.translations['zh-CN'].nodes.fake }
  }
  await poll(
    fake,
    (v) => v.zh === '生成的数字' && v.name === 'fake digit',
    'the Chinese text changed, the English name kept',
  )
  await poll(title, (text) => text.includes('生成的数字'), 'the canvas shows the new Chinese name')

  await field.fill('')
  await poll(fake, (v) => v.zh === undefined && v.name === 'fake digit', 'clearing removes the Chinese text')
  assert.equal(await field.getAttribute('placeholder'), 'fake digit', 'the field shows what it falls back to')
  await poll(title, (text) => text.includes('fake digit'), 'the canvas falls back to the English name')

  // In English the plain name is edited.
  await byTestId(page, 'cmd-view.toggleLanguage').click()
  await poll(
    () => page.evaluate(() => document.documentElement.lang),
    (lang) => lang === 'en',
    'the UI is in English',
  )
  await byTestId(page, 'node-name').fill('generated digit')
  await poll(fake, (v) => v.name === 'generated digit', 'the English name changed')
})
