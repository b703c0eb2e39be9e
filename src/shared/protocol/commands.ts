/**
 * Commands, expert to server. Each is sent with an acknowledgement and an idempotency key: the
 * server answers a repeated key with the first answer instead of acting twice, so a client may
 * retry after a lost acknowledgement without, say, booking twice.
 */
import { z } from 'zod'
import {
  AutoAvailability,
  Availability,
  AvailabilityCause,
  CancellationMessageDraft,
  DeclineReason,
  Id,
  IdleMinutes,
  Message,
  MessageDraft,
  Outcome,
  Session,
  Timestamp,
} from './entities'
import { PrivateNoteDraft } from './private-note'
import { ReasonSentence, Token } from './text'
import { PlatformTime } from './time'

/**
 * Client-chosen key that makes a command safe to retry; a UUID fits. Visible ASCII only: a key is
 * looked up as stored, and text SQLite would rewrite could never be found again.
 */
export const IdempotencyKey = Token({ min: 8, max: 100, what: 'An idempotency key' })

/**
 * How the expert ends a session, as a command says it: strict like every payload below, though the
 * session's own outcome (platform to app) is read leniently.
 */
const ChosenOutcome = z.discriminatedUnion('kind', [
  Outcome.options[0].strict(),
  Outcome.options[1].strict(),
  Outcome.options[2].strict(),
])

/**
 * Each command's payload schema and result schema. A payload (and its envelope) refuses a key it
 * does not know instead of dropping it: a misspelt optional field (a closing note, a decline's
 * reason) or one a newer app added would otherwise be lost while the command succeeds, and the
 * expert told it did what they asked. What the platform sends the app stays lenient, so an older
 * app still reads a newer platform; a command is an instruction, and a part of it the receiver
 * cannot carry out must be refused, not skipped.
 */
export const commandSchemas = {
  'invite.accept': {
    payload: z.strictObject({
      inviteId: Id,
      /** Required for a scheduled invite: one of the request's proposed times. */
      proposedTime: Timestamp.nullable(),
    }),
    result: z.object({ session: Session }),
  },
  'invite.decline': {
    payload: z.strictObject({
      inviteId: Id,
      /** Why the expert declines, when they say; a decline from a notification gives none. */
      reason: DeclineReason.optional(),
    }),
    result: z.object({ inviteId: Id }),
  },
  'message.send': {
    payload: z.strictObject({ requestId: Id, body: MessageDraft }),
    result: z.object({ message: Message }),
  },
  'session.join': {
    payload: z.strictObject({ sessionId: Id }),
    result: z.object({ session: Session }),
  },
  'session.startBilling': {
    payload: z.strictObject({ sessionId: Id }),
    result: z.object({ session: Session }),
  },
  'session.end': {
    payload: z.strictObject({
      sessionId: Id,
      outcome: ChosenOutcome,
      /** A last word to the client; the platform adds it to the thread and to the session. */
      closingNote: MessageDraft.optional(),
    }),
    result: z.object({ session: Session }),
  },
  /**
   * Cancel a booked session ahead of time, with a note to the client. Free until the session's
   * `freeCancellationUntil`; after it the expert pays the late-cancellation fee.
   */
  'session.cancel': {
    payload: z.strictObject({ sessionId: Id, message: CancellationMessageDraft.optional() }),
    result: z.object({ session: Session }),
  },
  /** Propose another time for a booked session; the client accepts or declines it. */
  'session.proposeTime': {
    payload: z.strictObject({ sessionId: Id, proposedStart: Timestamp }),
    result: z.object({ session: Session }),
  },
  /** Replace the expert's private note on any of their sessions, in any state; empty clears it. */
  'session.setNote': {
    payload: z.strictObject({ sessionId: Id, note: PrivateNoteDraft }),
    result: z.object({ session: Session }),
  },
  'availability.set': {
    payload: z.strictObject({
      availability: Availability,
      /** Only with "online": switch to away at this time. */
      onlineUntil: Timestamp.nullable(),
    }),
    result: z.object({ availability: Availability, onlineUntil: Timestamp.nullable() }),
  },
  /**
   * An automatic change the app asks for. The platform decides against its own state, in one
   * transaction: idle or screen_locked switch only an online expert to away; back restores only
   * an away that idle or screen_locked set. Anything else is left as it is and answered as it is.
   */
  'availability.auto': {
    payload: z.strictObject({
      change: AutoAvailability,
      /** With idle: how long the computer had been idle, in whole minutes. */
      idleMinutes: IdleMinutes.nullable(),
    }),
    result: z.object({
      availability: Availability,
      onlineUntil: Timestamp.nullable(),
      availabilityCause: AvailabilityCause,
    }),
  },
} as const

