import { ReactFlowProvider } from '@xyflow/react'
import { Canvas } from './canvas/Canvas'
import { Diagnostics } from './panels/Diagnostics'
import { Inspector } from './panels/Inspector'
import { Banner, ConfirmDialog, Toast } from './panels/Overlays'
import { Palette } from './panels/Palette'
import { StatusBar } from './panels/StatusBar'
import { TemplateGallery } from './panels/TemplateGallery'
import { Toolbar } from './panels/Toolbar'

/** The editor window: toolbar, palette | canvas + problems | inspector, status bar. */
export function App() {
  return (
    <ReactFlowProvider>
      <div className="app">
        <Toolbar />
        <div className="workspace">
          <Palette />
          <main className="centre">
            <Banner />
            <Canvas />
            <Diagnostics />
          </main>
          <Inspector />
        </div>
        <StatusBar />
      </div>
      <TemplateGallery />
      <ConfirmDialog />
      <Toast />
    </ReactFlowProvider>
  )
}
