/**
 * demo.js: the web demo's page script, plain ES5-style JavaScript with no build step and no
 * imports (it runs from file://, where module scripts are refused). It repeats, step for step,
 * what the app does in core/tryit/run.ts — the normalisation x' = (x − shift) / scale per
 * feature of the last axis, the seeded generator (core/data/random.ts: mulberry32, Box–Muller),
 * token windows (core/data/vocab.ts) and temperature sampling (sampleToken) — so the same seed
 * gives the same picture or name in the app and in the demo. test/e2e/tryit.e2e.mjs checks both
 * against tfjs' model.predict. The page's data (model, spec, strings) comes from model.js.
 * Written without backticks or "${": the text is kept in String.raw literals (here and in runtime-*.ts).
 */
import { DEMO_IMAGE_INPUT_SCRIPT } from './runtime-image-input'
import { DEMO_OTHER_INPUTS_SCRIPT } from './runtime-inputs'
import { DEMO_MODEL_SCRIPT } from './runtime-model'
import { DEMO_OUTPUT_SCRIPT } from './runtime-output'

// demo.js is one script, kept in five files by concern. The parts are slices of one text, joined
// in this order: each is not valid JavaScript on its own (they share this closure's variables).
/** demo.js, part 1 of 5: the opening of the closure, the page's strings and its DOM helpers. */
const DEMO_OPENING_SCRIPT = String.raw`(function () {
  'use strict'
  var DEMO = window.LAYERCANVAS_DEMO
  var spec = DEMO.spec
  var zh = /^zh/i.test(navigator.language || '')
  var S = DEMO.strings[zh ? 'zh-CN' : 'en']
  var model = null
  var $ = function (id) { return document.getElementById(id) }
  document.documentElement.lang = S.lang

  function say(key, detail) {
    var el = $('status')
    el.textContent = S[key].replace('{detail}', detail || '')
    el.setAttribute('data-status', key)
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag)
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) node.setAttribute(k, attrs[k])
    if (text !== undefined) node.textContent = text
    return node
  }
  function fill() {
    var nodes = document.querySelectorAll('[data-i18n]')
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = S[nodes[i].getAttribute('data-i18n')]
  }

`

/** The end of demo.js: fill in the page's strings, load the model, build the input for its kind. */
const DEMO_START_SCRIPT = String.raw`  fill()
  say('loading')
  load().then(function (loaded) {
    model = loaded
    var kind = spec.input.kind
    if (kind === 'image') imageInput(spec.input)
    else if (kind === 'features') featureInput(spec.input)
    else if (kind === 'text') textInput(spec.input)
    else if (kind === 'noise') noiseInput(spec.input)
    else if (kind === 'diffusion') diffusionInput(spec.input)
    else if (kind === 'series') seriesInput(spec.input)
    else area.appendChild(el('p', {}, S.inputNone))
    if (kind !== 'features') say('ready')
    document.body.setAttribute('data-ready-ms', String(Math.round(performance.now())))
    document.body.setAttribute('data-ready', 'true')
  }, function (error) {
    say('loadFailed', String(error && error.message || error))
  })
})()
`

export const DEMO_SCRIPT =
  DEMO_OPENING_SCRIPT +
  DEMO_MODEL_SCRIPT +
  DEMO_OUTPUT_SCRIPT +
  DEMO_IMAGE_INPUT_SCRIPT +
  DEMO_OTHER_INPUTS_SCRIPT +
  DEMO_START_SCRIPT
