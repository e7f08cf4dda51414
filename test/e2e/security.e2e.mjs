/* global document, window -- used inside page.evaluate callbacks, which run in the browser */
import { assert, openApp, test } from './harness.mjs'

// The app's Content Security Policy (src/main/csp.ts, the <meta> tag in src/renderer/index.html)
// as real Chromium enforces it on the built page.

test("form-action 'none': injected markup cannot post the page's data anywhere", async ({
  page,
  baseURL,
  expectConsoleError,
}) => {
  expectConsoleError(/form-action/)
  await openApp(page, baseURL)
  let posted = false
  page.on('request', (request) => {
    if (request.method() === 'POST') posted = true
  })
  const before = page.url()
  const violation = await page.evaluate(
    (target) =>
      new Promise((resolve) => {
        document.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective), {
          once: true,
        })
        const form = document.createElement('form')
        form.method = 'POST'
        form.action = target
        const field = document.createElement('input')
        field.name = 'project'
        field.value = 'secret'
        form.append(field)
        document.body.append(form)
        form.submit() // bypasses any onsubmit handler, like an attacker's script would
        window.setTimeout(() => resolve('no violation'), 3000)
      }),
    `${baseURL}/collect`,
  )
  assert.equal(violation, 'form-action')
  await page.waitForTimeout(300)
  assert.equal(posted, false, 'no POST request left the page')
  assert.equal(page.url(), before, 'the page did not navigate')
})
