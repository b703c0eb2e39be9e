/**
 * One command sent over the link's connection, and what it ends as in words the expert can act
 * on: the platform's result or refusal, no answer in time, a connection that dropped mid-way, or
 * an answer that made no sense.
 */
import { afterPendingInput, steadyNow, type Clock, type TimerHandle } from '../../../shared/clock'
import type { CommandOutcome } from '../../../shared/command-outcome'
import {
  COMMAND_EVENT,
  CommandAck,
  commandSchemas,
  PROBE_EVENT,
  REPLAY_EVENT,
  UnknownRefusal,
  type CommandName,
  type CommandPayload,
  type CommandResult,
  type ProtocolError,
} from '../../../shared/protocol'
import type { LocalReading } from '../../../shared/clock-offset'
import { describeIssues, describeValue } from '../../../shared/describe-untrusted'
import type { Logger } from '../ports/logger'
import { AnswerTooLarge } from '../ports/link-transport'
import type { LinkWire } from './link-wire'
import { answerMismatch } from './answer-match'
import { busyWords } from '../../../shared/wait-words'

/** How one command is sent and timed. */
export interface CommandDeps extends LinkWire {
  /** How long the command may take in all: what a timeout tells the expert it waited. */
  readonly ackTimeoutMs: number
  /** The signed-in expert, whose a result must be when the link knows it. */
  readonly expertId?: string
  /** The request an invite the app holds is for, null when not known: an accept's answer must be about it. */
  readonly requestOfInvite?: (inviteId: string) => string | null
}

/** What a command fails as when the link has no connection: nothing was sent. */
export const OFFLINE: CommandOutcome<never> = {
  ok: false,
  error: {
    code: 'offline',
    message:
      'Standby is not connected to the platform, so nothing was sent. It reconnects by itself; try again once it is online.',
  },
}

/**
 * Why a command sent and not answered in a way Standby could read is safe to send again: the
 * retry goes under the first one's idempotency key (retry-keys.ts), and the platform answers it
 * with what it did.
 */
const NOT_TWICE = 'the platform will not do it twice.'

/** What a command fails as when its connection closed before the answer, and no new one came in time. */
export const DROPPED: CommandOutcome<never> = {
  ok: false,
  error: {
    code: 'dropped',
    message: `The connection dropped before the platform answered, so Standby cannot tell whether it was done. Sending it again once Standby is back online is safe: ${NOT_TWICE}`,
  },
}

/**
 * What a command fails as when a message over the size limit closed its connection before the
 * answer, and did so again when it was sent again (command-resend.ts): the answer itself, which the
 * platform gives again to the same key, so the expert sending it again would not read it either.
 */
export const ANSWER_TOO_LARGE: CommandOutcome<never> = {
  ok: false,
  error: {
    code: 'invalid_response',
    message:
      "The platform answered with more than Standby can take, so it cannot tell whether it was done, and sending it again would bring the same answer. Check on the platform's dashboard whether it was done, and tell the platform's support.",
  },
}

/**
 * What a command fails as when the link it was sent over ended before the answer: signed out, the
 * sign-in replaced or refused. The next sign-in sends under keys of its own, so sending it again
 * is not known to be safe; what the platform did shows once signed in and caught up.
 */
export const LINK_ENDED: CommandOutcome<never> = {
  ok: false,
  error: {
    code: 'dropped',
    message:
      'The sign-in it was sent under ended before the platform answered, so Standby cannot tell whether it was done. Once signed in again, Standby shows whether it was: check there before sending it again.',
  },
}

/**
 * Send one command on an open connection and read its acknowledgement, waiting `waitMs` at most:
 * what is left of the whole timeout when it is sent again on a new connection.
 */
