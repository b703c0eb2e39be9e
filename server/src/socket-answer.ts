/**
 * How the platform answers a client's emits on one socket: an acknowledged handler that
 * rate-limits, never throws, and refuses a malformed emit with an error acknowledgement when the
 * emit carries one. What cannot be answered is logged once per connection, so a flood of
 * malformed messages cannot flood the log.
 */
import type { Socket } from 'socket.io'
import type { Clock } from '../../src/shared/clock'
import {
  COMMAND_EVENT,
  PROBE_EVENT,
  REPLAY_EVENT,
  type CommandAck,
  type ProtocolError,
} from '../../src/shared/protocol'
import {
  BINARY_EVENT,
  DUPLICATE_KEY_EVENT,
  TOO_LARGE_EVENT,
  TOO_MANY_MEMBERS_EVENT,
  UNREADABLE_EVENT,
} from './answering-decoder'
import { tooLarge } from './oversize-frames'
import { tooManyMembers } from './json-members'
import { describeValue } from '../../src/shared/describe-untrusted'
import { describeWait } from '../../src/shared/wait-words'
import type { LogFields, Logger } from './logger'

const KNOWN_EVENTS = [COMMAND_EVENT, REPLAY_EVENT, PROBE_EVENT].map((e) => `"${e}"`).join(', ')

/** The refusal of a message past the allowance, with the wait until the allowance takes one more. */
function rateLimited(retryAfterMs: number): ProtocolError {
  return {
    code: 'rate_limited',
    message: `Too many requests at once; try again in ${describeWait(retryAfterMs)}.`,
    retryAfterMs,
  }
}

/** Log lines a connection may write once, whatever a client sends. */
export class OncePerConnection {
  private readonly written = new Set<string>()

  constructor(
    private readonly logger: Logger,
    private readonly fields: LogFields,
  ) {}

  /** Warn with `message` unless this connection already did. */
  warn(message: string, fields: LogFields = {}): void {
    if (this.written.has(message)) return
    this.written.add(message)
    this.logger.warn(`${message} (logged once per connection)`, { ...this.fields, ...fields })
  }
}

/** The connection's shared state for answering: its rate limit and its once-only log. */
export interface AnswerContext {
  /** The allowance this message draws on: its expert's, shared with their other connections. */
  readonly bucket: { take(): boolean; readonly retryAfterMs: number }
  readonly logger: Logger
  readonly once: OncePerConnection
  /** Every answer carries the platform's time, read as it leaves, for the app's clock estimate. */
  readonly clock: Clock
}

/**
 * Answer an emit of an event the platform does not know, could not read, or will not read (a key
 * named twice, too large), when it carries an acknowledgement (the last of `args`): the sender would otherwise wait for its own timeout. Counted against the
 * connection's rate limit.
 */
export function refuseUnknownEvent(
  event: unknown,
  args: ReadonlyArray<unknown>,
  context: AnswerContext,
): void {
  const ack = args.at(-1)
  if (typeof ack !== 'function') return
  const { bucket, clock } = context
  const message =
    event === UNREADABLE_EVENT
      ? 'This message could not be read: an event is a name in text followed by JSON arguments.'
      : event === DUPLICATE_KEY_EVENT
        ? `This message names the key ${describeValue(args[0])} twice in one object, so it was not acted on; send each key once.`
        : event === TOO_MANY_MEMBERS_EVENT
          ? tooManyMembers('This message')
          : event === TOO_LARGE_EVENT
            ? tooLarge('This message', args[0] as number)
            : event === BINARY_EVENT
              ? 'This message carries binary attachments, which no command has, so it was not read; send the command as JSON text.'
              : `The platform knows only the events ${KNOWN_EVENTS}; this one was ignored.`
  const error: ProtocolError = bucket.take()
    ? { code: 'invalid_payload', message }
    : rateLimited(bucket.retryAfterMs)
  ;(ack as (answer: CommandAck) => void)({ ok: false, error, serverTime: clock.now() })
}

/** Register an acknowledged handler for `event`: `handle` gets the one argument a client sends. */
export function answer(
  socket: Socket,
  event: string,
  context: AnswerContext,
  handle: (payload: unknown) => CommandAck,
): void {
  const { bucket, logger, once, clock } = context
  // socket.io puts the acknowledgement last, however many arguments came before it.
  socket.on(event, (...args: unknown[]) => {
    const ack = args.at(-1)
    if (typeof ack !== 'function') {
      once.warn('message without acknowledgement ignored', { event })
      return
    }
    const reply = (answer: CommandAck): void =>
      void (ack as (stamped: CommandAck) => void)({ ...answer, serverTime: clock.now() })
    if (!bucket.take()) {
      once.warn('rate limit hit', { event })
      reply({ ok: false, error: rateLimited(bucket.retryAfterMs) })
      return
    }
    if (args.length !== 2) {
      once.warn('message with the wrong number of arguments refused', { event, arguments: args.length - 1 })
      reply({
        ok: false,
        error: {
          code: 'invalid_payload',
          message: `A ${event} carries exactly one argument and an acknowledgement; this one had ${args.length - 1}.`,
        },
      })
      return
    }
    try {
      reply(handle(args[0]))
    } catch (error) {
      logger.error('handler failed', { event, error: String(error) })
      reply({ ok: false, error: { code: 'internal', message: 'The platform failed to answer; try again.' } })
    }
  })
}
