/**
 * The update policy as both hosts run it, told what it follows: the first connection, the
 * platform's minimum version, the channel setting, and the sessions that hold a restart.
 */
import type { StandbyCore } from '../../core/standby-core'
import { SESSION_MARGIN_MS } from '../../core/update/restart-safety'
import { UpdatePolicy } from '../../core/update/update-policy'
import { UPCOMING_SESSIONS_LISTED } from '../../../shared/ipc/list-limits'
import type { SqliteCacheStore } from '../../db/sqlite-cache-store'
import type { RuntimeOptions } from './start-runtime'

/**
 * The update policy over the host's updater, told what it follows: the first connection, the
 * platform's minimum version, the channel setting, and the sessions that hold a restart.
 */
export function followUpdates(
  core: StandbyCore,
  cache: SqliteCacheStore,
  options: RuntimeOptions,
): { readonly updates: UpdatePolicy; stop(): void } {
  const updates = new UpdatePolicy({
    updater: options.updater,
    clock: options.clock,
    platformNow: () => core.platformClock.now(),
    // From a margin before now: a booked session just past its start still holds a restart.
    sessions: () =>
      cache.upcomingSessions(core.platformClock.now() - SESSION_MARGIN_MS, UPCOMING_SESSIONS_LISTED),
    channel: () => options.settings.get().updateChannel,
    power: options.power,
    notifier: options.notifier,
    log: options.log,
    manualDownloadUrl: options.manualDownloadUrl,
    random: options.random,
  })
  core.states.add((state) => {
    if (state.status === 'online') updates.connected()
  })
  updates.begin()
  core.welcomed.add((welcome) => updates.minimumVersion(welcome.minimumAppVersion ?? null))
  core.cacheChanged.add(() => updates.sessionsChanged())
  core.platformClock.changes.add(() => updates.sessionsChanged())
  const off = options.settings.onSaved(() => updates.channelChanged())
  return {
    updates,
    stop() {
      off()
      updates.stop()
    },
  }
}
