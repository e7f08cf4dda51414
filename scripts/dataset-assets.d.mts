export function encodeMnist(images: Uint8Array, labels: Uint8Array, height?: number, width?: number): Buffer
export function readMnist(dir?: string): Promise<{ images: Uint8Array; labels: Uint8Array }>
export function readNames(dir?: string): Promise<string[]>
export function buildDatasetAssets(): Promise<Record<'datasets/mnist.bin' | 'datasets/names.txt', Buffer>>
