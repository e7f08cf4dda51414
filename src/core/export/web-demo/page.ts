import { htmlText, mdText } from '../escape'
import type { TryItSpec } from '../../tryit/spec'

/**
 * The page's Content-Security-Policy: nothing but its own files. Scripts only from the folder
 * (no inline script: an injected <script> or onerror= attribute does not run), styles only from
 * demo.css, pictures from the folder or a chosen file (blob:), the webcam's stream, and no
 * network at all (connect-src falls back to 'none'). blob: scripts only when the model needs
 * LayerCanvas' own layers: layercanvas-layers.js is an ES module, and a page opened from
 * file:// can import it only from a blob: URL. tfjs' CPU backend needs no eval.
 */
export function demoCsp(customLayers: boolean): string {
  return [
    "default-src 'none'",
    `script-src 'self'${customLayers ? ' blob:' : ''}`,
    "style-src 'self'",
    "img-src 'self' blob: data:",
    "media-src 'self' blob: mediastream:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
}

/**
 * Runs before tf.min.js. Its bundled regenerator runtime assigns the global regeneratorRuntime,
 * which in strict code works only when that global exists; otherwise it falls back to
 * Function("r", …), an eval that the page's Content-Security-Policy refuses, and tfjs fails to load.
 */
export const TF_SETUP_FILE = 'tf-setup.js'
export const TF_SETUP_JS = [
  "// Lets tf.min.js set up its regenerator runtime without eval (refused by the page's Content-Security-Policy).",
  'window.regeneratorRuntime = window.regeneratorRuntime || undefined',
  '',
].join('\n')

/** Diffusion demos: the core's sampler as a classic script (core/tryit/diffusion-run.ts, compiled). */
export const DEMO_SAMPLER_FILE = 'diffusion-sampler.js'

/**
 * The web demo's static files besides the model: index.html (the page; every user string
 * through htmlText), demo.css and the folder's README.md. The page loads only files next to
 * it, with classic <script> elements, so it works from file:// as from any static server.
 */
export function indexHtml(spec: TryItSpec, options: { customLayers: boolean }): string {
  const title = htmlText(spec.name)
  const sampler = spec.input.kind === 'diffusion' ? `<script src="${DEMO_SAMPLER_FILE}"></script>\n` : ''
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${demoCsp(options.customLayers)}">
<title>${title}</title>
<link rel="stylesheet" href="demo.css">
</head>
<body>
<main>
<h1 data-testid="demo-title">${title}</h1>
<p class="intro" data-i18n="intro"></p>
<section id="input" class="panel" data-testid="tryit-input" data-kind="${htmlText(spec.input.kind)}"></section>
<section id="output" class="panel" data-testid="tryit-output" aria-live="polite"></section>
<p id="status" class="status" data-testid="tryit-status"></p>
<footer data-i18n="footer"></footer>
</main>
<script src="${TF_SETUP_FILE}"></script>
<script src="tf.min.js"></script>
<script src="model.js"></script>
${sampler}<script src="demo.js"></script>
</body>
</html>
`
}

export const DEMO_CSS = `:root { color-scheme: light dark; --accent: #3b6fd8; --muted: #888; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
main { max-width: 720px; margin: 0 auto; padding: 24px 16px; }
h1 { font-size: 1.5em; margin: 0 0 4px; word-break: break-word; }
h2 { font-size: 1em; margin: 0 0 8px; }
.intro, .hint, small, footer { color: var(--muted); }
.panel { border: 1px solid rgba(128, 128, 128, 0.35); border-radius: 8px; padding: 16px; margin: 16px 0; }
.pad { width: 280px; max-width: 100%; aspect-ratio: 1; touch-action: none; cursor: crosshair; border-radius: 4px; display: block; }
.tools { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
button, .button { font: inherit; padding: 6px 14px; border-radius: 6px; border: 1px solid rgba(128, 128, 128, 0.5); background: transparent; color: inherit; cursor: pointer; }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; margin-top: 8px; }
.hidden-file { display: none; }
.field { display: flex; flex-direction: column; gap: 2px; margin-bottom: 8px; }
.field input { font: inherit; padding: 4px 8px; max-width: 320px; }
.field textarea { font: inherit; font-variant-numeric: tabular-nums; width: 100%; max-width: 420px; }
.slider { display: grid; grid-template-columns: 160px 1fr 64px; gap: 8px; align-items: center; }
.slider-value, .bar-value { font-variant-numeric: tabular-nums; text-align: right; }
.bar-row { display: grid; grid-template-columns: minmax(60px, 160px) 1fr 64px; gap: 8px; align-items: center; margin: 2px 0; }
.bar-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.bar-track { height: 14px; background: rgba(128, 128, 128, 0.15); border-radius: 3px; overflow: hidden; }
.bar { display: block; height: 100%; background: var(--muted); }
.best .bar { background: var(--accent); }
.best .bar-name { font-weight: 600; }
.pictures { display: flex; gap: 16px; flex-wrap: wrap; }
.pictures figure { margin: 0; }
.picture { width: 168px; image-rendering: pixelated; border-radius: 4px; }
.generated { font-size: 1.4em; }
.video { width: 280px; max-width: 100%; display: block; margin: 8px 0; }
.status { min-height: 1.5em; }
`

/** The folder's README: what is in it and how to put it on a static host. */
export function demoReadme(spec: TryItSpec, files: string[], weightsNote: string): string {
  return `# ${mdText(spec.name)} — web demo

A page that runs this LayerCanvas model in the browser, with ${weightsNote}. No build step, no
server code and no network access: everything it needs is in this folder.

## Open it

- **On this computer:** double-click \`index.html\` (it works from \`file://\`, offline).
- **From any static web server:** e.g. \`python3 -m http.server\` in this folder, then open
  http://localhost:8000/.

## Put it online

Upload the whole folder, unchanged, to any static host: GitHub Pages (push the files to a
repository and enable Pages), Netlify or Cloudflare Pages (drag the folder onto their deploy
page), or any web server's document folder. Nothing runs on the server; the model runs on the
visitor's device. The page follows the browser's language (English or 中文).

## Files

${files.map((name) => `- \`${name}\`${FILE_NOTES[name] ? `: ${FILE_NOTES[name]}` : ''}`).join('\n')}
`
}

const FILE_NOTES: Record<string, string> = {
  'index.html': 'the page',
  'demo.js': 'the page script (plain JavaScript): the input, preprocessing and output',
  'demo.css': 'its style',
  'model.js':
    'the model (topology and weights), the preprocessing, the class names and the texts, as a script (pages opened from file:// cannot fetch files)',
  'tryit.json': 'the preprocessing (normalisation), the class names and the input description, as JSON',
  'model.json':
    "the same model in TensorFlow.js' LayersModel format (with weights.bin), for tf.loadLayersModel elsewhere",
  'weights.bin': 'its weights',
  'metadata.json': "inputs, outputs, class names and normalisation (LayerCanvas' tfjs export)",
  'layercanvas-layers.js': "LayerCanvas' own layers for TensorFlow.js (registered before loading)",
  'tf.min.js': 'TensorFlow.js 4.22.0',
  [TF_SETUP_FILE]: "prepares the page for tf.min.js under the page's Content-Security-Policy (no eval)",
  [DEMO_SAMPLER_FILE]: "LayerCanvas' diffusion sampler (DDPM and DDIM), the same code the app samples with",
  'LICENSE-tfjs.txt': "TensorFlow.js' licence (Apache-2.0)",
}
