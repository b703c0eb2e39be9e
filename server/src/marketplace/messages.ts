/** The pre-session thread: an expert may message the client about a request before deciding. */
import {
  MessageBody,
  type CommandPayload,
  type CommandResult,
  type Message,
} from '../../../src/shared/protocol'
import { newId } from '../ids'
import { PlatformError } from '../platform-error'
import { messageFromRow, type MessageRow } from '../store/platform-store'
import type { MarketplaceContext } from './context'
import { parseInput } from './parse-input'

/** The expert writes to the client of a request they were invited to or took. */
export function sendExpertMessage(
  ctx: MarketplaceContext,
  expertId: string,
  { requestId, body }: CommandPayload<'message.send'>,
): CommandResult<'message.send'> {
  return { message: addMessage(ctx, requestId, expertId, 'expert', body) }
}

/** The client answers in their thread with one expert. */
export function sendClientMessage(
  ctx: MarketplaceContext,
  requestId: string,
  expertId: string,
  body: string,
): Message {
  return addMessage(ctx, requestId, expertId, 'client', body)
}

/** The thread between a request's client and one expert, oldest first. */
export function threadOf(ctx: MarketplaceContext, requestId: string, expertId: string): Message[] {
  return ctx
    .sql<[string, string], MessageRow>(
      'SELECT * FROM messages WHERE request_id = ? AND expert_id = ? ORDER BY sent_at, rowid',
    )
    .all(requestId, expertId)
    .map(messageFromRow)
}

function addMessage(
  ctx: MarketplaceContext,
  requestId: string,
  expertId: string,
  from: 'expert' | 'client',
  body: string,
): Message {
  // The client's side reaches here without a command schema; the text is stored as the app reads it.
  const text = parseInput(MessageBody, body, 'message')
  return ctx.events.transact(() => {
    const linked = ctx
      .sql(
        `SELECT 1 FROM invites WHERE request_id = ? AND expert_id = ?
         UNION ALL SELECT 1 FROM sessions WHERE request_id = ? AND expert_id = ?`,
      )
      .get(requestId, expertId, requestId, expertId)
    if (linked === undefined) {
      throw new PlatformError('not_found', `You have no invite or session for request ${requestId}.`)
    }
    const id = newId('msg')
    ctx
      .sql(
        'INSERT INTO messages (id, request_id, expert_id, from_party, body, sent_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(id, requestId, expertId, from, text, ctx.clock.now())
    const message = ctx.store.message(id)
    ctx.events.append(expertId, 'message.created', { message })
    return message
  })
}
