import { createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { loadDataset } from '../core/data/registry'
import type { ProjectDocument } from '../core/document/types'
import { npzByteLength, npzChunks } from '../core/export/data/npz'
import { byteSizeText, trainingArrays } from '../core/export/data/split-arrays'
import { NO_DATASET } from '../core/training/config'
import { nodeDatasetSources } from './dataset-sources'

export type DataWriteResult =
  | { ok: true; file: string; bytes: number; counts: { train: number; validation: number; test: number } }
  | { ok: false; error: string }

/**
 * Writes data.npz (the project's split as the trainer sees it) into `outDir`, chunk by chunk
 * through a temporary name, so a failure never leaves a half-written data.npz. `say` gets the size
 * before anything is written. User-file sources resolve against `projectDir`, as in `train`.
 */
export async function writeDataNpz(
  doc: ProjectDocument,
  projectDir: string,
  outDir: string,
  say: (line: string) => void,
): Promise<DataWriteResult> {
  const config = doc.training
  if (config.dataset.id === NO_DATASET)
    return { ok: false, error: 'the project has no dataset chosen, so there is no data to write' }
  const loaded = await loadDataset(config.dataset, nodeDatasetSources({ baseDir: projectDir }))
  if (!loaded.ok) return { ok: false, error: `dataset "${config.dataset.id}": ${loaded.error}` }
  const { arrays, counts } = trainingArrays(loaded.dataset, config)
  const bytes = npzByteLength(arrays)
  say(
    `Writing data.npz: ${counts.train} train / ${counts.validation} validation / ${counts.test} test samples, ${byteSizeText(bytes)}`,
  )
  const file = join(outDir, 'data.npz')
  const temporary = `${file}.partial`
  try {
    const stream = createWriteStream(temporary)
    const finished = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve)
      stream.on('error', reject)
    })
    for (const chunk of npzChunks(arrays)) {
      // Wait for the disk when the stream's buffer is full: memory stays at a few chunks.
      if (!stream.write(chunk))
        await new Promise<void>((resolve, reject) => {
          stream.once('drain', resolve)
          stream.once('error', reject)
        })
    }
    stream.end()
    await finished
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, { force: true })
    return { ok: false, error: `cannot write ${file}: ${(error as Error).message}` }
  }
  return { ok: true, file, bytes, counts }
}