/** The name of a command. */
export type CommandName = keyof typeof commandSchemas
/** The payload a command takes. */
export type CommandPayload<N extends CommandName> = z.infer<(typeof commandSchemas)[N]['payload']>
/** The result a command returns when it succeeds. */
export type CommandResult<N extends CommandName> = z.infer<(typeof commandSchemas)[N]['result']>

/** Every command name, for exhaustive loops in tests and fuzzers. */
export const COMMAND_NAMES = Object.keys(commandSchemas) as ReadonlyArray<CommandName>

/** The envelope of every command on the wire. */
export const CommandEnvelope = z.strictObject({
  name: z.enum(COMMAND_NAMES as [CommandName, ...CommandName[]]),
  idempotencyKey: IdempotencyKey,
  payload: z.unknown(),
})
/** The envelope of every command on the wire. */
export type CommandEnvelope = z.infer<typeof CommandEnvelope>

/** Machine-readable reasons a command or request was refused. */
export const ErrorCode = z.enum([
  'invalid_payload',
  'unauthorized',
  'not_found',
  'forbidden',
  'conflict',
  'taken',
  'expired',
  'not_proposed',
  'time_passed',
  'too_early',
  'invalid_state',
  'rate_limited',
  'busy',
  'idempotency_key_reused',
  'protocol_mismatch',
  'internal',
])
/** Machine-readable reasons a command or request was refused. */
export type ErrorCode = z.infer<typeof ErrorCode>

/** The longest wait a refusal is taken to ask for: a wrong or hostile platform must not keep the app quiet for long. */
export const MAX_REFUSAL_WAIT_MS = 60_000

/**
 * How long a refusal (too many at once) asks the app to wait before trying again: a wait past the
 * longest is cut to it, and one that is no wait (negative, not a number) is dropped, not the answer.
 */
export const RetryAfterMs = z
  .number()
  .min(0)
  // Math.max turns a negative zero (which passes the bound and survives JSON) into a plain one.
  .transform((ms) => Math.max(0, Math.min(Math.ceil(ms), MAX_REFUSAL_WAIT_MS)))
  .optional()
  .catch(undefined)

/** A refusal with a sentence a person can act on, and for a refusal of too many, the wait it asks for. */
export const ProtocolError = z.object({
  code: ErrorCode,
  message: ReasonSentence,
  retryAfterMs: RetryAfterMs,
})
/** A refusal with a sentence a person can act on. */
export type ProtocolError = z.infer<typeof ProtocolError>

/**
 * The platform's clock when it answered, on every acknowledgement: the app estimates the offset
 * from it, because the platform's time decides its rules. Optional, so older platforms still fit;
 * one that is not a time is dropped rather than costing the answer it came with. A clock read
 * finer than the millisecond is taken to the nearest one (PlatformTime).
 */
export const ServerTime = PlatformTime.optional().catch(undefined)

const AckServerTime = { serverTime: ServerTime }

/** The acknowledgement of any command (and of a replay). */
export const CommandAck = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown(), ...AckServerTime }),
  z.object({ ok: z.literal(false), error: ProtocolError, ...AckServerTime }),
])
/** The acknowledgement of any command. */
export type CommandAck = z.infer<typeof CommandAck>

/**
 * A refusal whose code this version does not know (a newer platform's reason): still a refusal,
 * with a sentence the expert can act on, so the app tells it as the platform said it rather than
 * as an answer that made no sense ("may or may not have happened"), when nothing happened.
 */
export const UnknownRefusal = z.object({
  ok: z.literal(false),
  error: z.object({ code: z.string().min(1).max(64), message: ReasonSentence }),
  ...AckServerTime,
})

/** The socket.io event name for commands. */
export const COMMAND_EVENT = 'command'
