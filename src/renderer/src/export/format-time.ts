/** "12 May 2025, 14:03" in the UI language (for trained-weights and draft times). */
export function formatTime(value: string | number, lang: string): string {
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return String(value)
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}
