/**
 * What applying a batch of events (event-batch.ts) or a whole snapshot (whole-snapshot.ts) goes
 * through: the cache, what the expert hears of it, how far the platform vouches for the cursor,
 * and who hears of the change.
 */
import type { Clock } from '../../../shared/clock'
import type { Listeners } from '../../../shared/listeners'
import type { CacheStore } from '../ports/cache-store'
import type { Logger } from '../ports/logger'
import type { CacheUpdate } from './cache-push'
import type { InviteAlerts } from './invite-alerts'
import type { StreamReach } from './stream-reach'
import type { UnreadableNotice } from './unreadable-notice'

/** The collaborators one sync engine applies what the platform sends through. */
export interface ApplyTargets {
  readonly cache: CacheStore
  readonly invites: InviteAlerts
  readonly unreadable: UnreadableNotice
  readonly reach: StreamReach
  /** Told after each change to the cache: the events applied, or a whole snapshot. */
  readonly changes: Listeners<CacheUpdate>
  readonly log: Logger
  /** Where each event passed over is logged: a few per connection (passed-over.ts). */
  readonly skippedLog: Pick<Logger, 'error'>
  /** The platform signed in to: the only origin a session's room may be on. */
  readonly platformUrl: string
  /** The platform's time as estimated here: no invite stays open long past it (invite-expiry-bound.ts). */
  readonly platformTime: Clock
}
