import { ReactFlowProvider } from '@xyflow/react'
import { Canvas } from './canvas/Canvas'
import { ExportDialog } from './export/ExportDialog'
import { GuideBar } from './guide/GuideBar'
import { ImportDialog } from './export/ImportDialog'
import { ActivationsPanel } from './inspect/ActivationsPanel'
import { PlanePanel } from './playground/PlanePanel'
import { Diagnostics } from './panels/Diagnostics'
import { Inspector } from './panels/Inspector'
import { Banner, ConfirmDialog, Toast } from './panels/Overlays'
import { Palette } from './panels/Palette'
import { StatusBar } from './panels/StatusBar'
import { TemplateGallery } from './panels/TemplateGallery'
import { RestoreDialog } from './recovery/RestoreDialog'
import { Toolbar } from './panels/Toolbar'
import { TrainingDock } from './training/TrainingDock'

/** The editor window: toolbar, palette | canvas + problems + training dock | inspector, status bar. */
export function App() {
  return (
    <ReactFlowProvider>
      <div className="app">
        <Toolbar />
        <GuideBar />
        <div className="workspace">
          <Palette />
          <main className="centre">
            <Banner />
            <Canvas />
            <ActivationsPanel />
            <PlanePanel />
            <Diagnostics />
            <TrainingDock />
          </main>
          <Inspector />
        </div>
        <StatusBar />
      </div>
      <TemplateGallery />
      <ExportDialog />
      <ImportDialog />
      <RestoreDialog />
      <ConfirmDialog />
      <Toast />
    </ReactFlowProvider>
  )
}
