/**
 * A command the platform refused because the expert already did it on another device (another
 * Standby, the platform's dashboard): "You already accepted this invite" to a Join pressed here
 * before this cache heard of the accept. The expert did get what they asked for, so telling them
 * "Could not join" is false. The refusal's code cannot say so by itself (a `conflict` is also a
 * booking that overlaps another session), so the cache, caught up with the platform, decides:
 * when what the command asked for is now so, exactly as asked, the command is told as done. A
 * cache that is not up to date (a catch-up failing, stuck, or not over within the wait) cannot
 * say it was not done either: the refusal is then told as not confirmed, with where to look.
 */
import type { CommandOutcome } from '../../shared/command-outcome'
import type { CommandName, CommandPayload, CommandResult } from '../../shared/protocol'
import { ClosingNote } from '../../shared/protocol/entity-fields'
import { canonicalJson } from '../../shared/canonical-json'
import { asSentence } from '../../shared/error-message'
import type { Clock } from '../../shared/clock'
import type { CacheStore } from './ports/cache-store'
import type { Logger } from './ports/logger'

/**
 * The refusals a platform gives a command whose effect is already so: the reference platform's
 * `conflict` (accepted already) and `invalid_state` (declined, ended or cancelled already). Either
 * is checked against the cache whichever command it answers, as a cache that shows the command
 * done as asked is right whatever the code; only the command's own code (DONE_ALREADY) leaves it
 * unconfirmed while the cache is behind.
 */
const MAY_BE_DONE_ALREADY: ReadonlySet<string> = new Set(['conflict', 'invalid_state'])

/** What checking a refusal needs: the cache, and a wait until it holds what the platform has sent. */
export interface DoneElsewhereDeps {
  readonly cache: Pick<CacheStore, 'invite' | 'session' | 'threadPlace'>
  readonly log: Logger
  /**
   * Resolves once the cache holds what the platform has sent, or cannot get there by waiting (its
   * sync stuck or stopped); `stop` aborts when the wait has run out.
   */
  caughtUp(stop: AbortSignal): Promise<void>
  /** Times the wait on the catch-up, in elapsed time as the command's own answer is waited for. */
  readonly clock: Clock
  /** The longest the catch-up is waited for; past it the cache decides as it is. */
  readonly catchUpWaitMs: number
  /** Whether the cache still follows the connection the refusal came over: not once signed out, or in as another. */
  stillFollowing(): boolean
  /** Whether the cache holds everything the platform sent: the sync is live, not catching up, failing or stuck. */
  upToDate(): boolean
}

/**
 * `outcome` as the expert should hear it: a refusal of something the cache shows done as asked (on
 * another device) becomes that success; one the cache cannot check, not being up to date, becomes
 * `unconfirmed`; every other outcome is returned as it is.
 */
export async function unlessDoneElsewhere<N extends CommandName>(
  deps: DoneElsewhereDeps,
  name: N,
  payload: CommandPayload<N>,
  outcome: CommandOutcome<CommandResult<N>>,
): Promise<CommandOutcome<CommandResult<N>>> {
  if (outcome.ok || !MAY_BE_DONE_ALREADY.has(outcome.error.code) || !CHECKED.has(name)) return outcome
  // Live, the platform's events come in order before its answer, so they are applied already;
  // during a catch-up (a press as Standby connects) they come with its pages. A catch-up on a slow
  // link, or one a platform never lets end, must not leave the expert's press without an answer.
  if (!(await caughtUpWithin(deps))) {
    deps.log.warn(
      `${name} refused while the catch-up was still under way; checked against the cache as it is`,
    )
  }
  // Signed out, or in as another expert, meanwhile: the cache is emptied or someone else's.
  if (!deps.stillFollowing()) return outcome
  let done: CommandResult<N> | null
  try {
    done = doneAsAsked(deps.cache, name, payload)
  } catch (error) {
    // An unreadable cache cannot say it was done: the platform's refusal is told, as it was given.
    deps.log.error('Could not read the cache to check a refused command against it', error)
    return outcome
  }
  if (done !== null) {
    deps.log.info(
      `${name} refused (${outcome.error.message}), but it was done already elsewhere: told as done`,
    )
    return { ok: true, result: done, doneElsewhere: true }
  }
  // Up to date, the cache holds what the platform did before it answered: not done as asked.
  if (deps.upToDate()) return outcome
  // A refusal that cannot mean this very command done already (a Decline refused as accepted
  // already, a Join as declined or withdrawn) says it was not done, however far behind the cache is.
  if (outcome.error.code !== DONE_ALREADY[name as CheckedCommand]) return outcome
  // Behind, it may lack just what was done elsewhere: neither "done" nor "Could not" is known true.
  deps.log.warn(`${name} refused (${outcome.error.message}) while the cache is behind: told as not confirmed`)
  // Ended as a sentence inside the quotes: a platform's reason may come without a full stop.
  const message = `The platform answered “${asSentence(outcome.error.message)}” Standby cannot confirm this yet: it is not up to date with the platform. ${whereToSee(name, payload)} once Standby catches up; the platform’s dashboard shows it now.`
  return { ok: false, error: { code: 'unconfirmed', message } }
}

