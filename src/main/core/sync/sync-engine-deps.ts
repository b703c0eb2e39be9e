/**
 * What a sync engine (sync-engine.ts) needs besides its link and its cache: the clocks it keeps
 * time by, who hears of invites, where it logs, and the platform it may trust rooms on.
 */
import type { Clock } from '../../../shared/clock'
import type { Logger } from '../ports/logger'
import type { Notifier } from '../ports/notifier'

/** A sync engine's collaborators and settings, given once by the composition root. */
export interface SyncEngineDeps {
  clock: Clock
  /**
   * The platform's time as estimated here: invites expire by it, and the times the connection
   * state tells (the next try, the last sync) are in it, as the window counts in it.
   */
  platformTime: Clock
  notifier: Notifier
  log: Logger
  /** The platform signed in to: the only origin a session's room may be on. */
  platformUrl: string
  /** In [0, 1), for the jitter of retries; injectable so tests get predictable waits. */
  random?: () => number
  /** Up to when the core's expiry watch has told the invites whose time ran out (InviteAlerts). */
  runOutToldUntil?: () => number | null
}
