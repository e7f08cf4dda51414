import * as fs from 'node:fs/promises'
import { basename, dirname, join, resolve, sep } from 'node:path'
import { keepOwnerAndMode, writeFileAtomic } from '../node/atomic-write'
import { removeStaleTemps, tempNameFor, withTempInUse } from '../node/temp-files'

/**
 * Writes one project file exactly as the desktop app saves one (the same module): atomic
 * replace, the replaced file's permissions kept, its previous content kept as `<file>.bak`
 * (unless `keepBackup: false`). Missing parent folders are created. `data` may be the parts of
 * an encoded project (save-project.ts), streamed one after another.
 */
export async function writeProjectFile(
  path: string,
  data: string | Uint8Array | readonly Uint8Array[],
  options: { keepBackup?: boolean } = {},
): Promise<void> {
  await fs.mkdir(dirname(resolve(path)), { recursive: true })
  await writeFileAtomic(fs, path, data, { keepBackup: options.keepBackup })
}

/**
 * Writes export files into `outDir` as safely as a folder allows: everything is written into a
 * temporary sibling folder first (`.<outDir name>.<hex>.tmp`); only when all files are complete
 * are they moved into place, one rename each (same file system, so each file appears whole or
 * not at all). A file that is replaced keeps its permissions; an entry in `outDir` that is a
 * symbolic link is replaced, never written through (it could point outside the folder). Files
 * already in `outDir` with other names are left alone. Paths may contain '/', never '..'. A temp
 * folder left by an interrupted earlier run is removed (src/node/temp-files.ts).
 */
export async function writeFilesAtomically(
  outDir: string,
  files: Record<string, string | Uint8Array>,
): Promise<string[]> {
  const names = Object.keys(files).sort()
  const root = resolve(outDir)
  for (const name of names) {
    const full = resolve(root, name)
    if (name === '' || !full.startsWith(root + sep))
      throw new Error(`refusing to write outside the output folder: ${name}`)
  }
  const info = await fs.stat(root).catch(() => null)
  if (info && !info.isDirectory()) throw new Error(`${outDir} exists and is not a folder`)
  const parent = dirname(root)
  await fs.mkdir(parent, { recursive: true })
  await removeStaleTemps(fs, parent, { names: [basename(root)], kind: 'folder', startedAt: Date.now() })
  const temp = join(parent, tempNameFor(basename(root)))
  await withTempInUse(temp, async () => {
    await fs.mkdir(temp)
    try {
      for (const name of names) {
        const path = join(temp, name)
        await fs.mkdir(dirname(path), { recursive: true })
        await fs.writeFile(path, files[name]!, { flag: 'wx' })
      }
      await fs.mkdir(root, { recursive: true })
      for (const name of names) {
        const target = join(root, name)
        await fs.mkdir(dirname(target), { recursive: true })
        const previous = await fs.lstat(target).catch(() => null)
        if (previous?.isFile()) await keepAttributesOf(previous, join(temp, name))
        await fs.rename(join(temp, name), target)
      }
    } finally {
      await fs.rm(temp, { recursive: true, force: true })
    }
  })
  return names
}

async function keepAttributesOf(previous: Parameters<typeof keepOwnerAndMode>[1], staged: string): Promise<void> {
  const handle = await fs.open(staged, 'r+')
  try {
    await keepOwnerAndMode(handle, previous)
  } finally {
    await handle.close()
  }
}
