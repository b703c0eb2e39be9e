/**
 * Following the computer's time zone while Standby runs. Node, and Electron's main process with it
 * (electron/electron#33723), read the zone once at start and keep it: an expert who travels, or
 * changes the zone in the OS's settings, would get every reminder, invite time and tray time in the
 * zone they left, while the window (Chromium follows the OS) speaks the new one. Deleting TZ from
 * the environment is what makes Node read the zone again (tzset, and V8's detection through ICU);
 * a TZ set in the environment names the zone the user chose, and is left alone.
 */
import type { Clock, TimerHandle } from '../../shared/clock'
import type { Logger } from '../core/ports/logger'
import type { Power } from '../core/ports/power'

/** How often the zone is read again: a reminder says its times in the new zone a minute after the change at most. */
export const ZONE_CHECK_MS = 60_000

/** The zone this process writes times in now. */
export function currentZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone
}

/** Read the OS's time zone again unless the environment's TZ names one; returns the zone in use after. */
export function followHostZone(env: NodeJS.ProcessEnv = process.env): string {
  if (env['TZ'] === undefined) delete env['TZ']
  return currentZone()
}

/** What the watch needs; `follow` stands in for followHostZone in tests. */
export interface HostZoneWatchDeps {
  readonly clock: Clock
  readonly power: Pick<Power, 'onResume'>
  readonly log: Logger
  readonly follow?: () => string
  /** Hears each change, after it is logged: what was written in the old zone is written again. */
  readonly onChange?: (zone: string) => void
}

/**
 * Read the zone again every ZONE_CHECK_MS and at each wake (a flight ends in a sleep), logging a
 * change; returns the function that stops watching. Started before anything else hears the wake,
 * so a reminder shown on waking already speaks the new zone.
 */
export function watchHostZone(deps: HostZoneWatchDeps): () => void {
  const follow = deps.follow ?? (() => followHostZone())
  let zone = currentZone()
  let timer: TimerHandle | undefined
  const check = (): void => {
    let next: string
    try {
      next = follow()
    } catch (error) {
      // Times stay in the zone read before; the next check tries again.
      deps.log.error("The computer's time zone could not be read again", error)
      return
    }
    if (next === zone) return
    deps.log.info(`The computer's time zone is now ${next} (was ${zone}): times are shown in it from now on.`)
    zone = next
    deps.onChange?.(next)
  }
  const arm = (): void => {
    timer = deps.clock.setTimeout(() => {
      check()
      arm()
    }, ZONE_CHECK_MS)
  }
  const offResume = deps.power.onResume(check)
  arm()
  return () => {
    offResume()
    timer?.cancel()
  }
}
