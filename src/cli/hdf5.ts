import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { H5Group, Hdf5Writer } from '../core/export/keras-file'

/**
 * The HDF5 writer for Node: h5wasm's Node build writes to the real disk, so each file goes to
 * a fresh temporary folder, is read back, and the folder is removed. Loaded on first use only
 * (the wasm binary is about 4 MB).
 */
export function nodeHdf5Writer(): Hdf5Writer {
  return {
    async write(fill) {
      const { default: h5wasm } = await import('h5wasm/node')
      await h5wasm.ready
      const dir = await mkdtemp(join(tmpdir(), 'layercanvas-h5-'))
      try {
        const path = join(dir, 'model.weights.h5')
        const file = new h5wasm.File(path, 'w')
        try {
          fill(file as unknown as H5Group)
        } finally {
          file.close()
        }
        return new Uint8Array(await readFile(path))
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    },
  }
}
