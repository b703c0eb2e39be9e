/** The renderer's entry: starts the first requests, then renders the app. */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { standbyApi } from './browser-bridge'
import { createStatusStore } from './status-store'
import './styles.css'

// Both start before React renders: the main process pushes the status as soon as the page has
// loaded, which can be before any effect would have subscribed.
const api = standbyApi()
const status = createStatusStore(api)
const info = api.app.getInfo()

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element')
createRoot(container).render(
  <StrictMode>
    <App info={info} status={status} />
  </StrictMode>,
)