export async function sendCommand<N extends CommandName>(
  deps: CommandDeps,
  name: N,
  payload: CommandPayload<N>,
  idempotencyKey: string,
  waitMs: number = deps.ackTimeoutMs,
): Promise<CommandOutcome<CommandResult<N>>> {
  const sent = deps.reading()
  const sentAt = steadyNow(deps.clock)
  const abandon = new AbortController()
  const answer = await within(
    deps.connection.request(COMMAND_EVENT, { name, idempotencyKey, payload }, abandon.signal),
    deps.clock,
    waitMs,
  )
  // Given up on: the connection forgets the question rather than hold it for as long as it lasts.
  if (answer.kind === 'timeout') abandon.abort()
  if (answer.kind === 'dropped') return DROPPED
  if (answer.kind === 'too_large') return ANSWER_TOO_LARGE
  if (answer.kind === 'timeout') {
    // The whole wait, resends included: the expert waited that long, not the last part of it.
    return {
      ok: false,
      error: {
        code: 'timeout',
        message: `The platform did not answer within ${deps.ackTimeoutMs / 1000} s, so Standby cannot tell whether it was done. Sending it again is safe: ${NOT_TWICE}`,
      },
    }
  }
  const ack = CommandAck.safeParse(answer.value)
  if (!ack.success)
    return (
      unknownRefusal(deps, sent, name, answer.value) ??
      nonsense(
        deps.log,
        `The platform sent a malformed ${name} acknowledgement (${describeIssues(ack.error.issues)})`,
      )
    )
  deps.timed(sent, ack.data.serverTime, answer.value)
  deps.answered(sentAt)
  if (!ack.data.ok) return { ok: false, error: toldAsPressed(ack.data.error) }
  const result = commandSchemas[name].result.safeParse(ack.data.result)
  if (!result.success) {
    const problem = describeIssues(result.error.issues)
    return nonsense(deps.log, `The platform sent a malformed ${name} result (${problem})`)
  }
  const mismatch = answerMismatch(
    name,
    payload,
    result.data as CommandResult<N>,
    deps.expertId,
    deps.requestOfInvite,
  )
  if (mismatch !== null) {
    const logged = `The platform answered ${name} about ${mismatch}, so Standby took it for no answer`
    return nonsense(deps.log, logged)
  }
  return { ok: true, result: result.data as CommandResult<N> }
}

/**
 * Send a probe and take the platform's time from its answer: after a wake or a silence, when the
 * estimate is likeliest to be stale, a probe may be the only exchange for a long while (a probe
 * answered keeps the connection, and nothing replays). Resolves with the answer, whatever it says;
 * rejects when the connection drops, or once `abandon` is aborted (it is forgotten then).
 */
export async function sendProbe(wire: LinkWire, abandon?: AbortSignal): Promise<unknown> {
  const sent = wire.reading()
  const answer = await wire.connection.request(PROBE_EVENT, {}, abandon)
  const ack = CommandAck.safeParse(answer)
  if (ack.success) wire.timed(sent, ack.data.serverTime, answer)
  return answer
}

type Answer =
  | { readonly kind: 'answered'; readonly value: unknown }
  | { readonly kind: 'dropped' }
  /** A message larger than any Standby takes closed the connection: perhaps the answer. */
  | { readonly kind: 'too_large' }
  | { readonly kind: 'timeout' }

/** The acknowledgement, unless the connection closes first or `ms` pass without one. */
function within(answer: Promise<unknown>, clock: Clock, ms: number): Promise<Answer> {
  return new Promise((resolve) => {
    // An answer read late because the process was frozen past `ms` is still an answer.
    let timer: TimerHandle = clock.setTimeout(() => {
      timer = afterPendingInput(clock, () => resolve({ kind: 'timeout' }))
    }, ms)
    answer.then(
      (value) => {
        timer.cancel()
        resolve({ kind: 'answered', value })
      },
      (error: unknown) => {
        timer.cancel()
        resolve({ kind: ownTooLarge(error) ? 'too_large' : 'dropped' })
      },
    )
  })
}

/**
 * Whether a command's connection was closed by a message too large that may have been its answer:
 * with a replay awaited beside it, the message is likelier that replay's (oversize-company.ts).
 */
function ownTooLarge(error: unknown): boolean {
  return error instanceof AnswerTooLarge && !error.alongside.includes(REPLAY_EVENT)
}

/**
 * A refusal of `name` whose code this version does not know, told with the platform's sentence;
 * null when `value` is not a refusal at all.
 */
function unknownRefusal(
  deps: CommandDeps,
  sent: LocalReading | undefined,
  name: CommandName,
  value: unknown,
): CommandOutcome<never> | null {
  const refusal = UnknownRefusal.safeParse(value)
  if (!refusal.success) return null
  deps.timed(sent, refusal.data.serverTime, value)
  deps.log.warn(
    `The platform refused ${name} for a reason this version of Standby does not know (${describeValue(refusal.data.error.code)}); its sentence is passed on as it is`,
  )
  return { ok: false, error: { code: 'refused', message: refusal.data.error.message } }
}

/** A refusal as the expert reads it: one of too many at once says when to press again, not "a moment". */
function toldAsPressed(error: ProtocolError): ProtocolError {
  return error.code === 'rate_limited' ? { ...error, message: busyWords(error.retryAfterMs) } : error
}

/** An answer Standby cannot take: `logged` says why, the expert hears that sending again is safe. */
function nonsense<R>(log: Logger, logged: string): CommandOutcome<R> {
  log.error(logged)
  return {
    ok: false,
    error: {
      code: 'invalid_response',
      message: `The platform answered with something Standby could not read, so it cannot tell whether it was done. Sending it again is safe: ${NOT_TWICE}`,
    },
  }
}
