/** The ports: the small interfaces through which the core reaches the world. */
export type { Power } from './power'
export type { Unsubscribe } from '../../../shared/listeners'
export type { Secrets, StoredSignIn } from './secrets'
export type { AppNotification, Notifier } from './notifier'
export type { ExternalBrowser } from './external-browser'
export type { CalendarOpener } from './calendar-opener'
export type { TrayState, TrayStatus } from './tray-state'
export type { Logger } from './logger'
export type {
  LinkConnection,
  LinkConnectionOptions,
  LinkTransport,
  LinkTransportHandlers,
} from './link-transport'
export type { ApplyResult, CacheStore } from './cache-store'
export { SETTINGS_VERSION, SettingsSchema, type SettingsStore, type SettingsValues } from './settings'
export type { Clock, TimerHandle } from '../../../shared/clock'
export type { Updater, UpdateCheck } from './updater'
