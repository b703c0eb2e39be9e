/** What the core needs from its host: the ports each host (Electron, the browser shell) fills in. */
import type { LinkDeps } from './connection/link-deps'
import type { AutoAwaySettings } from './presence/auto-away'
import type { CacheStore } from './ports/cache-store'
import type { ExternalBrowser } from './ports/external-browser'
import type { Notifier } from './ports/notifier'
import type { Secrets } from './ports/secrets'
import type { TrayState } from './ports/tray-state'

/** Everything the core needs from its host; the link's own needs are named as the link names them. */
export interface StandbyCoreDeps extends Pick<
  LinkDeps,
  'transport' | 'clock' | 'power' | 'log' | 'random' | 'timings' | 'linkClock' | 'namesFound'
> {
  readonly secrets: Secrets
  readonly notifier: Notifier
  /** Where session rooms open; only pages of the platform signed in to reach it. */
  readonly browser: ExternalBrowser
  readonly tray: TrayState
  readonly cache: CacheStore
  readonly fetch?: typeof fetch
  /** How the tray writes times; defaults to the OS locale's short time. */
  readonly formatTime?: (t: number) => string
  /** Whether reminders are shown; read each time one is due. Defaults to on. */
  readonly remindersEnabled?: () => boolean
  /** Whether a window of the app has the focus, where the host can tell; else pages report it. */
  readonly windowFocused?: () => boolean
  /** The auto-away settings; read at each check. Defaults to on after 10 minutes. */
  readonly autoAway?: () => AutoAwaySettings
}
