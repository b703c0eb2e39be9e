/**
 * Services for the host's pre-render: stores that hold the frame's data and never change, and an
 * API that answers every call with an error. Rendering reads stores and never calls the API
 * (actions run in event handlers, reads in effects, and neither runs while pre-rendering).
 */
import { type FirstFrame } from '../../shared/first-frame'
import { notCarriedOut } from '../../shared/ipc/call-phrases'
import { buildStandbyApi } from '../../shared/ipc/standby-api'
import { stateOfFrame, type AppStore } from '../store/app-store'
import type { Services } from '../store/context'
import { createCardCommands } from '../store/card-commands'
import { createHistoryStore } from '../store/history-store'
import type { HostClock } from '../store/host-clock'
import { createNoteDrafts } from '../store/note-drafts'
import { createThreadDrafts } from '../store/thread-drafts'
import { createNoticeStore } from '../store/notices'
import type { NotificationStore } from '../store/notification-store'
import { createUnreadStore } from '../store/unread-store'
import { createRemindersSentStore } from '../store/reminders-sent-store'
import { setCurrentTime } from '../logic/format'
import { createValueStore, readableOf } from '../store/value-store'
import type { UpdateState } from '../../shared/update/update-state'

/** Services whose stores hold `frame` for one render. */
export function frameServices(frame: FirstFrame): Services {
  const api = buildStandbyApi({
    invoke: (channel) =>
      Promise.resolve(
        notCarriedOut(channel, 'this pre-rendered page cannot reach Standby; it is replaced in a moment.'),
      ),
    subscribe: () => () => undefined,
  })
  const state = createValueStore(stateOfFrame(frame))
  const app: AppStore = {
    ...readableOf(state),
    ready: Promise.resolve(),
    reload: () => Promise.resolve(),
    refreshLists: () => Promise.resolve(),
    refreshSettings: () => Promise.resolve(),
    setSettings: () => undefined,
    onReread: () => () => undefined,
  }
  const now = createValueStore(frame.now)
  const clock: HostClock = {
    ...readableOf(now),
    offset: readableOf(createValueStore(frame.clock)),
    ready: Promise.resolve(),
    refresh: () => Promise.resolve(),
    stop: () => undefined,
  }
  // The year a day is shown outside of is the frame's platform time, as the page that takes the
  // frame over goes by (store/services.ts): the computer's clock would write years it does not.
  setCurrentTime(clock.getSnapshot)
  // The frame shows no banner for notifications: the live page reads their health at once.
  const notifications: NotificationStore = {
    ...readableOf(createValueStore({ health: { status: 'ok' as const }, focus: null })),
    refresh: () => Promise.resolve(),
    sendTest: () => api.notifications.sendTest(),
    focused: () => undefined,
    forget: () => undefined,
  }
  return {
    api,
    app,
    clock,
    notifications,
    notices: createNoticeStore(),
    history: createHistoryStore(api),
    // The frame shows no updater state: the page reads it once it is alive.
    updates: { ...readableOf(createValueStore<UpdateState | null>(null)), refresh: () => Promise.resolve() },
    noteDrafts: createNoteDrafts(() => app.getSnapshot().expert?.id ?? null),
    threadDrafts: createThreadDrafts(app),
    unread: createUnreadStore(),
    remindersSent: createRemindersSentStore(frame.remindersSent),
    cardCommands: createCardCommands(),
    expertScope: readableOf(createValueStore(0)),
    inBrowser: frame.inBrowser,
  }
}
