/** The whole tree of a page, the same for the page itself and for the host's pre-render. */
import { StrictMode, useLayoutEffect } from 'react'
import type { Surface } from '../shared/first-frame'
import { App } from './App'
import { FollowHostDisplay, useDisplay } from './components/HostDisplay'
import { Popover } from './Popover'
import { ServicesContext, type Services } from './store/context'

/** The full window or the tray popover, over these services; `onCommitted` once it is on screen. */
export function Root({
  services,
  surface,
  onCommitted,
}: {
  readonly services: Services
  readonly surface: Surface
  readonly onCommitted?: () => void
}) {
  // In the commit itself, not after the paint that follows it: a click is handled from here on.
  useLayoutEffect(() => onCommitted?.(), [onCommitted])
  // A new zone redraws the tree; the times inside memoised cards follow it on their own (Time.tsx).
  useDisplay()
  return (
    <StrictMode>
      <ServicesContext value={services}>
        <FollowHostDisplay />
        {surface === 'popover' ? <Popover /> : <App />}
      </ServicesContext>
    </StrictMode>
  )
}
