/**
 * A command whose connection was lost before the answer (a network change, a dead link replaced)
 * is sent again on the next connection within the same timeout, with the same idempotency key:
 * the platform answers a repeat with its first answer, so the expert learns what happened instead
 * of "may or may not have happened", and nothing happens twice. A message over the size limit
 * that closed the connection may have been a live push as well as the answer: sent again once, and
 * met again, it is the answer, which every resend would meet; it ends there, logged once.
 */
import { steadyNow, type Clock, type TimerHandle } from '../../../shared/clock'
import type { CommandOutcome } from '../../../shared/command-outcome'
import type { Listeners } from '../../../shared/listeners'
import type { Logger } from '../ports/logger'
import { ANSWER_TOO_LARGE, DROPPED, LINK_ENDED } from './link-command'
import type { LinkState } from './link-deps'

/** What sending a command again needs from the link. */
export interface ResendDeps<R> {
  /** The link's clock of elapsed time. */
  readonly clock: Clock
  /** How long the command may take in all, resends included. */
  readonly ackTimeoutMs: number
  readonly log: Logger
  /** The command's name, for the log. */
  readonly name: string
  /** How many connections the link has had welcomed so far. */
  readonly welcomes: () => number
  /** Whether the link ended (stopped, or refused): no new connection of its will come. */
  readonly ended: () => boolean
  readonly states: Listeners<LinkState>
  /** Send the command (always with the same key) on the connection now, waiting `waitMs` at most. */
  readonly send: (waitMs: number) => Promise<CommandOutcome<R>>
  /**
   * Asked on each new connection before sending again, with the time left: an outcome to end with
   * instead (what it would do was overtaken meanwhile), or undefined to send it again.
   */
  readonly beforeResend?: BeforeResend<R>
}

/** Whether a command lost with its connection is still to be sent again (ResendDeps.beforeResend). */
export type BeforeResend<R> = (waitMs: number) => Promise<CommandOutcome<R> | undefined>

/** What the sender of a command hears of its sending: asked before a resend, told each key it goes under. */
export interface CommandWatch<R> {
  readonly beforeResend?: BeforeResend<R>
  /** Told the idempotency key before the command goes out under it (a fresh one when asked anew). */
  readonly sentUnder?: (key: string) => void
}

/** The command's outcome, sent again on each new connection while its time lasts. */
export async function sendAgainOnNewConnection<R>(deps: ResendDeps<R>): Promise<CommandOutcome<R>> {
  const deadline = steadyNow(deps.clock) + deps.ackTimeoutMs
  let timer: TimerHandle | undefined
  const timedOut = new Promise<void>((resolve) => (timer = deps.clock.setTimeout(resolve, deps.ackTimeoutMs)))
  try {
    let tooLarge = false
    for (;;) {
      const lostOn = deps.welcomes()
      const outcome = await deps.send(Math.max(0, deadline - steadyNow(deps.clock)))
      if (outcome === ANSWER_TOO_LARGE && tooLarge) {
        deps.log.error(
          `The platform's answer to ${deps.name} is larger than any message Standby can take; not sent again, as every resend would bring it. Tell the platform's support`,
        )
        return outcome
      }
      if (outcome === ANSWER_TOO_LARGE) tooLarge = true
      else if (outcome !== DROPPED) return outcome
      const next = await welcomedAfter(deps, lostOn, timedOut)
      // Ended: the expert hears at once, not at the timeout, and without the promise of a retry key.
      if (next === 'ended') return LINK_ENDED
      // Lost, or met a message too large once (perhaps a push): not known to be the answer.
      if (next === 'timeout') return DROPPED
      const instead = await deps.beforeResend?.(Math.max(0, deadline - steadyNow(deps.clock)))
      if (instead !== undefined) return instead
      deps.log.info(`Sending ${deps.name} again on the new connection, with the same idempotency key`)
    }
  } finally {
    timer?.cancel()
  }
}

/** How the wait for the next connection ended. */
type NextConnection = 'welcomed' | 'ended' | 'timeout'

/** Whether a connection newer than welcome number `lostOn` is welcomed before `giveUp`, or the link ends first. */
function welcomedAfter<R>(
  deps: ResendDeps<R>,
  lostOn: number,
  giveUp: Promise<void>,
): Promise<NextConnection> {
  const newer = (): boolean => deps.welcomes() > lostOn
  return new Promise((resolve) => {
    const finish = (next: NextConnection): void => {
      off()
      resolve(next)
    }
    const off = deps.states.add((state) => {
      if (state.kind === 'connected' && newer()) finish('welcomed')
      else if (state.kind === 'idle' || state.kind === 'refused') finish('ended')
    })
    // Welcomed already while the lost answer was being read; or ended then (a sign-out's stop
    // closes the connection and goes idle before the lost answer is read).
    if (newer()) finish('welcomed')
    else if (deps.ended()) finish('ended')
    void giveUp.then(() => finish('timeout'))
  })
}
