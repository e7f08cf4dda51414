/**
 * demo.js: the web demo's page script, plain ES5-style JavaScript with no build step and no
 * imports (it runs from file://, where module scripts are refused). It repeats, step for step,
 * what the app does in core/tryit/run.ts — the normalisation x' = (x − shift) / scale per
 * feature of the last axis, the seeded generator (core/data/random.ts: mulberry32, Box–Muller),
 * token windows (core/data/vocab.ts) and temperature sampling (sampleToken) — so the same seed
 * gives the same picture or name in the app and in the demo. test/e2e/tryit.e2e.mjs checks both
 * against tfjs' model.predict. The page's data (model, spec, strings) comes from model.js.
 * Written without backticks or "${": the text is kept in a String.raw literal.
 */
export const DEMO_SCRIPT = String.raw`(function () {
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

  // ── the same seeded generator as the app (core/data/random.ts) ──
  function createRng(seed) {
    var h = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0
    var state = (h ^ (h >>> 16)) >>> 0
    var spare = null
    function next() {
      state = (state + 0x6d2b79f5) >>> 0
      var t = state
      t = Math.imul(t ^ (t >>> 15), t | 1)
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
    return {
      next: next,
      uniform: function (min, max) { return min + (max - min) * next() },
      gaussian: function () {
        if (spare !== null) { var value = spare; spare = null; return value }
        var u = 0
        while (u === 0) u = next()
        var v = next()
        var r = Math.sqrt(-2 * Math.log(u))
        spare = r * Math.sin(2 * Math.PI * v)
        return r * Math.cos(2 * Math.PI * v)
      },
    }
  }
  function sampleToken(row, temperature, rng) {
    var sum = 0, negative = false, i
    for (i = 0; i < row.length; i++) { sum += row[i]; if (row[i] < 0) negative = true }
    var probabilities = !negative && Math.abs(sum - 1) < 1e-3
    var logits = Array.from(row, function (v) { return (probabilities ? Math.log(Math.max(v, 1e-12)) : v) / Math.max(temperature, 1e-6) })
    var top = Math.max.apply(null, logits)
    var weights = logits.map(function (l) { return Math.exp(l - top) })
    var total = weights.reduce(function (a, b) { return a + b }, 0)
    var r = rng.next() * total
    for (i = 0; i < weights.length; i++) { r -= weights[i]; if (r <= 0) return i }
    return weights.length - 1
  }

  // ── the model ──
  function base64Bytes(text) {
    var raw = atob(text)
    var bytes = new Uint8Array(raw.length)
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i)
    return bytes.buffer
  }
  function load() {
    // The CPU backend: exact float32 arithmetic on every device (some phones' WebGL computes in
    // half precision), and fast enough for the small networks of the tutorial.
    return tf.setBackend('cpu').then(function () {
      if (!DEMO.customLayers) return null
      var url = URL.createObjectURL(new Blob([DEMO.customLayers], { type: 'text/javascript' }))
      return import(url).then(function (module) { module.registerLayerCanvasLayers(tf) })
    }).then(function () {
      return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: DEMO.model.modelTopology, weightSpecs: DEMO.model.weightSpecs, weightData: base64Bytes(DEMO.weights) }))
    })
  }
  function size(shape) { return shape.reduce(function (a, b) { return a * b }, 1) }
  function predict(main) {
    var tensors = spec.inputs.map(function (t, i) {
      var values = i === spec.main ? main : (t.dtype === 'int32' ? new Int32Array(size(t.shape)) : new Float32Array(size(t.shape)))
      return tf.tensor(values, [1].concat(t.shape), t.dtype)
    })
    var out = model.predict(tensors.length === 1 ? tensors[0] : tensors)
    var list = Array.isArray(out) ? out : [out]
    var values = list[spec.output].dataSync().slice()
    tensors.concat(list).forEach(function (t) { t.dispose() })
    return values
  }
  function normalize(raw) {
    var out = new Float32Array(raw.length)
    var n = spec.normalization
    if (!n) { out.set(raw); return out }
    var channels = n.shift.length
    for (var i = 0; i < raw.length; i++) out[i] = (raw[i] - n.shift[i % channels]) / n.scale[i % channels]
    return out
  }

  // ── output ──
  var output = $('output')
  function show(input, values, extra) {
    output.textContent = ''
    output.setAttribute('data-input', JSON.stringify(Array.from(input)))
    output.setAttribute('data-output', JSON.stringify(Array.from(values)))
    if (spec.result === 'classes') {
      output.appendChild(el('h2', {}, S.probabilities))
      var best = 0
      for (var b = 1; b < values.length; b++) if (values[b] > values[best]) best = b
      output.setAttribute('data-top', String(best))
      var order = Array.from(values, function (_, i) { return i }).sort(function (a, c) { return values[c] - values[a] }).slice(0, 10)
      order.forEach(function (i) {
        var row = el('div', { class: 'bar-row' + (i === best ? ' best' : '') })
        row.appendChild(el('span', { class: 'bar-name' }, spec.classNames ? spec.classNames[i] : '#' + i))
        var track = row.appendChild(el('span', { class: 'bar-track' }))
        // Through the CSSOM, not a style attribute: the page's Content-Security-Policy refuses inline styles.
        track.appendChild(el('span', { class: 'bar' })).style.width = Math.max(0, Math.min(100, values[i] * 100)).toFixed(1) + '%'
        row.appendChild(el('span', { class: 'bar-value' }, (values[i] * 100).toFixed(1) + '%'))
        output.appendChild(row)
      })
    } else if (spec.result === 'text' && extra) {
      output.appendChild(el('h2', {}, S.generated))
      var line = output.appendChild(el('p', { class: 'generated', 'data-generated': extra.generated }))
      line.appendChild(el('strong', {}, extra.prompt))
      line.appendChild(document.createTextNode(extra.generated))
    } else if (spec.input.kind === 'series') {
      output.appendChild(el('h2', {}, S.values))
      output.appendChild(seriesChart(input, values, spec.input.horizon))
      output.appendChild(el('p', { class: 'values' }, S.seriesPredicted.replace('{horizon}', String(spec.input.horizon)).replace('{value}', Array.from(values, function (v) { return v.toPrecision(4) }).join(', '))))
    } else if (spec.task === 'autoencoder' && spec.imageShape) {
      var pair = output.appendChild(el('div', { class: 'pictures' }))
      var before = pair.appendChild(el('figure', {}))
      before.appendChild(el('figcaption', {}, spec.noise > 0 ? S.noisedInput : S.input))
      before.appendChild(picture(input, spec.imageShape, 'tryit-input-picture'))
      var after = pair.appendChild(el('figure', {}))
      after.appendChild(el('figcaption', {}, S.reconstruction))
      after.appendChild(picture(values, spec.imageShape))
    } else if (spec.result === 'image') {
      output.appendChild(el('h2', {}, S.generated))
      output.appendChild(picture(values, spec.imageShape))
    } else {
      output.appendChild(el('h2', {}, S.values))
      output.appendChild(el('p', { class: 'values' }, Array.from(values).slice(0, 32).map(function (v) { return v.toPrecision(4) }).join('  ')))
    }
  }
  function picture(values, shape, testId) {
    var h = shape[0], w = shape[1], c = shape[2]
    var min = Infinity, max = -Infinity, i
    for (i = 0; i < values.length; i++) { if (values[i] < min) min = values[i]; if (values[i] > max) max = values[i] }
    // 0–1 (sigmoid) as it is, −1–1 (tanh) shifted, anything else stretched to its own range.
    var lo = min >= 0 && max <= 1 ? 0 : min >= -1 && max <= 1 ? -1 : min
    var hi = min >= -1 && max <= 1 ? 1 : max
    var canvas = el('canvas', { width: String(w), height: String(h), class: 'picture', 'data-testid': testId || 'tryit-picture' })
    var ctx = canvas.getContext('2d')
    var image = ctx.createImageData(w, h)
    for (var p = 0; p < w * h; p++) {
      for (var k = 0; k < 3; k++) image.data[p * 4 + k] = ((values[p * c + (c === 3 ? k : 0)] - lo) / (hi - lo || 1)) * 255
      image.data[p * 4 + 3] = 255
    }
    ctx.putImageData(image, 0, 0)
    return canvas
  }
  function run(input, extra) {
    try {
      show(input, extra && extra.values ? extra.values : predict(input), extra)
      say('ready')
    } catch (error) {
      say('runFailed', String(error && error.message || error))
    }
  }

  // ── inputs ──
  var area = $('input')
  function number(label, id, value, step, min, max, hint) {
    var wrap = area.appendChild(el('label', { class: 'field' }))
    wrap.appendChild(el('span', {}, label))
    var input = wrap.appendChild(el('input', { type: 'number', id: id, value: String(value), step: String(step), min: String(min), max: String(max), 'data-testid': id }))
    if (hint) wrap.appendChild(el('small', {}, hint))
    return input
  }
  function imageInput(info) {
    var pad = el('canvas', { width: '280', height: '280', class: 'pad', 'data-testid': 'tryit-pad' })
    var ctx = pad.getContext('2d')
    function blank() { ctx.fillStyle = '#000'; ctx.fillRect(0, 0, 280, 280) }
    blank()
    if (info.draw) area.appendChild(el('p', { class: 'hint' }, S.draw))
    area.appendChild(pad)
    var tools = area.appendChild(el('div', { class: 'tools' }))
    var invertLabel = el('label', { class: 'check' })
    var invert = invertLabel.appendChild(el('input', { type: 'checkbox', 'data-testid': 'tryit-invert' }))
    invertLabel.appendChild(document.createTextNode(' ' + S.invert))
    function pixels() {
      var small = el('canvas', { width: String(info.width), height: String(info.height) })
      var sctx = small.getContext('2d')
      sctx.drawImage(pad, 0, 0, info.width, info.height)
      var data = sctx.getImageData(0, 0, info.width, info.height).data
      var raw = new Float32Array(info.width * info.height * info.channels)
      for (var p = 0; p < info.width * info.height; p++) {
        for (var k = 0; k < info.channels; k++) {
          var v = info.channels === 1 ? (data[p * 4] + data[p * 4 + 1] + data[p * 4 + 2]) / 3 / 255 : data[p * 4 + k] / 255
          raw[p * info.channels + k] = invert.checked ? 1 - v : v
        }
      }
      return raw
    }
    // Autoencoders: a denoising one sees the input plus σ·N(0, 1) from the seed (core/tryit/autoencoder.ts).
    var autoencoder = spec.task === 'autoencoder'
    var noiseSeed = null
    function feed(raw) {
      var x = normalize(raw)
      if (autoencoder && spec.noise > 0) {
        var rng = createRng(Number(noiseSeed.value) || 0)
        for (var i = 0; i < x.length; i++) x[i] += Math.fround(rng.gaussian() * spec.noise)
      }
      run(x)
    }
    var lastRaw = null
    function go() { lastRaw = pixels(); feed(lastRaw) }
    if (info.draw) {
      var drawing = false
      var at = function (event) { var r = pad.getBoundingClientRect(); return [(event.clientX - r.left) * 280 / r.width, (event.clientY - r.top) * 280 / r.height] }
      pad.addEventListener('pointerdown', function (event) {
        drawing = true
        pad.setPointerCapture(event.pointerId)
        var p = at(event)
        ctx.strokeStyle = '#fff'; ctx.lineWidth = 20; ctx.lineCap = 'round'; ctx.lineJoin = 'round'
        ctx.beginPath(); ctx.moveTo(p[0], p[1]); ctx.lineTo(p[0] + 0.01, p[1]); ctx.stroke()
      })
      pad.addEventListener('pointermove', function (event) {
        if (!drawing) return
        var p = at(event)
        ctx.lineTo(p[0], p[1]); ctx.stroke()
      })
      var end = function () { if (drawing) { drawing = false; go() } }
      pad.addEventListener('pointerup', end)
      pad.addEventListener('pointercancel', end)
      tools.appendChild(el('button', { type: 'button', 'data-testid': 'tryit-clear' }, S.clear)).addEventListener('click', function () { blank(); go() })
    }
    function showPicture(source, w, h) {
      blank()
      var scale = Math.min(280 / w, 280 / h)
      ctx.drawImage(source, (280 - w * scale) / 2, (280 - h * scale) / 2, w * scale, h * scale)
      go()
    }
    function readFile(file) {
      if (!file) return
      var url = URL.createObjectURL(file)
      var img = new Image()
      img.onload = function () { URL.revokeObjectURL(url); showPicture(img, img.naturalWidth, img.naturalHeight) }
      img.onerror = function () { URL.revokeObjectURL(url); say('notImage') }
      img.src = url
    }
    var uploadLabel = tools.appendChild(el('label', { class: 'button' }))
    uploadLabel.appendChild(document.createTextNode(S.upload))
    var file = uploadLabel.appendChild(el('input', { type: 'file', accept: 'image/*', 'data-testid': 'tryit-upload', class: 'hidden-file' }))
    file.addEventListener('change', function () { readFile(file.files[0]) })
    tools.appendChild(el('span', { class: 'hint' }, S.dropHere))
    pad.addEventListener('dragover', function (event) { event.preventDefault() })
    pad.addEventListener('drop', function (event) { event.preventDefault(); readFile(event.dataTransfer.files[0]) })
    var camera = tools.appendChild(el('button', { type: 'button', 'data-testid': 'tryit-webcam' }, S.webcam))
    camera.addEventListener('click', function () {
      if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { say('noWebcam'); return }
      navigator.mediaDevices.getUserMedia({ video: true }).then(function (stream) {
        var video = el('video', { autoplay: '', playsinline: '', muted: '', class: 'video', 'data-testid': 'tryit-video' })
        video.srcObject = stream
        var snap = el('button', { type: 'button', 'data-testid': 'tryit-snap' }, S.snap)
        area.appendChild(video)
        area.appendChild(snap)
        snap.addEventListener('click', function () {
          showPicture(video, video.videoWidth, video.videoHeight)
          stream.getTracks().forEach(function (t) { t.stop() })
          video.remove(); snap.remove()
        })
      }, function () { say('noWebcam') })
    })
    area.appendChild(invertLabel)
    invert.addEventListener('change', go)
    if (autoencoder && spec.examples && spec.examples.length) {
      var examples = area.appendChild(el('div', { class: 'tools' }))
      examples.appendChild(el('span', {}, S.examples))
      spec.examples.forEach(function (values, i) {
        var pick = examples.appendChild(el('button', { type: 'button', 'data-testid': 'tryit-example-' + i }, String(i + 1)))
        pick.addEventListener('click', function () { lastRaw = Float32Array.from(values); feed(lastRaw) })
      })
    }
    if (autoencoder && spec.noise > 0) {
      noiseSeed = number(S.noiseSeed.replace('{sigma}', String(spec.noise)), 'tryit-seed', 1, 1, 0, 1e9, S.noiseHint.replace('{sigma}', String(spec.noise)))
      noiseSeed.addEventListener('change', function () { if (lastRaw) feed(lastRaw) })
    }
  }
  function featureInput(info) {
    var raw = new Float32Array(info.features.length)
    info.features.forEach(function (f, i) {
      raw[i] = f.value
      var wrap = area.appendChild(el('label', { class: 'slider' }))
      wrap.appendChild(el('span', { class: 'slider-name' }, f.name))
      var slider = wrap.appendChild(el('input', { type: 'range', min: String(f.min), max: String(f.max), step: String((f.max - f.min) / 100), value: String(f.value), 'data-testid': 'tryit-slider-' + i }))
      var shown = wrap.appendChild(el('span', { class: 'slider-value' }, f.value.toPrecision(3)))
      slider.addEventListener('input', function () {
        raw[i] = Number(slider.value)
        shown.textContent = raw[i].toPrecision(3)
        run(normalize(raw))
      })
    })
    run(normalize(raw))
  }
  function textInput(info) {
    var wrap = area.appendChild(el('label', { class: 'field' }))
    wrap.appendChild(el('span', {}, S.prompt))
    var box = wrap.appendChild(el('input', { type: 'text', 'data-testid': 'tryit-prompt', autocomplete: 'off' }))
    wrap.appendChild(el('small', {}, S.promptHint))
    var lm = spec.result === 'text'
    var seed = lm ? number(S.seed, 'tryit-seed', 1, 1, 0, 1e9) : null
    var temperature = lm ? number(S.temperature, 'tryit-temperature', 0.8, 0.05, 0.05, 10, S.temperatureHint) : null
    var button = area.appendChild(el('button', { type: 'button', class: 'primary', 'data-testid': 'tryit-run' }, lm ? S.generate : S.classify))
    var index = new Map(info.vocab.map(function (token, id) { return [token, id] }))
    function windowOf(ids) {
      var out = new Int32Array(info.context)
      var take = Math.min(info.context, ids.length)
      for (var i = 0; i < take; i++) out[info.context - take + i] = ids[ids.length - take + i]
      return out
    }
    function decode(ids) {
      var out = ''
      for (var i = 0; i < ids.length; i++) { if (ids[i] === 2) break; if (ids[i] > 2 && ids[i] < info.vocab.length) out += info.vocab[ids[i]] }
      return out
    }
    button.addEventListener('click', function () {
      try {
        var ids = info.start ? [1] : []
        Array.from(box.value).forEach(function (c) { if (index.has(c)) ids.push(index.get(c)) })
        if (ids.length === 0) ids.push(1)
        var promptLength = ids.length
        var first = windowOf(ids)
        var firstValues = predict(first)
        if (!lm) { run(first, { values: firstValues }); return }
        var rng = createRng(Number(seed.value) || 0)
        var t = Math.max(0.05, Number(temperature.value) || 1)
        var probabilities = firstValues
        for (var step = 0; step < 40; step++) {
          if (step > 0) probabilities = predict(windowOf(ids))
          var id = sampleToken(probabilities, t, rng)
          if (id === 2) break
          ids.push(id)
        }
        run(first, { values: firstValues, prompt: decode(ids.slice(0, promptLength)), generated: decode(ids.slice(promptLength)) })
      } catch (error) {
        say('runFailed', String(error && error.message || error))
      }
    })
  }
  function noiseInput(info) {
    var seed = number(S.seed, 'tryit-seed', 1, 1, 0, 1e9)
    var spread = number(S.temperature, 'tryit-temperature', 1, 0.05, 0.05, 10, S.spreadHint)
    var button = area.appendChild(el('button', { type: 'button', class: 'primary', 'data-testid': 'tryit-run' }, S.generate))
    button.addEventListener('click', function () {
      var rng = createRng(Number(seed.value) || 0)
      var t = Number(spread.value) || 1
      var z = new Float32Array(info.size)
      for (var i = 0; i < info.size; i++) z[i] = (info.distribution === 'uniform' ? rng.uniform(-1, 1) : rng.gaussian()) * t
      run(z)
    })
  }

  function seriesInput(info) {
    // As core/tryit/series.ts: a window of numbers (a test window, or typed), drawn with the prediction after it.
    var text
    function windowText(values) { return Array.from(values, function (v) { return String(Number(Number(v).toPrecision(4))) }).join(', ') }
    function predictWindow() {
      var parts = text.value.split(/[\s,;]+/).filter(function (p) { return p !== '' })
      var values = parts.map(Number)
      if (values.some(function (v) { return !isFinite(v) })) { say('seriesNumber'); return }
      if (values.length !== info.length) { say('seriesCount', String(values.length)); return }
      run(normalize(Float32Array.from(values)))
    }
    if (spec.examples && spec.examples.length) {
      var examples = area.appendChild(el('div', { class: 'tools' }))
      examples.appendChild(el('span', {}, S.seriesExamples))
      spec.examples.forEach(function (values, i) {
        var pick = examples.appendChild(el('button', { type: 'button', 'data-testid': 'tryit-example-' + i }, String(i + 1)))
        pick.addEventListener('click', function () { text.value = windowText(values); predictWindow() })
      })
    }
    var wrap = area.appendChild(el('label', { class: 'field' }))
    wrap.appendChild(el('span', {}, S.seriesWindow.replace('{length}', String(info.length))))
    text = wrap.appendChild(el('textarea', { rows: '3', 'data-testid': 'tryit-window' }))
    text.value = spec.examples && spec.examples[0] ? windowText(spec.examples[0]) : ''
    wrap.appendChild(el('small', {}, S.seriesHint))
    var button = area.appendChild(el('button', { type: 'button', class: 'primary', 'data-testid': 'tryit-run' }, S.seriesPredict))
    button.addEventListener('click', predictWindow)
  }
  function seriesChart(points, future, horizon) {
    var NS = 'http://www.w3.org/2000/svg'
    var w = 320, h = 120, pad = 8
    var all = Array.from(points).concat(Array.from(future))
    var lo = Math.min.apply(null, all), hi = Math.max.apply(null, all)
    var lastX = points.length - 1 + horizon + future.length - 1
    var x = function (i) { return pad + (i / Math.max(1, lastX)) * (w - 2 * pad) }
    var y = function (v) { return h - pad - ((v - lo) / (hi - lo || 1)) * (h - 2 * pad) }
    var svg = document.createElementNS(NS, 'svg')
    svg.setAttribute('viewBox', '0 0 ' + w + ' ' + h)
    svg.setAttribute('width', String(w))
    svg.setAttribute('height', String(h))
    var path = document.createElementNS(NS, 'path')
    path.setAttribute('d', Array.from(points, function (v, i) { return (i === 0 ? 'M' : 'L') + x(i).toFixed(1) + ',' + y(v).toFixed(1) }).join(' '))
    path.setAttribute('fill', 'none'); path.setAttribute('stroke', 'currentColor'); path.setAttribute('stroke-width', '1.5')
    svg.appendChild(path)
    Array.from(future).forEach(function (v, k) {
      var dot = document.createElementNS(NS, 'circle')
      dot.setAttribute('cx', String(x(points.length - 1 + horizon + k))); dot.setAttribute('cy', String(y(v))); dot.setAttribute('r', '4')
      dot.setAttribute('fill', 'var(--accent)'); dot.setAttribute('data-testid', 'tryit-series-prediction')
      svg.appendChild(dot)
    })
    return svg
  }
  function diffusionInput(info) {
    // The core's sampler, compiled into diffusion-sampler.js (core/tryit/diffusion-run.ts).
    area.appendChild(el('p', { class: 'hint' }, S.diffusionHelp))
    var seed = number(S.seed, 'tryit-seed', 1, 1, 0, 1e9)
    var wrap = area.appendChild(el('label', { class: 'field' }))
    wrap.appendChild(el('span', {}, S.method))
    var method = wrap.appendChild(el('select', { 'data-testid': 'tryit-method' }))
    method.appendChild(el('option', { value: 'ddim' }, S.ddim))
    method.appendChild(el('option', { value: 'ddpm' }, S.ddpm.replace('{steps}', String(info.schedule.timesteps))))
    var steps = number(S.steps, 'tryit-steps', info.samplingSteps, 1, 1, info.schedule.timesteps, S.stepsHint.replace('{max}', String(info.schedule.timesteps)))
    method.addEventListener('change', function () { steps.parentNode.style.display = method.value === 'ddim' ? '' : 'none' })
    var button = area.appendChild(el('button', { type: 'button', class: 'primary', 'data-testid': 'tryit-run' }, S.generate))
    button.addEventListener('click', function () {
      button.disabled = true
      say('working')
      var request = { seed: Number(seed.value) || 0, method: method.value, steps: Number(steps.value) || info.samplingSteps }
      window.LayerCanvasDiffusion.runDiffusion(tf, spec, model, request).then(function (outcome) {
        button.disabled = false
        run(outcome.input, { values: outcome.output })
      }, function (error) {
        button.disabled = false
        say('runFailed', String(error && error.message || error))
      })
    })
  }

  fill()
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
