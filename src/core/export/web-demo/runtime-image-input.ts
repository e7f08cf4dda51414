/**
 * demo.js, part 4 of 5 (see runtime.ts): the input area's number field, and the image input (a
 * drawing pad, uploads, drag and drop, the webcam; an autoencoder's examples and noise seed), read
 * into pixels the way the app does (renderer/src/tryit/pixels.ts). Plain ES5-style text inside the
 * page script's closure. Written without backticks or "${": the text is a String.raw literal.
 */
export const DEMO_IMAGE_INPUT_SCRIPT = String.raw`  // ── inputs ──
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
`
