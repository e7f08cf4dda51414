// The freshness stamp of the pre-built CLI (out/cli/<build>/layercanvas.mjs). scripts/build-cli.mjs
// writes it; bin/layercanvas.mjs reads it on every start and runs the bundle only when it
// describes the files on disk exactly. Plain JavaScript with node:fs only: it runs before the
// TypeScript loader, so it must cost next to nothing (paths are joined with '/', which every
// platform's fs accepts, rather than through node:path).
import { readFileSync, statSync } from 'node:fs'

/** Where the builds and their stamp live, relative to the package root. */
export const BUNDLE_DIR = 'out/cli'
export const BUNDLE_ENTRY = 'layercanvas.mjs'
export const STAMP_FILE = 'stamp.json'
/** Bumped when the stamp's format changes, so an old stamp never passes a new check. */
const STAMP_VERSION = 1

/**
 * What identifies one file or folder's state: size, mtime and ctime in nanoseconds. ctime
 * cannot be set by tools that copy or restore files (only the kernel writes it), so any
 * change since the build — an edit, a `touch`, a checkout, a restore with an old mtime —
 * changes the signature. Folders are included so that a file added beside the inputs (which
 * could change what an import resolves to) makes the stamp stale too.
 */
export function signature(path) {
  const s = statSync(path, { bigint: true })
  return `${s.size}:${s.mtimeNs}:${s.ctimeNs}`
}

/** The stamp of build folder `build`, covering `paths` (relative to `root`): every entry's signature. */
export function makeStamp(root, build, paths) {
  return { version: STAMP_VERSION, build, entries: paths.map((path) => [path, signature(`${root}/${path}`)]) }
}

/** The stamp as written, or null when there is none or it is not one this file can read. */
export function readStamp(root) {
  try {
    const stamp = JSON.parse(readFileSync(`${root}/${BUNDLE_DIR}/${STAMP_FILE}`, 'utf8'))
    const valid =
      stamp?.version === STAMP_VERSION &&
      /^[0-9a-f]{16}$/.test(stamp.build) &&
      Array.isArray(stamp.entries) &&
      stamp.entries.length > 0
    return valid ? stamp : null
  } catch {
    return null
  }
}

/**
 * The bundle's entry file when it may run, else why not. It may run only when the stamp exists
 * and every entry (each output file, each source file the bundle was made from, the folders
 * holding them, the build script and the tsconfig files) has exactly the signature it had at
 * build time. A missing file or any difference means stale.
 */
export function freshBundle(root) {
  const stamp = readStamp(root)
  if (!stamp) return { problem: `there is no readable ${BUNDLE_DIR}/${STAMP_FILE}` }
  for (const [path, expected] of stamp.entries) {
    let actual
    try {
      actual = signature(`${root}/${path}`)
    } catch {
      return { problem: `${path} is gone` }
    }
    if (actual !== expected) return { problem: `${path} changed after the build` }
  }
  return { entry: `${root}/${BUNDLE_DIR}/${stamp.build}/${BUNDLE_ENTRY}` }
}
