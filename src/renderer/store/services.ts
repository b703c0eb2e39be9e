/** The page's services: the API, the stores over it, and where the page runs. */
import type { FirstFrameData, Surface } from '../../shared/first-frame'
import type { StandbyApi } from '../../shared/ipc/standby-api'
import { createAppStore } from './app-store'
import { createCardCommands } from './card-commands'
import type { Services } from './context'
import { createExpertScope } from './expert-scope'
import { createHistoryStore } from './history-store'
import { createHostClock } from './host-clock'
import { setCurrentTime } from '../logic/format'
import { createNoteDrafts } from './note-drafts'
import { createThreadDrafts } from './thread-drafts'
import { createNoticeStore } from './notices'
import { createNotificationStore } from './notification-store'
import { createUnreadStore } from './unread-store'
import { createRemindersSentStore } from './reminders-sent-store'
import { createUpdateStore } from './update-store'

/**
 * Build the stores over the API: each subscribes to its pushes, then reads everything, so nothing
 * pushed before it existed is missed. With a pre-rendered frame's data they start from it. What
 * they hold for the expert signed in goes when that expert does (expert-scope.ts).
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
  const notifications = createNotificationStore(api, notices, surface)
  const noteDrafts = createNoteDrafts(() => app.getSnapshot().expert?.id ?? null)
  const threadDrafts = createThreadDrafts(app)
  const unread = createUnreadStore()
  const remindersSent = createRemindersSentStore(frame?.remindersSent)
  const cardCommands = createCardCommands()
  const clock = createHostClock(api, undefined, frame?.now, frame?.clock)
  // Which year is the current one, for the days shown outside it, is the platform's, as the rules'.
  setCurrentTime(clock.getSnapshot)
  return {
    api,
    inBrowser,
    notices,
    clock,
    app,
    history,
    notifications,
    updates: createUpdateStore(api),
    noteDrafts,
    threadDrafts,
    unread,
    remindersSent,
    cardCommands,
    expertScope: createExpertScope(app, [
      notices,
      history,
      notifications,
      noteDrafts,
      threadDrafts,
      unread,
      remindersSent,
      cardCommands,
    ]),
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
