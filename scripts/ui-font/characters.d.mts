export const CJK_RANGES: [number, number][]
export function uiCharacters(root: string): string
