/** The page's services: the API, the stores over it, and where the page runs. */
import type { FirstFrameData, Surface } from '../../shared/first-frame'
import type { StandbyApi } from '../../shared/ipc/standby-api'
import { createAppStore, type AppStore } from './app-store'
import type { Services } from './context'
import { createHistoryStore, type HistoryStore } from './history-store'
import { createHostClock } from './host-clock'
import { createNoticeStore } from './notices'
import { createNotificationStore } from './notification-store'
import { createUpdateStore } from './update-store'

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
  const app = createAppStore(api, notices, frame ?? undefined)
  const history = createHistoryStore(api)
  forgetHistoryOfGoneExpert(app, history)
  return {
    api,
    inBrowser,
    notices,
    clock: createHostClock(api, undefined, frame?.now, frame?.clock),
    app,
    history,
    notifications: createNotificationStore(api, notices, surface),
    updates: createUpdateStore(api),
  }
}

/** Read everything again: after the page's link to the app was lost, the pushes sent meanwhile are gone. */
export async function reloadServices(services: Services): Promise<void> {
  await Promise.all([
    services.app.reload(),
    services.history.refresh(),
    services.clock.refresh(),
    services.notifications.refresh(),
    services.updates.refresh(),
  ])
}

/**
 * The history follows the expert signed in: the rows, filters and search of one who signed out
 * (in this page, the other one, or while this page's link was down) are not shown to the next.
 */
export function forgetHistoryOfGoneExpert(
  app: Pick<AppStore, 'subscribe' | 'getSnapshot'>,
  history: Pick<HistoryStore, 'forget'>,
): void {
  let expertId = app.getSnapshot().expert?.id ?? null
  app.subscribe(() => {
    const now = app.getSnapshot().expert?.id ?? null
    const gone = expertId
    expertId = now
    if (gone !== null && now !== gone) void history.forget(now !== null)
  })
}
