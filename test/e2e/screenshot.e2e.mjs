/* global document -- used inside page.evaluate callbacks, which run in the browser */
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { byTestId, openApp, test, waitForTotal } from './harness.mjs'

/**
 * The README screenshot (docs/screenshot.png): the start template (MNIST MLP) in the light
 * theme at 1440×900, with the hidden Dense layer selected so the inspector shows its settings.
 * Only with E2E_SCREENSHOT=1, so ordinary test runs never touch the committed image:
 *   E2E_SCREENSHOT=1 node test/e2e/run.mjs screenshot
 */
if (process.env.E2E_SCREENSHOT === '1') {
  test('screenshot for the README (docs/screenshot.png)', async ({ page, baseURL }) => {
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' })
    await openApp(page, baseURL)
    await waitForTotal(page, '101770')
    const theme = () =>
      page.evaluate(() => document.documentElement.dataset.theme ?? document.documentElement.className)
    if (/dark/.test(await theme())) await byTestId(page, 'cmd-view.toggleTheme').click()
    await page.locator('[data-testid="node-hidden"] .layer-node-header').click()
    await byTestId(page, 'cmd-view.fitView').click()
    await page.mouse.move(0, 0)
    await page.evaluate(() => document.fonts.ready)
    await page.waitForTimeout(600) // fit-view animation and toasts settle
    const file = fileURLToPath(new URL('../../docs/screenshot.png', import.meta.url))
    await mkdir(fileURLToPath(new URL('../../docs/', import.meta.url)), { recursive: true })
    await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' })
  })
}
