/**
 * A command the platform answered as done, whose change its stream never brought. The cache is
 * written only from the stream, so such a platform leaves the window showing the invite still
 * open, the session still booked (its reminder still due), the expert's own message gone from the
 * thread once it is read again, with nothing said. Live, the platform's events mostly come before
 * its answer, but may trail it by a moment (the reference platform queues them behind a large
 * fan-out, and answers at once); so once caught up, a cache that lacks the change waits that moment
 * for the live events, then asks for a replay (a live push may have been lost), and one still
 * lacking it after is the platform's fault: logged, and told once per kind of command, since the
 * lists may be behind until the platform sends it.
 */
import { canonicalJson } from '../../shared/canonical-json'
import type { Clock } from '../../shared/clock'
import type { Unsubscribe } from '../../shared/listeners'
import type { CommandName, CommandPayload, CommandResult, Session } from '../../shared/protocol'
import { caughtUpWithin } from './done-elsewhere'
import type { CacheStore } from './ports/cache-store'
import type { Logger } from './ports/logger'
import type { Notifier } from './ports/notifier'

/** What checking an answer against the stream goes through. */
export interface UnstreamedAnswerDeps {
  readonly cache: Pick<CacheStore, 'invite' | 'session' | 'messages'>
  readonly log: Logger
  readonly notifier: Notifier
  readonly clock: Clock
  /** The longest a catch-up under way is waited for before the answer is checked; past it, it is not. */
  readonly catchUpWaitMs: number
  /** Whether the cache still follows the connection the answer came over. */
  stillFollowing(): boolean
  /** Resolves once the sync is caught up, stuck or stopped, or `stop` aborts. */
  caughtUp(stop: AbortSignal): Promise<void>
  /** Whether the cache holds everything the platform sent: the sync is live. */
  upToDate(): boolean
  /** Replay from the cursor now; resolves once that catch-up is over. */
  replay(): Promise<void>
  /** Call `listener` after each batch of live events (or snapshot) the cache took. */
  cacheChanged(listener: () => void): Unsubscribe
}

/**
 * How long (link clock) a change the answer said was done is waited for from the live stream
 * before a replay is asked: long against a platform's send queue, short for an expert waiting.
 */
export const LIVE_CHANGE_WAIT_MS = 2_000

/**
 * What of `result` the cache lacks, for the log; null when it holds it, or when `name` changes
 * nothing the cache holds.
 */
export function lackedChange<N extends CommandName>(
  cache: UnstreamedAnswerDeps['cache'],
  name: N,
  payload: CommandPayload<N>,
  result: CommandResult<N>,
): string | null {
  const answered = result as {
    readonly session?: Session
    readonly message?: { id: string; requestId: string }
  }
  if (answered.session !== undefined) {
    const { session } = answered
    const cached = cache.session(session.id)
    // A later change (its updatedAt past the answer's) holds this one; one of the same millisecond must show it.
    if (cached !== null && (cached.updatedAt > session.updatedAt || sameChange(name, cached, session)))
      return null
    return `session ${session.id} ${session.state}`
  }
  if (answered.message !== undefined) {
    const { id, requestId } = answered.message
    return cache.messages(requestId).some((m) => m.id === id) ? null : `message ${id}`
  }
  if (name === 'invite.decline') {
    const { inviteId } = payload as CommandPayload<'invite.decline'>
    return cache.invite(inviteId)?.state === 'open' ? `invite ${inviteId} declined` : null
  }
  return null
}

/**
 * The fields of a session each command sets. A change made in the same millisecond by someone
 * else (the client joining, the platform's own rules) leaves `updatedAt` equal and other fields
 * changed, so only what the command set tells whether the cache holds its change.
 */
const SETS: Partial<Record<CommandName, readonly (keyof Session)[]>> = {
  'invite.accept': ['id'],
  'session.join': ['expertJoinedAt'],
  'session.startBilling': ['phase', 'billingStartedAt'],
  'session.end': ['state', 'endedAt', 'outcome'],
  'session.cancel': ['state', 'cancellation'],
  'session.proposeTime': ['reschedule'],
  'session.setNote': ['privateNote'],
}

/** How far along its life a session is: it never goes back. */
const STAGE: Record<Session['state'], number> = { booked: 0, live: 1, ended: 2, cancelled: 2 }

/**
 * Whether `cached`, updated in the same millisecond as `answered`, holds what `name` did: it shows
 * the fields the command set, or it is further along than the answer (a later change of the same
 * millisecond, which a session cannot undo).
 */
function sameChange(name: CommandName, cached: Session, answered: Session): boolean {
  if (cached.updatedAt !== answered.updatedAt) return false
  const fields = SETS[name] ?? ['state', 'privateNote', 'bookedStart']
  if (fields.every((f) => canonicalJson(cached[f]) === canonicalJson(answered[f]))) return true
  return (
    STAGE[cached.state] > STAGE[answered.state] ||
    (cached.phase === 'billable' && answered.phase === 'context')
  )
}

/** What the notice says the platform did, by command. */
const DONE: Partial<Record<CommandName, string>> = {
  'invite.accept': 'took the invite',
  'invite.decline': 'declined the invite',
  'message.send': 'sent your message',
  'session.join': 'started the session',
  'session.cancel': 'cancelled the session',
  'session.proposeTime': 'proposed the new time',
  'session.startBilling': 'started billing',
  'session.end': 'ended the session',
  'session.setNote': 'saved the note',
}

/**
 * Check a command answered as done against the cache once it is caught up; replay once when it
 * lacks the change, and log and tell it when the replay does not bring it either. Never throws.
 */
export async function checkAnswerStreamed<N extends CommandName>(
  deps: UnstreamedAnswerDeps,
  name: N,
  payload: CommandPayload<N>,
  result: CommandResult<N>,
): Promise<void> {
  try {
    if (!(await caughtUpWithin(deps)) || !deps.stillFollowing() || !deps.upToDate()) return
    const held = (): boolean => lackedChange(deps.cache, name, payload, result) === null
    if (held() || (await arrivesLive(deps, held))) return
    if (!deps.stillFollowing() || !deps.upToDate()) return
    await deps.replay()
    // Signed out meanwhile, or the replay failed: what the cache lacks says nothing of the stream.
    if (!deps.stillFollowing() || !deps.upToDate()) return
    const lacked = lackedChange(deps.cache, name, payload, result)
    if (lacked === null) return
    deps.log.error(
      `The platform answered ${name} as done, but neither its live events nor a replay brought ${lacked}: its stream lacks the change`,
    )
    deps.notifier.show({
      kind: 'notice',
      noticeId: `unstreamed:${name}`,
      title: 'The platform did not send a change',
      body: `The platform says it ${DONE[name] ?? 'did what you asked'}, but has not sent Standby the change, so Standby’s lists and reminders may not show it. This is a fault of the platform, not of Standby: tell the platform’s support, and check its dashboard meanwhile.`,
    })
  } catch (error) {
    deps.log.error('Could not check a command’s answer against the cache', error)
  }
}

/** Whether the cache comes to hold the change (`held`) from the live stream within the wait. */
function arrivesLive(deps: UnstreamedAnswerDeps, held: () => boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const finish = (arrived: boolean): void => {
      timer.cancel()
      off()
      resolve(arrived)
    }
    const timer = deps.clock.setTimeout(() => finish(false), LIVE_CHANGE_WAIT_MS)
    const off = deps.cacheChanged(() => {
      try {
        if (held()) finish(true)
      } catch {
        // Unreadable now: the caller reads it again after the wait and logs why.
        finish(false)
      }
    })
  })
}
