/**
 * The HDF5 side of the `.keras` export (keras-file.ts): the small part of h5wasm it uses, and a
 * writer over h5wasm's in-memory file system. The writer is passed in, so core stays pure.
 */

/** The part of h5wasm's Group API the writer uses. */
export interface H5Group {
  create_group(name: string): H5Group
  create_dataset(args: { name: string; data: Float32Array; shape: number[]; dtype: string }): unknown
}

/** Writes one HDF5 file: `fill` gets the root group; the bytes of the closed file come back. */
export interface Hdf5Writer {
  write(fill: (root: H5Group) => void): Promise<Uint8Array>
}

/** The part of an h5wasm module (its ESM build, with the in-memory Emscripten FS) the writer needs. */
export interface H5wasmModule {
  ready: Promise<{ FS: { readFile(path: string): Uint8Array; unlink(path: string): void } | null | undefined }>
  File: new (filename: string, mode: 'w') => H5Group & { close(): unknown }
}

let memoryFileCount = 0

/**
 * An Hdf5Writer over h5wasm's ESM build (browser, worker, or Node), writing into its in-memory
 * file system and reading the bytes back. (h5wasm/node writes to the real disk: see src/cli.)
 */
export function h5wasmMemoryWriter(h5wasm: H5wasmModule): Hdf5Writer {
  return {
    async write(fill) {
      const module = await h5wasm.ready
      const fs = module.FS
      if (!fs) throw new Error('this h5wasm build has no file system to write into')
      const path = `layercanvas-${Date.now()}-${memoryFileCount++}.h5`
      const file = new h5wasm.File(path, 'w')
      try {
        fill(file)
      } finally {
        file.close()
      }
      try {
        return fs.readFile(path).slice()
      } finally {
        fs.unlink(path)
      }
    },
  }
}
