/**
 * Runs one expert command: validates it, answers a repeated idempotency key with the first answer,
 * and turns every refusal into an error acknowledgement. Nothing here throws to the caller.
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
import { setAvailability } from './availability'
import type { MarketplaceContext } from './context'
import { acceptInvite, declineInvite } from './invites'
import { sendExpertMessage } from './messages'
import { endSession, joinSession, startBilling } from './sessions'

type Handlers = {
  [N in CommandName]: (
    ctx: MarketplaceContext,
    expertId: string,
    payload: CommandPayload<N>,
  ) => CommandResult<N>
}

const handlers: Handlers = {
  'invite.accept': acceptInvite,
  'invite.decline': declineInvite,
  'message.send': sendExpertMessage,
  'session.join': joinSession,
  'session.startBilling': startBilling,
  'session.end': endSession,
  'availability.set': setAvailability,
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
  const previous = ctx
    .sql<[string, string], { command: string; ack: string }>(
      'SELECT command, ack FROM command_results WHERE expert_id = ? AND idempotency_key = ?',
    )
    .get(expertId, idempotencyKey)
  if (previous !== undefined) {
    if (previous.command === name) return JSON.parse(previous.ack) as CommandAck
    return refuse(
      ctx,
      expertId,
      raw,
      new PlatformError('conflict', `Idempotency key was already used for ${previous.command}.`),
    )
  }
  const payload = commandSchemas[name].payload.safeParse(envelope.data.payload)
  if (!payload.success) {
    return refuse(
      ctx,
      expertId,
      raw,
      new PlatformError('invalid_payload', `Invalid ${name}: ${describeIssues(payload.error.issues)}`),
    )
  }
  try {
    return ctx.events.transact(() => {
      const result = (handlers[name] as Handlers[CommandName])(ctx, expertId, payload.data as never)
      const ack: CommandAck = { ok: true, result }
      remember(ctx, expertId, idempotencyKey, name, ack)
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
    ctx.events.transact(() => remember(ctx, expertId, idempotencyKey, name, ack))
    return ack
  }
}

function remember(
  ctx: MarketplaceContext,
  expertId: string,
  key: string,
  name: CommandName,
  ack: CommandAck,
): void {
  ctx
    .sql(
      'INSERT INTO command_results (expert_id, idempotency_key, command, ack, created_at) VALUES (?, ?, ?, ?, ?)',
    )
    .run(expertId, key, name, JSON.stringify(ack), ctx.clock.now())
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
