/**
 * demo.js, part 3 of 5 (see runtime.ts): showing a prediction (class bars, generated text, a series
 * chart, pictures or plain values) and `run`, which predicts and shows, reporting errors in the
 * status line. Plain ES5-style text inside the page script's closure. Written without backticks or
 * "${": the text is a String.raw literal.
 */
export const DEMO_OUTPUT_SCRIPT = String.raw`  // ── output ──
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

`
