/**
 * The implementation of every IPC call, in one place for both hosts: Electron registers these with
 * its IPC helper, the browser shell with its WebSocket bridge. Requests arrive already parsed by
 * the contract's schemas; nothing here knows which carrier brought them.
 */
import {
  invokeContract,
  type AppInfo,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
  type ShowItem,
} from '../../shared/ipc/contract'
import { MISSED_INVITES_LISTED, UPCOMING_SESSIONS_LISTED } from '../../shared/ipc/list-limits'
import type { CommandName, CommandPayload } from '../../shared/protocol'
import type { SettingsStore } from './ports/settings'
import type { StandbyCore } from './standby-core'

/** One handler per contract call. */
export type AppApi = {
  readonly [C in InvokeChannel]: (request: InvokeRequest<C>) => InvokeResponse<C> | Promise<InvokeResponse<C>>
}

/** What the host adds: who it is, and how it opens links. */
export interface HostInfo {
  readonly info: AppInfo
  /** Opens an already-validated http(s) URL outside the app. */
  openExternal(url: string): Promise<void>
  /** Bring the full window to the front; a host without one does nothing. */
  showWindow(): void
  /** The item the window was asked to show and no page has taken yet; a host without links has none. */
  takeShowItem(): ShowItem | null
}

/** What the handlers read besides the core: the settings. Time is the core's platform clock. */
export interface AppApiDeps {
  readonly settings: SettingsStore
}

/** Build the handlers over one core. */
export function createAppApi(core: StandbyCore, host: HostInfo, deps: AppApiDeps): AppApi {
  const { settings } = deps
  const command =
    <N extends CommandName>(name: N) =>
    (payload: CommandPayload<N>) =>
      core.command(name, payload)
  return {
    'app.getInfo': () => host.info,
    'app.getTime': () => ({ now: core.platformClock.now(), clock: core.platformClock.state }),
    'app.showWindow': () => host.showWindow(),
    'app.takeShowItem': () => host.takeShowItem(),
    'settings.get': () => settings.get(),
    'settings.update': (patch) => settings.update(patch),
    'shell.openExternal': (url) => host.openExternal(url),
    'connection.getState': () => core.connection,
    'auth.signIn': async ({ platformUrl, email, password }) => {
      const outcome = await core.signIn(platformUrl, email, password)
      if (outcome.ok) rememberPlatform(settings, outcome.platformUrl)
      return outcome.ok
        ? { ok: true, expert: outcome.expert }
        : { ok: false, reason: outcome.reason, message: outcome.message }
    },
    'auth.signOut': () => core.signOut(),
    'expert.get': () => core.cache.expert(),
    'invites.list': () => ({
      open: [...core.cache.openInvites()],
      missed: [...core.cache.missedInvites(MISSED_INVITES_LISTED)],
    }),
    'sessions.upcoming': () => [
      ...core.cache.upcomingSessions(core.platformClock.now(), UPCOMING_SESSIONS_LISTED),
    ],
    'sessions.history': ({ limit, after }) => [...core.cache.sessionHistory(limit, after)],
    'messages.list': ({ requestId }) => [...core.cache.messages(requestId)],
    'invites.accept': command(invokeContract['invites.accept'].command),
    'invites.decline': command(invokeContract['invites.decline'].command),
    'messages.send': command(invokeContract['messages.send'].command),
    'sessions.join': command(invokeContract['sessions.join'].command),
    'sessions.startBilling': command(invokeContract['sessions.startBilling'].command),
    'sessions.end': command(invokeContract['sessions.end'].command),
    'availability.set': command(invokeContract['availability.set'].command),
  }
}

/**
 * Remember the platform signed in to, so Settings and the next sign-in form show it. The sign-in
 * stands even if this cannot be saved (the store logs why); only the prefill is lost.
 */
function rememberPlatform(settings: SettingsStore, platformUrl: string): void {
  try {
    settings.update({ platformUrl })
  } catch {
    // Nothing to undo: the setting is a convenience.
  }
}
