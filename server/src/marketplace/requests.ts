/** Clients' requests: creating one invites experts; withdrawing or expiring one closes its invites. */
import { z } from 'zod'
import {
  Attachment,
  Entered,
  FileName,
  Id,
  MimeType,
  MAX_PROPOSED_TIMES,
  RequestDescription,
  RequestTitle,
  SessionKind,
  Tag,
  Timestamp,
  type HelpRequest,
} from '../../../src/shared/protocol'
import { outsideWindow, PROPOSED_TIME_WINDOW } from '../../../src/shared/rules/time-windows'
import { newId } from '../ids'
import { PlatformError } from '../platform-error'
import type { ExpertRow, InviteRow, RequestRow } from '../store/platform-store'
import type { MarketplaceContext } from './context'
import { parseInput } from './parse-input'
import { markPhase } from '../phase-trace'
import { cutAtSlots, JSON_SLOT, JSON_SLOT_TEXT } from '../json-text'
import { writeLastInvited } from './invite-lookup'
import { insertInChunks } from '../store/insert-in-chunks'

/**
 * A new request as a client (or the simulator, or a test) submits it. Strict: a misspelt key is
 * refused rather than dropped, since a direct request without its `direct` goes to everyone.
 */
export const CreateRequestInput = z.strictObject({
  clientId: Id,
  title: Entered(RequestTitle, 'The title'),
  description: RequestDescription.default(''),
  attachments: z
    .array(
      Attachment.strict().extend({
        name: Entered(FileName, 'A file name'),
        mimeType: Entered(MimeType, 'A file type'),
      }),
    )
    .max(20)
    .default([]),
  tags: z.array(Entered(Tag, 'A tag')).max(20).default([]),
  kind: SessionKind,
  proposedTimes: z.array(Timestamp).max(MAX_PROPOSED_TIMES).default([]),
  expectedDurationMinutes: z.number().int().min(5).max(480).default(30),
  /** A direct request goes to this expert alone. */
  direct: z
    .strictObject({ expertId: Id, via: z.enum(['dashboard', 'profile']) })
    .nullable()
    .default(null),
  /** Overrides the platform's fan-out for a matched request. */
  fanOut: z.number().int().min(1).max(10_000).optional(),
})
/** A new request as a client submits it. */
export type CreateRequestInput = z.input<typeof CreateRequestInput>

/** What creating a request did. */
export interface CreatedRequest {
  readonly request: HelpRequest
  readonly invitedExpertIds: ReadonlyArray<string>
}

