import type { OpenedFile, Platform, SaveRequest, SavedFile } from './types'

/**
 * The browser host: files come from a picker and leave as downloads; there is no native menu.
 * The browser never reveals file paths, so `path` stays undefined and every save downloads.
 */
const EXTENSION = '.layercanvas.json'

function pickWithInput(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.json,.layercanvas.json,application/json'
    input.style.display = 'none'
    const finish = (file: File | null) => {
      input.remove()
      resolve(file)
    }
    input.addEventListener('change', () => finish(input.files?.[0] ?? null), { once: true })
    input.addEventListener('cancel', () => finish(null), { once: true })
    document.body.appendChild(input)
    input.click()
  })
}

function fileName(suggested: string): string {
  const base = suggested.trim() || 'project'
  if (base.endsWith(EXTENSION)) return base
  return base.replace(/\.json$/i, '') + EXTENSION
}

export function createWebPlatform(): Platform {
  return {
    kind: 'web',
    async openProjectFile(): Promise<OpenedFile | null> {
      // A plain <input type=file> rather than showOpenFilePicker: it works in every browser
      // and end-to-end tests can drive it (Playwright's file chooser).
      const file = await pickWithInput()
      if (!file) return null
      return { name: file.name, text: await file.text() }
    },
    async saveProjectFile(request: SaveRequest): Promise<SavedFile | null> {
      const name = fileName(request.suggestedName)
      const url = URL.createObjectURL(new Blob([request.text], { type: 'application/json' }))
      const link = document.createElement('a')
      link.href = url
      link.download = name
      link.style.display = 'none'
      document.body.appendChild(link)
      link.click()
      link.remove()
      // Revoke later: some browsers start the download asynchronously.
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
      return { name }
    },
    onMenuCommand: () => () => undefined,
    setWindowState({ title }) {
      document.title = title
    },
    setUiPreferences() {
      // The browser has no native chrome to update.
    },
  }
}
