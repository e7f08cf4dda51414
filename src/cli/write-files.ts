import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, join, resolve, sep } from 'node:path'

/**
 * Writes export files into `outDir` as safely as a folder allows: everything is written into a
 * temporary sibling folder first; only when all files are complete are they moved into place,
 * one rename each (same file system, so each file appears whole or not at all). Files already
 * in `outDir` with other names are left alone. Paths may contain '/', never '..'.
 */
export async function writeFilesAtomically(outDir: string, files: Record<string, string | Uint8Array>): Promise<string[]> {
  const names = Object.keys(files).sort()
  for (const name of names) {
    const full = resolve(outDir, name)
    if (name === '' || !full.startsWith(resolve(outDir) + sep)) throw new Error(`refusing to write outside the output folder: ${name}`)
  }
  const info = await stat(outDir).catch(() => null)
  if (info && !info.isDirectory()) throw new Error(`${outDir} exists and is not a folder`)
  await mkdir(dirname(resolve(outDir)), { recursive: true })
  const temp = await mkdtemp(join(dirname(resolve(outDir)), `.${basename(outDir)}.tmp-`))
  try {
    for (const name of names) {
      const path = join(temp, name)
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, files[name])
    }
    await mkdir(outDir, { recursive: true })
    for (const name of names) {
      const target = join(outDir, name)
      await mkdir(dirname(target), { recursive: true })
      await rename(join(temp, name), target)
    }
  } finally {
    await rm(temp, { recursive: true, force: true })
  }
  return names
}