/** Store a request and invite experts to it: the named one, or several qualified online ones. */
export function createRequest(ctx: MarketplaceContext, rawInput: CreateRequestInput): CreatedRequest {
  const input = parseInput(CreateRequestInput, rawInput, 'request')
  const now = ctx.clock.now()
  validateTimes(input.kind, input.proposedTimes, now)
  // Inside a caller's transaction, the caller may act on the invites before it commits.
  const ownTransaction = !ctx.events.inTransactionNow
  return ctx.events.transact(() => {
    if (!clientExists(ctx, input.clientId)) {
      throw new PlatformError('not_found', `No client ${input.clientId}`)
    }
    const expertIds = input.direct
      ? [directExpert(ctx, input.direct.expertId).id]
      : matchExperts(ctx, input.tags, input.fanOut, input.kind)
    markPhase('matched')
    const id = newId('req')
    const times = [...input.proposedTimes].sort((a, b) => a - b)
    const row: RequestRow = {
      id,
      client_id: input.clientId,
      // Already through the schemas a stored request is read back with, as it is sent now.
      title: input.title,
      description: input.description,
      attachments: JSON.stringify(input.attachments),
      tags: JSON.stringify(input.tags),
      kind: input.kind,
      proposed_times: JSON.stringify(times),
      expected_duration_minutes: input.expectedDurationMinutes,
      state: 'open',
      created_at: now,
    }
    // The request is the bulk of every invite: built from its row and serialized once for all of
    // them, and stored once, with the row (not read back and written again).
    const request = ctx.store.requestOf(row)
    const requestJson = JSON.stringify(request)
    ctx
      .sql(
        `INSERT INTO requests (id, client_id, title, description, attachments, tags, kind, proposed_times,
           expected_duration_minutes, state, created_at, invite_json)
           VALUES (@id, @client_id, @title, @description, @attachments, @tags, @kind, @proposed_times,
             @expected_duration_minutes, @state, @created_at, @invite_json)`,
      )
      .run({ ...row, invite_json: requestJson })
    markPhase('request row')
    const reason = input.direct
      ? input.direct.via === 'dashboard'
        ? 'direct_dashboard'
        : 'direct_profile'
      : 'matched'
    const expiresAt =
      input.kind === 'instant'
        ? now + ctx.config.instantInviteTtlMs
        : Math.min(now + ctx.config.scheduledInviteTtlMs, times.at(-1) ?? now)
    const invites = expertIds.map((expertId) => ({ expertId, inviteId: newId('inv') }))
    const writeInvites = (): void => {
      insertInChunks(
        ctx.sql,
        {
          table: 'invites',
          shared: [
            ['request_id', id],
            ['reason', reason],
            ['sent_at', now],
            ['expires_at', expiresAt],
            ['state', 'open'],
          ],
          columns: ['id', 'expert_id'],
        },
        invites.map(({ expertId, inviteId }) => [inviteId, expertId]),
      )
      markPhase('invite rows')
    }
    // Each invite.created event holds its whole invite, so the rows can follow the sends, as the
    // lookups do (and first: the lookups are read from them); if the platform stops in between,
    // they are rebuilt from the events when it next opens the file (repairInvites).
    if (ownTransaction) ctx.events.afterDelivery(writeInvites)
    else writeInvites()
    // Invites differ only in their id: serialized once, cut where the id and the request go.
    const [beforeId, beforeRequest, rest] = cutAtSlots(
      JSON.stringify({
        invite: { id: JSON_SLOT, request: JSON_SLOT, reason, sentAt: now, expiresAt, state: 'open' },
      }),
      2,
    )
    ctx.events.appendAll(
      invites.map(({ expertId, inviteId }) => {
        const invite = { id: inviteId, request, reason, sentAt: now, expiresAt, state: 'open' } as const
        const withId = `${beforeId}${JSON.stringify(inviteId)}${beforeRequest}`
        return {
          expertId,
          type: 'invite.created',
          payload: { invite },
          payloadJson: `${withId}${requestJson}${rest}`,
          storedPayloadJson: { json: `${withId}${JSON_SLOT_TEXT}${rest}`, requestId: id },
          inviteId,
        }
      }),
    )
    // The matching order is written once the invites went out, as the stream's lookup is (which
    // finds each expert's invites): both can be rebuilt from the events, committed before anyone is
    // sent one.
    ctx.events.afterDelivery(() => writeLastInvited(ctx, { sentAt: now, requestId: id }))
    if (expertIds.length === 0) {
      ctx.sql(`UPDATE requests SET state = 'expired' WHERE id = ?`).run(id)
      ctx.logger.warn('request matched no online expert', { request: id, tags: input.tags.join(',') })
    }
    return { request, invitedExpertIds: expertIds }
  })
}

/** Why a request in `state` cannot be taken back, and what the client can do instead. */
function notWithdrawable(requestId: string, state: string): string {
  switch (state) {
    case 'booked':
      return `An expert already took request ${requestId}, so it can no longer be withdrawn; cancel its session instead.`
    case 'expired':
      return `Request ${requestId} expired with nobody taking it; there is nothing to withdraw.`
    case 'withdrawn':
      return `Request ${requestId} was already withdrawn.`
    default:
      return `Request ${requestId} is ${state}, so it can no longer be withdrawn.`
  }
}

/** The client takes the request back: every open invite to it closes as withdrawn. */
export function withdrawRequest(ctx: MarketplaceContext, requestId: string): void {
  ctx.events.transact(() => {
    const row = ctx.store.requestRow(requestId)
    if (row === undefined) throw new PlatformError('not_found', `No request ${requestId}; check its id.`)
    if (row.state !== 'open') throw new PlatformError('invalid_state', notWithdrawable(requestId, row.state))
    ctx.sql(`UPDATE requests SET state = 'withdrawn' WHERE id = ?`).run(requestId)
    closeOpenInvites(ctx, requestId, 'withdrawn', null)
  })
}

