/**
 * The renderer's entry: builds the stores (which subscribe to the app's pushes before anything
 * renders, so none is lost), then renders the full window, or the tray popover when the page was
 * opened as `#popover` (Electron's popover window) or `?view=popover` (a plain browser, whose
 * fragment carries the browser shell's secret and is cleared on load).
 */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { standbyApi } from './browser-bridge'
import { Popover } from './Popover'
import { createAppStore } from './store/app-store'
import { ServicesContext, type Services } from './store/context'
import { createHistoryStore } from './store/history-store'
import { createHostClock } from './store/host-clock'
import { createNoticeStore } from './store/notices'
import './styles/tokens.css'
import './styles/base.css'
import './styles/layout.css'
import './styles/banner.css'
import './styles/components.css'
import './styles/invites.css'
import './styles/sessions.css'
import './styles/lists.css'

// Read before the bridge runs: in a plain browser it clears the fragment (it holds the secret).
const popover =
  window.location.hash === '#popover' || new URLSearchParams(window.location.search).get('view') === 'popover'
const api = standbyApi()
const notices = createNoticeStore()
const services: Services = {
  api,
  clock: createHostClock(api),
  notices,
  app: createAppStore(api, notices),
  history: createHistoryStore(api),
}
document.documentElement.classList.toggle('is-popover', popover)

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element')
createRoot(container).render(
  <StrictMode>
    <ServicesContext value={services}>{popover ? <Popover /> : <App />}</ServicesContext>
  </StrictMode>,
)
