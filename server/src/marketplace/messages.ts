/**
 * The thread between a request's client and one expert: open while the invite is open or the
 * session booked or live (src/shared/rules/thread-open.ts), read-only after. An invite's thread
 * closes when its time runs out, before the sweep marks it expired, as the app judges it.
 */
import {
  MessageDraft,
  type CommandPayload,
  type CommandResult,
  type Message,
  type SessionState,
} from '../../../src/shared/protocol'
import { threadClosed, type ThreadOwner } from '../../../src/shared/rules/thread-open'
import { newId } from '../ids'
import { PlatformError } from '../platform-error'
import { messageFromRow, type InviteRow, type MessageRow } from '../store/platform-store'
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

/** One page of a thread: its messages, and the id to read the next page after, when more follow. */
export interface ThreadPage {
  readonly messages: Message[]
  readonly next?: string
}

/**
 * A thread read a page at a time, oldest first, as a replay is: the messages after the one `after`
 * names (from the start when absent), at most `limit` of them and about `maxBytes` of their JSON
 * (at least one is always sent), so an operator's read of a long thread is never one huge answer.
 */
export function threadPage(
  ctx: MarketplaceContext,
  requestId: string,
  expertId: string,
  page: { readonly after?: string | undefined; readonly limit: number; readonly maxBytes: number },
): ThreadPage {
  let from: [number, number] = [Number.MIN_SAFE_INTEGER, -1]
  if (page.after !== undefined) {
    const cursor = ctx
      .sql<[string, string, string], { sent_at: number; rowid: number }>(
        'SELECT sent_at, rowid FROM messages WHERE id = ? AND request_id = ? AND expert_id = ?',
      )
      .get(page.after, requestId, expertId)
    if (cursor === undefined)
      throw new PlatformError('invalid_payload', `Query parameter after names no message of this thread.`)
    from = [cursor.sent_at, cursor.rowid]
  }
  const rows = ctx
    .sql<[string, string, number, number, number], MessageRow>(
      `SELECT * FROM messages WHERE request_id = ? AND expert_id = ? AND (sent_at, rowid) > (?, ?)
         ORDER BY sent_at, rowid LIMIT ?`,
    )
    .all(requestId, expertId, ...from, page.limit + 1)
  const messages: Message[] = []
  let bytes = 0
  for (const row of rows.slice(0, page.limit)) {
    const message = messageFromRow(row)
    bytes += Buffer.byteLength(JSON.stringify(message))
    if (messages.length > 0 && bytes > page.maxBytes) break
    messages.push(message)
  }
  const last = messages.at(-1)
  return messages.length < rows.length && last !== undefined ? { messages, next: last.id } : { messages }
}

/** The latest `most` messages of a thread, oldest first, and how many came before them. */
export function threadTail(
  ctx: MarketplaceContext,
  requestId: string,
  expertId: string,
  most: number,
): { messages: Message[]; earlier: number } {
  const latest = ctx
    .sql<[string, string, number], MessageRow>(
      `SELECT * FROM messages WHERE request_id = ? AND expert_id = ?
         ORDER BY sent_at DESC, rowid DESC LIMIT ?`,
    )
    .all(requestId, expertId, most)
  const total = ctx
    .sql<[string, string], number>('SELECT COUNT(*) FROM messages WHERE request_id = ? AND expert_id = ?')
    .pluck()
    .get(requestId, expertId)
  return { messages: latest.reverse().map(messageFromRow), earlier: (total ?? 0) - latest.length }
}

/**
 * Store a message and tell the expert, inside the caller's transaction, without asking whether
 * the thread is open: the session's end adds its closing note as it closes the thread.
 */
export function appendMessage(
  ctx: MarketplaceContext,
  requestId: string,
  expertId: string,
  from: 'expert' | 'client',
  text: string,
): Message {
  const id = newId('msg')
  ctx
    .sql(
      'INSERT INTO messages (id, request_id, expert_id, from_party, body, sent_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(id, requestId, expertId, from, text, ctx.clock.now())
  const message = ctx.store.message(id)
  ctx.events.append(expertId, 'message.created', { message })
  return message
}

function addMessage(
  ctx: MarketplaceContext,
  requestId: string,
  expertId: string,
  from: 'expert' | 'client',
  body: string,
): Message {
  // The client's side reaches here without a command schema; the text is stored as the app reads it.
  const text = parseInput(MessageDraft, body, 'message')
  return ctx.events.transact(() => {
    const owner = threadOwner(ctx, requestId, expertId)
    if (owner === null) {
      throw new PlatformError('not_found', `You have no invite or session for request ${requestId}.`)
    }
    const closed = threadClosed(owner)
    if (closed !== null) {
      // The same code as a Join on an expired invite, so the app can say it expired.
      const code = closed.expired ? 'expired' : 'invalid_state'
      throw new PlatformError(code, `${closed.because} New messages cannot be sent.`)
    }
    return appendMessage(ctx, requestId, expertId, from, text)
  })
}

/** The expert's session for the request if they took it, else their invite to it, else null. */
function threadOwner(ctx: MarketplaceContext, requestId: string, expertId: string): ThreadOwner | null {
  const session = ctx
    .sql<[string, string], { state: SessionState }>(
      'SELECT state FROM sessions WHERE request_id = ? AND expert_id = ?',
    )
    .get(requestId, expertId)
  if (session !== undefined) return { kind: 'session', state: session.state }
  const invite = ctx
    .sql<[string, string], InviteRow>('SELECT * FROM invites WHERE request_id = ? AND expert_id = ?')
    .get(requestId, expertId)
  return invite === undefined
    ? null
    : { kind: 'invite', invite: ctx.store.inviteFromRow(invite), now: ctx.clock.now() }
}
