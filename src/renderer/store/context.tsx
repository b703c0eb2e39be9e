/** Hands the API and the stores to components, and the hooks that read them. */
import { createContext, use, useSyncExternalStore } from 'react'
import type { PlatformClockState } from '../../shared/clock-skew'
import type { StandbyApi } from '../../shared/ipc/standby-api'
import type { AppState, AppStore } from './app-store'
import type { CardCommands } from './card-commands'
import type { HistoryStore, HistoryState } from './history-store'
import type { HostClock } from './host-clock'
import type { NoteDrafts } from './note-drafts'
import type { ThreadDrafts } from './thread-drafts'
import type { Notice, NoticeStore } from './notices'
import type { NotificationState, NotificationStore } from './notification-store'
import type { UnreadStore } from './unread-store'
import type { RemindersSentStore } from './reminders-sent-store'
import type { ReadableStore } from './value-store'
import type { UpdateStore } from './update-store'
import type { UpdateState } from '../../shared/update/update-state'

/**
 * What start.tsx builds before the first render. Every hook passes the store's initial value as
 * the server snapshot: the host's pre-render drew that value, so hydration must draw it too.
 */
export interface Services {
  readonly api: StandbyApi
  readonly app: AppStore
  readonly clock: HostClock
  readonly notices: NoticeStore
  readonly history: HistoryStore
  /** The notifications' health, and which invite a notification asked to focus. */
  readonly notifications: NotificationStore
  readonly updates: UpdateStore
  /** Private notes typed and not saved yet. */
  readonly noteDrafts: NoteDrafts
  /** The sessions' threads as their cards left them: open or not, and the reply not sent. */
  readonly threadDrafts: ThreadDrafts
  /** The threads' unread counts, shared by every row. */
  readonly unread: UnreadStore
  /** The upcoming sessions' reminders already sent, shared by every card. */
  readonly remindersSent: RemindersSentStore
  /** The command of each card on its way. */
  readonly cardCommands: CardCommands
  /** Moves on each time the expert signed in is gone (expert-scope.ts). */
  readonly expertScope: ReadableStore<number>
  /** True in an ordinary browser (the browser shell), false in Electron's windows. */
  readonly inBrowser: boolean
}

/** The services; provided once at the root. */
export const ServicesContext = createContext<Services | null>(null)

/** The services, or an error that says the provider is missing. */
export function useServices(): Services {
  const services = use(ServicesContext)
  if (services === null) throw new Error('useServices needs <ServicesContext> at the root')
  return services
}

/** window.standby, for actions. */
export function useApi(): StandbyApi {
  return useServices().api
}

/** The app's data. */
export function useAppState(): AppState {
  const { app } = useServices()
  return useSyncExternalStore(app.subscribe, app.getSnapshot, app.getServerSnapshot)
}

/** The host's time; re-renders the caller once a second, so call it in small leaf components. */
export function useNow(): number {
  const { clock } = useServices()
  return useSyncExternalStore(clock.subscribe, clock.getSnapshot, clock.getServerSnapshot)
}

/** How far the computer's clock is off the platform's, as the host last measured it. */
export function useClockOffset(): PlatformClockState {
  const { offset } = useServices().clock
  return useSyncExternalStore(offset.subscribe, offset.getSnapshot, offset.getServerSnapshot)
}

/** The notices on screen. */
export function useNotices(): ReadonlyArray<Notice> {
  const { notices } = useServices()
  return useSyncExternalStore(notices.subscribe, notices.getSnapshot, notices.getServerSnapshot)
}

/** The history list's rows. */
export function useHistory(): HistoryState {
  const { history } = useServices()
  return useSyncExternalStore(history.subscribe, history.getSnapshot, history.getServerSnapshot)
}

/** Whether notifications reach the expert, and the invite a notification asked to focus. */
export function useNotifications(): NotificationState {
  const { notifications } = useServices()
  return useSyncExternalStore(
    notifications.subscribe,
    notifications.getSnapshot,
    notifications.getServerSnapshot,
  )
}

/** The page's expert scope: a new number once the expert signed in is gone. */
export function useExpertScope(): number {
  const { expertScope } = useServices()
  return useSyncExternalStore(expertScope.subscribe, expertScope.getSnapshot, expertScope.getServerSnapshot)
}

/** The updater's state; null until the host has answered. */
export function useUpdateState(): UpdateState | null {
  const { updates } = useServices()
  return useSyncExternalStore(updates.subscribe, updates.getSnapshot, updates.getServerSnapshot)
}
