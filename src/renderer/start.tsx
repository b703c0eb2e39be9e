/**
 * Starts the page: builds the services (their stores subscribe to the app's pushes and then read
 * everything, so a push that came before is covered by the read), then shows the full window, or
 * the tray popover when the page was opened as `?view=popover`.
 *
 * When the host pre-rendered the first frame (src/shared/first-frame.ts), React hydrates that
 * markup from the same data instead of rendering from nothing.
 */
import { createRoot, hydrateRoot, type Root as ReactRoot } from 'react-dom/client'
import { surfaceOf, type FirstFrame } from '../shared/first-frame'
import { onShellKeyRefused, onShellReconnected, runsInBrowser, standbyApi } from './browser-bridge'
import { fetchFirstFrame } from './first-frame/fetch-first-frame'
import { markLive, notePrerenderedFrame } from './first-paint'
import { currentDisplay } from './logic/format'
import { MissingShellKey } from './components/MissingShellKey'
import { Root } from './Root'
import { takeShellSecret } from './shell-secret'
import { createServices, reloadServices } from './store/services'
const surface = surfaceOf(window.location.search)
// A browser tab without this run's key would be refused by the shell on every attempt: it says so
// once, plainly, instead of trying again and again behind an empty window.
const keyMissing = window.standby === undefined && takeShellSecret() === null
const api = keyMissing ? undefined : standbyApi()
/** The page's React root, once shown; the key's page replaces it. */
let root: ReactRoot | undefined
let keyRefused = false
if (api === undefined) showKeyMissing('missing')
else {
  // A tab left open from an earlier run of the shell holds that run's key.
  onShellKeyRefused(() => {
    keyRefused = true
    showKeyMissing('refused')
  })
  void fetchFirstFrame().then(startPage)
}

function showKeyMissing(why: 'missing' | 'refused'): void {
  const container = document.getElementById('root')
  if (!container) throw new Error('index.html has no #root element')
  root?.unmount()
  container.removeAttribute('inert')
  root = createRoot(container)
  root.render(<MissingShellKey why={why} />)
  document.documentElement.dataset['firstFrame'] = 'none'
}

/** Build the services and show the page, from the host's frame when there is one. */
function startPage(frame: FirstFrame | null): void {
  if (api === undefined || keyRefused) return
  // The frame's data is current either way; its markup is reused only if this page would write
  // exactly the same (same surface, host kind, locale and time zone), else React replaces it.
  const services = createServices(api, runsInBrowser(), frame?.surface === surface ? frame : null, surface)
  onShellReconnected(() => void reloadServices(services))
  document.documentElement.classList.toggle('is-popover', surface === 'popover')

  const container = document.getElementById('root')
  if (!container) throw new Error('index.html has no #root element')
  // The host sends its frame inert; it comes alive once React has it (hydrated or redrawn).
  const commit = (): void => {
    container.removeAttribute('inert')
    markLive()
  }
  const tree = <Root services={services} surface={surface} onCommitted={commit} />
  // What became of the host's frame, on <html data-first-frame>: for tests and for a look in DevTools.
  let fate: 'hydrated' | 'redrawn' | 'none' = 'none'
  if (frame !== null && rendersTheSame(frame) && container.hasChildNodes()) {
    fate = 'hydrated'
    notePrerenderedFrame()
    root = hydrateRoot(container, tree, {
      onRecoverableError: (error) => {
        document.documentElement.dataset['firstFrame'] = 'redrawn'
        console.warn('Standby: the pre-rendered first frame differed from the page; React redrew it.', error)
      },
    })
  } else {
    if (container.hasChildNodes()) fate = 'redrawn'
    root = createRoot(container)
    root.render(tree)
  }
  document.documentElement.dataset['firstFrame'] = fate
}

function rendersTheSame(frame: FirstFrame): boolean {
  const display = currentDisplay()
  return (
    frame.surface === surface &&
    frame.inBrowser === runsInBrowser() &&
    frame.locale === display.locale &&
    frame.timeZone === display.timeZone
  )
}
