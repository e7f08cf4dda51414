/* global document -- used inside page.evaluate callbacks, which run in the browser */
import { assert, byTestId, getDocument, openApp, poll, test } from './harness.mjs'

/**
 * Chinese first: with the UI in 中文, the gallery, several templates on the canvas (names,
 * groups, the inspector, the title) and the export dialog (with exporter problems) show no
 * English words. A word is a run of 4+ ASCII letters; technical names that stay in Latin
 * letters in Chinese texts too (layer kinds, libraries, file formats) are allowed.
 */
const ALLOWED = new Set(
  [
    // layer kinds and architectures
    'Dense', 'Conv2D', 'Conv2DTranspose', 'LSTM', 'SimpleRNN', 'Flatten', 'Dropout', 'ReLU', 'Leaky', 'Softmax',
    'Sigmoid', 'MaxPooling2D', 'AveragePooling2D', 'GlobalAveragePooling2D', 'BatchNormalization', 'LayerNormalization',
    'GroupNorm', 'GroupNormalization', 'Reshape', 'Embedding', 'MultiHeadAttention', 'Concatenate', 'UpSampling2D',
    'Transformer', 'AlexNet', 'LeNet', 'ResNet', 'DCGAN', 'DDPM', 'DDIM', 'Adam', 'tanh', 'sigmoid', 'softmax', 'relu',
    'linear', 'Goodfellow', 'MNIST', 'Iris', 'Keras', 'keras', 'PyTorch', 'ONNX', 'onnx', 'TensorFlow', 'tfjs',
    'Python', 'Node', 'torchrun', 'Runtime', 'JavaScript', 'Java', 'model', 'json', 'weights', 'README', 'predict',
    'train', 'loadLayersModel', 'saving', 'load_model', 'Module', 'opset', 'WebGL', 'WebGPU', 'English', 'LayerCanvas',
    'Ctrl', 'Shift', 'Delete', 'Enter', 'Escape', 'Backspace', 'Space', 'None',
  ].map((word) => word.toLowerCase()),
)

/**
 * The English-looking words in the visible text of `selector`, allow-list removed. Commands
 * and code (<pre>, <code>, <kbd>: `npm install …`, `python train.py`) are not prose and skipped.
 */
async function englishWords(page, selector) {
  const text = await page.locator(selector).first().evaluate((root) => {
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
  return [...new Set(words.filter((word) => !ALLOWED.has(word.toLowerCase())))]
}

async function switchToChinese(page) {
  await byTestId(page, 'cmd-view.toggleLanguage').click()
  await poll(() => page.evaluate(() => document.documentElement.lang), (lang) => lang === 'zh-CN', 'the UI is in Chinese')
}

async function openTemplate(page, id) {
  await byTestId(page, 'cmd-file.openTemplate').click()
  await byTestId(page, `template-${id}`).click()
  await poll(() => getDocument(page), (d) => d.meta?.template === id, `${id} opened`, 10_000)
  await page.locator('.react-flow__node').first().waitFor()
}

test('中文: the template gallery has no English leftovers', async ({ page, baseURL }) => {
  await openApp(page, baseURL)
  await switchToChinese(page)
  await byTestId(page, 'cmd-file.openTemplate').click()
  await page.locator('.dialog.gallery').waitFor()
  assert.deepEqual(await englishWords(page, '.dialog.gallery'), [], 'English words in the gallery')
})

for (const id of ['gan-mlp', 'ddpm-mnist', 'transformer-names', 'resnet-mini', 'autoencoder-dense', 'lstm-names']) {
  test(`中文: template ${id} on the canvas, in the inspector and the title has no English leftovers`, async ({ page, baseURL }) => {
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
    assert.deepEqual(await englishWords(page, '[data-testid="export-dialog"]'), [], `English words in the export dialog (${format})`)
  }
})
