/** The whole tree of a page, the same for the page itself and for the host's pre-render. */
import { StrictMode } from 'react'
import type { Surface } from '../shared/first-frame'
import { App } from './App'
import { Popover } from './Popover'
import { ServicesContext, type Services } from './store/context'

/** The full window or the tray popover, over these services. */
export function Root({ services, surface }: { readonly services: Services; readonly surface: Surface }) {
  return (
    <StrictMode>
      <ServicesContext value={services}>{surface === 'popover' ? <Popover /> : <App />}</ServicesContext>
    </StrictMode>
  )
}
