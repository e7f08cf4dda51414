import '@xyflow/react/dist/style.css'
import './fonts/fonts.css'
import './styles/theme.css'
import './styles/layout.css'
import './styles/canvas.css'
import './styles/panels.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './i18n'
import { App } from './App'
import { startApp } from './app/startup'
import { createPlatform } from './platform'

startApp(createPlatform())

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
