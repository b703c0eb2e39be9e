/**
 * Keeps the tray's view current: the core's TrayState pushes, cache changes and the platform
 * clock go in, a TrayView comes out whenever it changes. A timer runs only while a session is
 * coming up, to move its countdown on; nothing ticks otherwise.
 */
import type { Clock, TimerHandle } from '../../../shared/clock'
import { KeptHostFormats } from '../kept-host-formats'
import type { Expert, Invite, Session } from '../../../shared/protocol'
import type { Logger } from '../ports/logger'
import type { TrayState, TrayStatus } from '../ports/tray-state'
import { UPCOMING_SESSIONS_LISTED } from '../../../shared/ipc/list-limits'
import { liveLongAgo, liveLongAgoFrom, nextSessionsFirst } from '../../../shared/rules/next-session'
import { countdownChangesIn } from './session-countdown'
import { MENU_INVITES, trayView, type TrayView } from './tray-view'

/** What the tray says before the core has said anything. */
export const STARTING_TRAY_STATUS: TrayStatus = {
  connection: { status: 'connecting' },
  openInvites: 0,
  statusLine: 'Starting…',
}

/** What the tray shows before the core has said anything. */
export const STARTING_TRAY_VIEW: TrayView = trayView({
  status: STARTING_TRAY_STATUS,
  expert: null,
  invites: [],
  nextSession: null,
  now: 0,
})

/** Where the feed reads invites, sessions and the expert: the cache. */
export interface TraySource {
  expert(): Expert | null
  /** The newest `limit` invites open at platform time `now`. */
  openInvites(now: number, limit: number): ReadonlyArray<Invite>
  /** How many invites are open at platform time `now`. */
  openInviteCount(now: number): number
  upcomingSessions(now: number, limit: number): ReadonlyArray<Session>
  /** Threads open at platform time `now` with client messages the expert has not read; a source without threads has none. */
  unreadThreads?(now: number): ReadonlyArray<{ readonly count: number }>
}

/**
 * The platform's time, and where it has one (PlatformClock), the time deadlines are judged on,
 * which never runs back: an invite seen expired stays out of the menu.
 */
export type TrayClock = Clock & { readonly deadlines?: Clock }

/** The tray's state as one stream of views. */
export interface TrayFeed extends TrayState {
  /** Reads from `source` on the platform's `clock` from now on (once the cache is open). */
  follow(source: TraySource, clock: TrayClock): void
  /** Reads everything again now (the clock changed, or the expert acted). */
  refresh(): void
  /**
   * The cache changed: read everything again once this run of changes is over. A flood of
   * messages or events, each its own change, is read once, not once per change: each read counts
   * every unread message of the open threads.
   */
  changed(): void
  /** Stops for good: the timer ends and nothing is read or shown again (the cache is closing). */
  stop(): void
  /** The host's time zone changed: the session's start time is written again, in the new zone. */
  zoneChanged(): void
}

/** A feed that calls `show` with every new view, starting from `initial` (before the core speaks). */
export function createTrayFeed(options: {
  readonly initial: TrayStatus
  readonly clock: Clock
  readonly show: (view: TrayView) => void
  /** Where a read of the cache that failed is told (once, until one works again). */
  readonly log?: Pick<Logger, 'error'>
}): TrayFeed {
  let status = options.initial
  let clock: TrayClock = options.clock
  let source: TraySource | null = null
  let timer: TimerHandle | null = null
  let soon: TimerHandle | null = null
  let shown = ''
  let stopped = false
  // Kept between reads (one is read at every change), and built again when the zone changes.
  const hostFormats = new KeptHostFormats()
  let failing = false

  // Run from timers and the cache's changes: a read that throws (a damaged cache file) would be
  // the app's uncaught error and stop the countdown. The last view stays, and is read again soon.
  const refresh = (): void => {
    if (stopped) return
    timer?.cancel()
    timer = null
    soon?.cancel()
    soon = null
    try {
      read()
      failing = false
    } catch (error) {
      if (!failing)
        options.log?.error(
          error instanceof TrayDrawFailed
            ? 'The tray could not be drawn; it shows what it last drew, and is drawn again soon'
            : 'The tray could not read the offline cache; it shows what it last read',
          error instanceof TrayDrawFailed ? error.cause : error,
        )
      failing = true
      // A countdown's own timer, set before a drawing failed, is soon enough.
      timer ??= clock.setTimeout(refresh, READ_AGAIN_MS)
    }
  }
  const read = (): void => {
    const now = clock.now()
    const deadlinesNow = clock.deadlines?.now() ?? now
    const nextSession = source === null ? null : nextOf(source, now)
    const view = trayView({
      status,
      expert: source?.expert() ?? null,
      // Only what the menu lists, and a count: thousands open must not be read at every change.
      invites: source?.openInvites(deadlinesNow, MENU_INVITES) ?? [],
      openInviteCount: source?.openInviteCount(deadlinesNow) ?? 0,
      nextSession,
      now,
      formats: hostFormats.formats,
      unreadMessages: (source?.unreadThreads?.(deadlinesNow) ?? []).reduce(
        (sum, thread) => sum + thread.count,
        0,
      ),
    })
    const changesIn =
      nextSession === null || view.nextSession === null ? null : changesAfter(nextSession, now)
    if (changesIn !== null) timer = clock.setTimeout(refresh, changesIn)
    // Menus are rebuilt from scratch: skip it when nothing the expert sees has changed.
    const serialized = JSON.stringify(view)
    if (serialized === shown) return
    try {
      options.show(view)
    } catch (error) {
      // Not marked drawn: the next refresh draws it again, where it would wait for another change.
      throw new TrayDrawFailed(error)
    }
    shown = serialized
  }

  return {
    set(next) {
      status = next
      refresh()
    },
    follow(nextSource, nextClock) {
      source = nextSource
      clock = nextClock
      refresh()
    },
    refresh,
    changed() {
      if (stopped || soon !== null) return
      soon = clock.setTimeout(refresh, 0)
    },
    zoneChanged() {
      hostFormats.forget()
      refresh()
    },
    stop() {
      stopped = true
      timer?.cancel()
      timer = null
      soon?.cancel()
      soon = null
    },
  }
}

/** How soon a read of the cache, or a drawing, that failed is tried again. */
const READ_AGAIN_MS = 60_000

/** The tray's own drawing failed, not the cache's read: said apart in the log. */
class TrayDrawFailed extends Error {
  constructor(cause: unknown) {
    super('The tray could not be drawn', { cause })
  }
}

/**
 * The session the "Next:" line is about: the cache's first, unless it is a live session left long
 * ago (rules/next-session.ts); then the first of what the window lists, in the same order.
 */
function nextOf(source: TraySource, now: number): Session | null {
  const first = source.upcomingSessions(now, 1)[0] ?? null
  if (first === null || !liveLongAgo(first, now)) return first
  return nextSessionsFirst(source.upcomingSessions(now, UPCOMING_SESSIONS_LISTED), now)[0] ?? null
}

/** When the line may next read differently: its countdown moves, or the live session it names is left long ago. */
function changesAfter(session: Session, now: number): number | null {
  const countdown = countdownChangesIn(session, now)
  if (session.state !== 'live' || liveLongAgo(session, now)) return countdown
  return Math.min(countdown ?? Number.POSITIVE_INFINITY, liveLongAgoFrom(session) - now)
}
