import { readFileSync } from 'node:fs'
import semver from 'semver'
import { describe, expect, it } from 'vitest'

/**
 * The Node versions the README promises, checked against every package npm installs: a clean
 * `npm install` prints an EBADENGINE warning for any package whose `engines.node` rejects the
 * running Node. Optional platform packages (another OS's binaries) are not installed here.
 */
const DESKTOP_OLDEST = ['22.13.0', '24.0.0'] // the README: the desktop app, no engine warnings
const TOOLS_OLDEST = '20.19.0' // the README: browser build, CLI and tests; only Electron's chain warns
const ELECTRON_CHAIN = ['electron', '@electron/get', '@electron-internal/extract-zip']

interface LockPackage {
  engines?: { node?: string }
  optional?: boolean
}
const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
  packages: Record<string, LockPackage>
}
const installed = Object.entries(lock.packages)
  .filter(([path, pkg]) => path !== '' && !pkg.optional && pkg.engines?.node)
  .map(([path, pkg]) => ({ name: path.replace(/^.*node_modules\//, ''), range: pkg.engines!.node! }))

const rejecting = (version: string) =>
  installed.filter(({ range }) => !semver.satisfies(version, range)).map(({ name, range }) => `${name} (${range})`)

describe('Node versions the README promises', () => {
  it.each(DESKTOP_OLDEST)('Node %s: every installed package accepts it (no EBADENGINE)', (version) => {
    expect(rejecting(version)).toEqual([])
  })

  it(`Node ${TOOLS_OLDEST}: only Electron and its download helpers ask for more`, () => {
    expect(
      rejecting(TOOLS_OLDEST)
        .map((entry) => entry.split(' ')[0])
        .sort(),
    ).toEqual([...ELECTRON_CHAIN].sort())
  })

  it('package.json states the oldest Node the command line and tests run on', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      engines: { node: string }
    }
    expect(semver.minVersion(pkg.engines.node)?.version).toBe(TOOLS_OLDEST)
  })
})
