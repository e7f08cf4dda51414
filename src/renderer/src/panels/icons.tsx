/** Small stroke icons (24×24 grid), inline so the strict CSP needs no extra sources. */
const PATHS = {
  new: 'M6 3h8l4 4v14H6z M14 3v4h4 M12 11v6 M9 14h6',
  templates: 'M4 4h7v7H4z M13 4h7v7h-7z M4 13h7v7H4z M13 13h7v7h-7z',
  open: 'M3 7h6l2 2h10v10H3z M3 7V5h6l2 2',
  save: 'M5 3h11l3 3v15H5z M8 3v5h7V3 M8 21v-7h8v7',
  undo: 'M9 7L4 12l5 5 M4 12h11a5 5 0 0 1 0 10h-3',
  redo: 'M15 7l5 5-5 5 M20 12H9a5 5 0 0 0 0 10h3',
  layout: 'M10 3h4v4h-4z M4 17h4v4H4z M16 17h4v4h-4z M12 7v5 M6 17v-5h12v5',
  layoutLR: 'M3 10h4v4H3z M17 4h4v4h-4z M17 16h4v4h-4z M7 12h5 M17 6h-5v12h5',
  fit: 'M4 9V4h5 M15 4h5v5 M20 15v5h-5 M9 20H4v-5 M9 9h6v6H9z',
  minimap: 'M3 5h18v14H3z M13 12h6v5h-6z',
  sun: 'M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8z M12 2v2 M12 20v2 M4.9 4.9l1.4 1.4 M17.7 17.7l1.4 1.4 M2 12h2 M20 12h2 M4.9 19.1l1.4-1.4 M17.7 6.3l1.4-1.4',
  moon: 'M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z',
  language: 'M3 5h10 M8 3v2 M5 5c1 4 4 7 7 8 M11 5c-1 4-4 7-7 8 M13 21l4-10 4 10 M14.5 18h5',
  search: 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14z M21 21l-5-5',
  close: 'M6 6l12 12 M18 6L6 18',
  alert: 'M12 3l10 18H2z M12 10v5 M12 18v.01',
  info: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z M12 11v6 M12 7.5v.01',
  export: 'M12 15V3 M7 8l5-5 5 5 M4 14v6h16v-6',
  import: 'M12 3v12 M7 10l5 5 5-5 M4 14v6h16v-6',
  guide: 'M4 6h3 M4 12h3 M4 18h3 M10 6l2 2 4-4 M10 12h10 M10 18h10',
  // Trained weights coming back: an arrow down into a small grid of weights.
  loadWeights: 'M12 2v7 M9 6l3 3 3-3 M4 12h16v9H4z M4 16.5h16 M9.3 12v9 M14.7 12v9',
} as const

export type IconName = keyof typeof PATHS

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  )
}
