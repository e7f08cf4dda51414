import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { openRecentProject } from '../app/files'
import { getPlatform } from '../app/platform-ref'
import { uiStore } from '../app/ui-store'
import '../export/export.css'
import '../export/strings'
import type { RecentFile } from '../platform/types'

/** The desktop app's recent projects, listed in the template gallery (the browser has none). */
export function RecentFiles() {
  const { t } = useTranslation()
  const [files, setFiles] = useState<RecentFile[] | null>(null)
  const desktop = getPlatform().kind === 'electron'
  useEffect(() => {
    if (!desktop) return
    let live = true
    getPlatform()
      .listRecentFiles()
      .then((list) => live && setFiles(list))
      .catch(() => live && setFiles([]))
    return () => {
      live = false
    }
  }, [desktop])
  if (!desktop || files === null) return null
  const open = (path: string) => {
    uiStore.setState({ templatesOpen: false })
    void openRecentProject(path)
  }
  return (
    <section className="recent-files" aria-labelledby="recent-title" data-testid="recent-files">
      <h3 id="recent-title">{t('recovery.recent')}</h3>
      {files.length === 0 ? (
        <p className="panel-empty">{t('recovery.noRecent')}</p>
      ) : (
        <ul>
          {files.map((file) => (
            <li key={file.path}>
              <button type="button" className="recent-file" title={file.path} onClick={() => open(file.path)}>
                <span className="recent-name">{file.name}</span>
                <span className="recent-path">{file.path}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
