import type { Plugin } from 'vite'

/** Emits datasets/mnist.bin and datasets/names.txt into the build and serves them in dev. */
export function datasetAssets(): Plugin