/** Close every open invite of a request with `state`, telling each expert. Skips `exceptInviteId`. */
export function closeOpenInvites(
  ctx: MarketplaceContext,
  requestId: string,
  state: 'taken' | 'withdrawn',
  exceptInviteId: string | null,
): void {
  const open = ctx
    .sql<[string], InviteRow>(`SELECT * FROM invites WHERE request_id = ? AND state = 'open'`)
    .all(requestId)
  const close = ctx.sql(`UPDATE invites SET state = ? WHERE id = ?`)
  for (const invite of open) {
    if (invite.id === exceptInviteId) continue
    close.run(state, invite.id)
    ctx.events.append(invite.expert_id, 'invite.closed', {
      inviteId: invite.id,
      reason: state,
      sessionId: null,
    })
  }
}

/** Mark a still-open request expired once none of its invites is open. */
export function expireRequestIfUnanswered(ctx: MarketplaceContext, requestId: string): void {
  ctx
    .sql(
      `UPDATE requests SET state = 'expired' WHERE id = ? AND state = 'open'
         AND NOT EXISTS (SELECT 1 FROM invites WHERE request_id = requests.id AND state = 'open')`,
    )
    .run(requestId)
}

function validateTimes(kind: 'instant' | 'scheduled', times: ReadonlyArray<number>, now: number): void {
  if (kind === 'instant' && times.length > 0) {
    throw new PlatformError('invalid_payload', 'An instant request has no proposed times')
  }
  if (kind === 'scheduled' && times.length === 0) {
    throw new PlatformError(
      'invalid_payload',
      `A scheduled request needs 1 to ${MAX_PROPOSED_TIMES} proposed times`,
    )
  }
  if (times.some((t) => t <= now))
    throw new PlatformError('invalid_payload', 'Every proposed time must be in the future')
  const tooFar = times
    .map((t) => outsideWindow(t, now, PROPOSED_TIME_WINDOW))
    .find((problem) => problem !== null)
  if (tooFar !== undefined) throw new PlatformError('invalid_payload', tooFar)
  if (new Set(times).size !== times.length)
    throw new PlatformError('invalid_payload', 'Proposed times must differ')
}

function clientExists(ctx: MarketplaceContext, clientId: string): boolean {
  return ctx.sql('SELECT 1 FROM clients WHERE id = ?').get(clientId) !== undefined
}

function directExpert(ctx: MarketplaceContext, expertId: string): ExpertRow {
  const row = ctx.store.expertRow(expertId)
  if (row === undefined) throw new PlatformError('not_found', `No expert ${expertId}`)
  return row
}

/**
 * Who can take new work of this kind: online experts; for a scheduled request also those busy in a
 * session who were online before it, since the request is for later. An "online until" that has
 * passed counts as away already: the rule that switches the expert runs a moment later.
 */
const AVAILABLE_FOR = `((availability = 'online' AND (online_until IS NULL OR online_until > @now))
  OR (@kind = 'scheduled' AND availability_cause = 'session' AND resume_availability = 'online'
    AND (resume_online_until IS NULL OR resume_online_until > @now)))`

/**
 * The ids of available experts sharing a tag with the request (any if it has none), least recently
 * invited first. Only the id: whole rows would go through the sort with every column.
 */
function matchExperts(
  ctx: MarketplaceContext,
  tags: ReadonlyArray<string>,
  fanOut: number | undefined,
  kind: SessionKind,
): string[] {
  const limit = fanOut ?? ctx.config.defaultFanOut
  const now = ctx.clock.now()
  if (tags.length === 0) {
    return ctx
      .sql<[{ kind: SessionKind; now: number; limit: number }], string>(
        `SELECT id FROM experts WHERE ${AVAILABLE_FOR} ORDER BY last_invited_at, id LIMIT @limit`,
      )
      .pluck()
      .all({ kind, now, limit })
  }
  return ctx
    .sql<[{ kind: SessionKind; now: number; tags: string; limit: number }], string>(
      `SELECT id FROM experts WHERE ${AVAILABLE_FOR}
         AND id IN (SELECT expert_id FROM expert_tags WHERE tag IN (SELECT value FROM json_each(@tags)))
       ORDER BY last_invited_at, id LIMIT @limit`,
    )
    .pluck()
    .all({ kind, now, tags: JSON.stringify(tags), limit })
}
