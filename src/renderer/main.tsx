/**
 * The renderer's entry, kept tiny: the styles, then the rest of the page (React and the app, in
 * start.tsx) loaded as a second module. When the host pre-rendered the first frame, the page can
 * paint it as soon as HTML and CSS are in, so loading and running React waits until the frame has
 * been handed to the compositor: when React ran first, `npm run bench -- ui` saw the frame painted
 * later (the figure is in src/renderer/README.md).
 */
import './styles/tokens.css'
import './styles/base.css'
import './styles/layout.css'
import './styles/banner.css'
import './styles/components.css'
import './styles/invites.css'
import './styles/sessions.css'
import './styles/lists.css'
import './styles/history-filters.css'
import './styles/narrow.css'
import { fetchFirstFrame, hasFirstFrame } from './first-frame/fetch-first-frame'
import { takeShellSecret } from './shell-secret'

let started = false
const start = (): void => {
  if (started) return
  started = true
  import('./start').catch((error: unknown) =>
    console.error('Standby could not load the rest of its page; rebuild or reinstall the app.', error),
  )
  // The first date or number format of a page loads the locale's data, the longest single step
  // of the start; the main thread would only wait for the rest of the page to arrive meanwhile.
  new Intl.DateTimeFormat().resolvedOptions()
  // In a plain browser the page connects with the shell's secret: taken now for the same reason.
  if (window.standby === undefined) takeShellSecret()
}
if (!hasFirstFrame()) start()
else {
  // The frame's data comes while the frame is painted and React loads.
  void fetchFirstFrame()
  // On 2 cores, running React before the frame is laid out delays the frame; waiting until it is
  // presented (the paint entry) leaves the main thread idle while the compositor rasters it. So
  // start once the frame has been handed to the compositor: a task queued from the animation
  // frame's callback runs right after that frame's commit.
  requestAnimationFrame(() => window.setTimeout(start, 0))
  // A page that is not painted (a hidden window or tab) runs no animation frame: start it anyway.
  window.setTimeout(start, 1_000)
}
