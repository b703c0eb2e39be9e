/** The page's services: the API, the stores over it, and where the page runs. */
import type { FirstFrameData, Surface } from '../../shared/first-frame'
import type { StandbyApi } from '../../shared/ipc/standby-api'
import { createAppStore } from './app-store'
import type { Services } from './context'
import { createHistoryStore } from './history-store'
import { createHostClock } from './host-clock'
import { createNoticeStore } from './notices'
import { createShownItemStore } from './shown-item'

/**
 * Build the stores over the API: each subscribes to its pushes, then reads everything, so nothing
 * pushed before it existed is missed. With a pre-rendered frame's data they start from it.
 */
export function createServices(
  api: StandbyApi,
  inBrowser: boolean,
  frame: FirstFrameData | null,
  surface: Surface = 'window',
): Services {
  const notices = createNoticeStore()
  return {
    api,
    inBrowser,
    notices,
    clock: createHostClock(api, undefined, frame?.now, frame?.clock),
    app: createAppStore(api, notices, frame ?? undefined),
    history: createHistoryStore(api),
    shown: createShownItemStore(api, { takesKept: surface === 'window' }),
  }
}

/** Read everything again: after the page's link to the app was lost, the pushes sent meanwhile are gone. */
export async function reloadServices(services: Services): Promise<void> {
  await Promise.all([services.app.reload(), services.history.refresh(), services.clock.refresh()])
}
