/**
 * demo.js, part 5 of 5 (see runtime.ts): the other inputs — feature sliders, a text prompt (with
 * token windows and sampling for language models), a noise seed, a series window and its chart,
 * and the diffusion sampler's controls. Plain ES5-style text inside the page script's closure.
 * Written without backticks or "${": the text is a String.raw literal.
 */
export const DEMO_OTHER_INPUTS_SCRIPT = String.raw`  function featureInput(info) {
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

`
