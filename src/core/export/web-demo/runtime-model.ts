/**
 * demo.js, part 2 of 5 (see runtime.ts): the seeded generator and temperature sampling (the same
 * as core/data/random.ts and core/tryit), loading the model with tfjs' CPU backend, predicting, and
 * the normalisation of the inputs. Plain ES5-style text inside the page script's closure: it uses
 * its `spec`, `DEMO` and `model`. Written without backticks or "${": the text is a String.raw literal.
 */
export const DEMO_MODEL_SCRIPT = String.raw`  // ── the same seeded generator as the app (core/data/random.ts) ──
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

`