/** Where in the window the expert sees, once the cache is up to date, whether `name` was done. */
function whereToSee<N extends CommandName>(name: N, payload: CommandPayload<N>): string {
  if (name === 'invite.decline') return 'Invites shows whether the invite is still open'
  if (name === 'session.cancel') return 'History shows whether the session was cancelled'
  if (name !== 'invite.accept') return 'History shows whether and how the session ended'
  return (payload as CommandPayload<'invite.accept'>).proposedTime === null
    ? 'Live session shows the session if it is yours'
    : 'Upcoming shows the booking if it is yours'
}

/** Whether the cache caught up (caughtUp) within the wait; false when the wait ran out first. */
export function caughtUpWithin(
  deps: Pick<DoneElsewhereDeps, 'clock' | 'catchUpWaitMs' | 'caughtUp'>,
): Promise<boolean> {
  const stop = new AbortController()
  return new Promise((resolve) => {
    const timer = deps.clock.setTimeout(() => {
      stop.abort()
      resolve(false)
    }, deps.catchUpWaitMs)
    const over = (): void => {
      timer.cancel()
      resolve(true)
    }
    deps.caughtUp(stop.signal).then(over, over)
  })
}

/**
 * The commands a refusal of which may be about the same thing done elsewhere, each with the code
 * the reference platform refuses it with when so: accepted already is `conflict`; declined, ended
 * or cancelled already is `invalid_state`.
 */
const DONE_ALREADY = {
  'invite.accept': 'conflict',
  'invite.decline': 'invalid_state',
  'session.end': 'invalid_state',
  'session.cancel': 'invalid_state',
} as const satisfies Partial<Record<CommandName, string>>
type CheckedCommand = keyof typeof DONE_ALREADY
const CHECKED: ReadonlySet<CommandName> = new Set<CommandName>(Object.keys(DONE_ALREADY) as CheckedCommand[])

/** The result `name` would have had, when the cache shows it done exactly as `payload` asks; else null. */
function doneAsAsked<N extends CommandName>(
  cache: DoneElsewhereDeps['cache'],
  name: N,
  payload: CommandPayload<N>,
): CommandResult<N> | null {
  const result = (value: unknown): CommandResult<N> => value as CommandResult<N>
  switch (name) {
    case 'invite.accept': {
      const { inviteId, proposedTime } = payload as CommandPayload<'invite.accept'>
      const session = acceptedSession(cache, inviteId)
      // Booked elsewhere at another of the proposed times is not the booking asked for here.
      if (session === null || (proposedTime !== null && session.bookedStart !== proposedTime)) return null
      return result({ session })
    }
    case 'invite.decline': {
      // Declined is declined, whatever reason it gave: the platform takes a reason only with the
      // decline itself, so one chosen here cannot be added, and `doneElsewhere` lets the window say so.
      const { inviteId } = payload as CommandPayload<'invite.decline'>
      return cache.invite(inviteId)?.state === 'declined' ? result({ inviteId }) : null
    }
    case 'session.end': {
      const { sessionId, outcome, closingNote } = payload as CommandPayload<'session.end'>
      const session = cache.session(sessionId)
      // Ended with another charge, or without the note written here, is not the end asked for. The
      // note is compared as the session's is read: a note the reading makes none (a lone U+FFFD)
      // is none there, and an end retried with it must still find its own.
      if (session?.state !== 'ended' || session.closingNote !== noteAsRead(closingNote)) return null
      return canonicalJson(session.outcome) === canonicalJson(outcome) ? result({ session }) : null
    }
    case 'session.cancel': {
      const { sessionId, message } = payload as CommandPayload<'session.cancel'>
      const session = cache.session(sessionId)
      const cancellation = session?.state === 'cancelled' ? session.cancellation : null
      // Cancelled by the client, or by the system, or with another note, is not what was asked.
      if (cancellation?.reason !== 'expert_cancelled') return null
      return (cancellation.message ?? '') === (message ?? '') ? result({ session }) : null
    }
    default:
      return null
  }
}

/** `note` as a session read from the platform holds it (ClosingNote): null for none. */
function noteAsRead(note: string | undefined): string | null {
  const read = ClosingNote.safeParse(note ?? null)
  return read.success ? read.data : (note ?? null)
}

/** The session the expert has from this invite, once the cache shows it accepted; null otherwise. */
function acceptedSession(cache: DoneElsewhereDeps['cache'], inviteId: string) {
  const invite = cache.invite(inviteId)
  if (invite?.state !== 'accepted') return null
  const place = cache.threadPlace(invite.request.id)
  return place?.kind === 'session' ? cache.session(place.sessionId) : null
}
