export function woff2Tables(buffer: Uint8Array): Map<string, Uint8Array>
export function woff2CodePoints(buffer: Uint8Array): Set<number>
