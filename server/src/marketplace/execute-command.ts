/**
 * Runs one expert command: validates it, answers a repeated idempotency key (same command, same
 * payload) with the first answer, refuses a key reused for anything else, and turns every refusal
 * into an error acknowledgement. Nothing here throws to the caller.
 */
import {
  CommandEnvelope,
  commandSchemas,
  type CommandAck,
  type CommandName,
  type CommandPayload,
  type CommandResult,
} from '../../../src/shared/protocol'
import { describeIssues, describeValue } from '../../../src/shared/describe-untrusted'
import { PlatformError } from '../platform-error'
import { autoAvailability, setAvailability } from './availability'
import { expertCancelSession } from './cancellations'
import type { MarketplaceContext } from './context'
import { acceptInvite, declineInvite } from './invites'
import { payloadDigest } from './payload-digest'
import { sendExpertMessage } from './messages'
import { proposeTime } from './reschedules'
import { autoCancelIfDue, autoCancelIfDueFor, endSession, joinSession, startBilling } from './sessions'
import { setSessionNote } from './session-notes'

type Handlers = {
  [N in CommandName]: (
    ctx: MarketplaceContext,
    expertId: string,
    payload: CommandPayload<N>,
    idempotencyKey: string,
  ) => CommandResult<N>
}

const handlers: Handlers = {
  'invite.accept': acceptInvite,
  'invite.decline': declineInvite,
  'message.send': sendExpertMessage,
  'session.join': joinSession,
  'session.startBilling': startBilling,
  'session.end': endSession,
  'session.cancel': expertCancelSession,
  'session.proposeTime': proposeTime,
  'session.setNote': setSessionNote,
  'availability.set': setAvailability,
  'availability.auto': autoAvailability,
}

/** Execute a raw command envelope from `expertId` and return its acknowledgement. */
export function executeCommand(ctx: MarketplaceContext, expertId: string, raw: unknown): CommandAck {
  const envelope = CommandEnvelope.safeParse(raw)
  if (!envelope.success) {
    return refuse(
      ctx,
      expertId,
      raw,
      new PlatformError('invalid_payload', `Malformed command: ${describeIssues(envelope.error.issues)}`),
    )
  }
  const { name, idempotencyKey } = envelope.data
  const payload = commandSchemas[name].payload.safeParse(envelope.data.payload)
  if (!payload.success) {
    return refuse(
      ctx,
      expertId,
      raw,
      new PlatformError('invalid_payload', `Invalid ${name}: ${describeIssues(payload.error.issues)}`),
    )
  }
  // A key answers only the command it was first used with: the same name and the same payload
  // (after validation, in canonical form). Anything else is a client bug that must not get the
  // first answer, which would report success for an action that never ran.
  const digest = payloadDigest(name, payload.data)
  const previous = ctx
    .sql<[string, string], { command: string; payload_digest: string | null; ack: string }>(
      'SELECT command, payload_digest, ack FROM command_results WHERE expert_id = ? AND idempotency_key = ?',
    )
    .get(expertId, idempotencyKey)
  if (previous !== undefined) {
    if (previous.command === name && (previous.payload_digest ?? digest) === digest)
      return JSON.parse(previous.ack) as CommandAck
    const what = previous.command === name ? `${name} with another payload` : previous.command
    return refuse(
      ctx,
      expertId,
      raw,
      new PlatformError(
        'idempotency_key_reused',
        `This idempotency key was already used for ${what}; send a new key for a new command.`,
      ),
    )
  }
  // A session the timed rule is about to cancel is cancelled first, so the command meets it so.
  const { sessionId, requestId, inviteId } = payload.data as {
    sessionId?: unknown
    requestId?: unknown
    inviteId?: unknown
  }
  if (typeof sessionId === 'string') autoCancelIfDue(ctx, sessionId)
  else if (typeof requestId === 'string') autoCancelIfDueFor(ctx, requestId, expertId)
  else if (typeof inviteId === 'string') {
    // An accept or decline of an invite accepted already is told where its session stands.
    const invite = ctx.store.inviteRow(inviteId)
    if (invite?.expert_id === expertId) autoCancelIfDueFor(ctx, invite.request_id, expertId)
  }
  try {
    return ctx.events.transact(() => {
      const result = (handlers[name] as Handlers[CommandName])(
        ctx,
        expertId,
        payload.data as never,
        idempotencyKey,
      )
      const ack: CommandAck = { ok: true, result }
      remember(ctx, expertId, idempotencyKey, name, digest, ack)
      return ack
    })
  } catch (error) {
    if (!(error instanceof PlatformError)) {
      ctx.logger.error('command failed unexpectedly', {
        expert: expertId,
        command: name,
        error: String(error),
      })
      return {
        ok: false,
        error: {
          code: 'internal',
          message: 'The platform could not process this command; nothing was changed. Try again.',
        },
      }
    }
    const ack = refuse(ctx, expertId, raw, error)
    // A business refusal is an answer too: the same key gets the same answer if retried.
    ctx.events.transact(() => remember(ctx, expertId, idempotencyKey, name, digest, ack))
    return ack
  }
}

function remember(
  ctx: MarketplaceContext,
  expertId: string,
  key: string,
  name: CommandName,
  digest: string,
  ack: CommandAck,
): void {
  ctx
    .sql(
      `INSERT INTO command_results (expert_id, idempotency_key, command, payload_digest, ack, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(expertId, key, name, digest, JSON.stringify(ack), ctx.clock.now())
}

function refuse(ctx: MarketplaceContext, expertId: string, raw: unknown, error: PlatformError): CommandAck {
  // The raw envelope is untrusted: describe its name without converting it (a nested array's
  // String() recurses through every level).
  const name =
    typeof raw === 'object' && raw !== null && 'name' in raw
      ? describeValue((raw as { name: unknown }).name)
      : '?'
  ctx.logger.warn('command refused', {
    expert: expertId,
    command: name,
    code: error.code,
    reason: error.message,
  })
  return { ok: false, error: error.toProtocol() }
}
