/**
 * Endpoints that act for clients and for the operator: create a request on demand, withdraw it,
 * join or cancel a session as the client, answer the expert's proposal of another time, write as
 * the client, review an ended session as the client, record a chargeback, read an invite's answer,
 * and move a manual clock. Loopback only.
 */
import { z } from 'zod'
import { ManualClock, type Clock } from '../../../src/shared/clock'
import {
  CancellationMessageDraft,
  Id,
  LATEST_PLATFORM_CLOCK,
  LATEST_TIMESTAMP,
  MAX_REPLAY_PAGE,
  MAX_REPLAY_PAGE_BYTES,
  MessageDraft,
} from '../../../src/shared/protocol'
import { PROPOSED_TIME_WINDOW } from '../../../src/shared/rules/time-windows'
import type { Marketplace } from '../marketplace/marketplace'
import { CreateRequestInput } from '../marketplace/requests'
import { describeIssues } from '../../../src/shared/describe-untrusted'
import { PlatformError } from '../platform-error'
import { queryInteger, queryText, readJson, type Route } from './http-util'

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value)
  if (!result.success)
    throw new PlatformError('invalid_payload', `Invalid ${what}: ${describeIssues(result.error.issues)}`)
  return result.data
}

// Every body is strict: a key an endpoint does not take is refused, naming it, rather than dropped,
// since a misspelt one would lose what it carried (a review's comment, given once) or change what
// the call means (a direct request sent to everyone).
// A message as its writer sends it (MessageDraft): a broken character is refused, as from the
// expert, rather than made a replacement character here before the marketplace could refuse it.
const ClientMessage = z.object({ requestId: Id, expertId: Id, body: MessageDraft }).strict()
/** A thread is read a page at a time, as a replay is: after a message's id, at most `limit` messages. */
const ThreadQuery = z.object({
  requestId: Id,
  expertId: Id,
  after: Id.optional(),
  limit: z.number().int().min(1).max(MAX_REPLAY_PAGE).default(MAX_REPLAY_PAGE),
})
const ClientCancel = z.object({ message: CancellationMessageDraft.optional() }).strict()
const ProposalAnswer = z.object({ accept: z.boolean() }).strict()
// The timed rules run once per simulated second, so one long advance would hold the platform busy
// for as long as it takes to run them all: a day per call keeps each answer prompt.
const MAX_ADVANCE_MS = 24 * 60 * 60_000
const Advance = z
  .object({
    ms: z.number().int().positive().max(MAX_ADVANCE_MS, {
      message: 'Advance the clock by at most a day per call; call again to go further.',
    }),
  })
  .strict()

/**
 * The admin routes (the caller checks that the request comes from loopback). An id in a path is at
 * most 64 characters, as every id is (`Id`): a longer one matches no route, so its 404 echoes a
 * bounded part of the path like any other, instead of the whole id in a "No session" sentence.
 */
export function adminRoutes(deps: { marketplace: Marketplace; clock: Clock }): Route[] {
  const { marketplace, clock } = deps
  return [
    {
      method: 'POST',
      path: /^\/admin\/requests$/,
      readsBody: true,
      handle: async (req) =>
        marketplace.createRequest(parse(CreateRequestInput, await readJson(req), 'request')),
    },
    {
      method: 'POST',
      path: /^\/admin\/requests\/([\w-]{1,64})\/withdraw$/,
      handle: (_req, _url, [id]) => {
        marketplace.withdrawRequest(id ?? '')
        return { withdrawn: id }
      },
    },
    {
      method: 'POST',
      path: /^\/admin\/sessions\/([\w-]{1,64})\/client-join$/,
      handle: (_req, _url, [id]) => ({ session: marketplace.clientJoin(id ?? '') }),
    },
    {
      method: 'POST',
      path: /^\/admin\/sessions\/([\w-]{1,64})\/review$/,
      readsBody: true,
      handle: async (req, _url, [id]) => ({ session: marketplace.review(id ?? '', await readJson(req)) }),
    },
    {
      method: 'POST',
      path: /^\/admin\/sessions\/([\w-]{1,64})\/chargeback$/,
      readsBody: true,
      handle: async (req, _url, [id]) => ({ session: marketplace.chargeback(id ?? '', await readJson(req)) }),
    },
    {
      method: 'POST',
      path: /^\/admin\/sessions\/([\w-]{1,64})\/client-cancel$/,
      readsBody: true,
      handle: async (req, _url, [id]) => {
        const { message } = parse(ClientCancel, await readJson(req), 'cancellation')
        return { session: marketplace.clientCancel(id ?? '', message) }
      },
    },
    {
      method: 'POST',
      path: /^\/admin\/sessions\/([\w-]{1,64})\/proposal-answer$/,
      readsBody: true,
      handle: async (req, _url, [id]) => {
        const { accept } = parse(ProposalAnswer, await readJson(req), 'answer')
        return { session: marketplace.answerProposal(id ?? '', accept) }
      },
    },
    {
      method: 'GET',
      path: /^\/admin\/sessions\/([\w-]{1,64})$/,
      handle: (_req, _url, [id]) => {
        if (marketplace.store.sessionRow(id ?? '') === undefined)
          throw new PlatformError('not_found', `No session ${id}.`)
        return { session: marketplace.store.session(id ?? '') }
      },
    },
    {
      method: 'GET',
      path: /^\/admin\/invites\/([\w-]{1,64})$/,
      handle: (_req, _url, [id]) => {
        // An invite's row is written after its sends; one whose write failed is written now.
        marketplace.events.settle()
        const row = marketplace.store.inviteRow(id ?? '')
        if (row === undefined) throw new PlatformError('not_found', `No invite ${id}.`)
        // The expert's answer as the operator sees it, with the reason a decline gave, if any.
        return {
          invite: marketplace.store.inviteFromRow(row),
          answeredAt: row.answered_at,
          declineReason: row.decline_reason,
        }
      },
    },
    {
      method: 'POST',
      path: /^\/admin\/messages$/,
      readsBody: true,
      handle: async (req) => {
        const input = parse(ClientMessage, await readJson(req), 'message')
        return { message: marketplace.clientMessage(input.requestId, input.expertId, input.body) }
      },
    },
    {
      method: 'GET',
      path: /^\/admin\/threads$/,
      query: ['requestId', 'expertId', 'after', 'limit'],
      handle: (_req, url) => {
        // Both named once, as ids: a missing or misspelt one would otherwise read as an empty thread.
        const { requestId, expertId, after, limit } = parse(
          ThreadQuery,
          {
            requestId: queryText(url, 'requestId'),
            expertId: queryText(url, 'expertId'),
            after: queryText(url, 'after'),
            limit: queryInteger(url, 'limit'),
          },
          'thread query (/admin/threads?requestId=<id>&expertId=<id>, then &after=<next> for the next page, and &limit=<n>)',
        )
        // A page as large as a replay's at most; `next`, present while more follow, is the next `after`.
        return marketplace.threadPage(requestId, expertId, { after, limit, maxBytes: MAX_REPLAY_PAGE_BYTES })
      },
    },
    {
      method: 'POST',
      path: /^\/admin\/clock\/advance$/,
      readsBody: true,
      handle: async (req) => {
        if (!(clock instanceof ManualClock)) {
          throw new PlatformError(
            'forbidden',
            'This platform runs on the real clock; start it with --manual-clock to drive time.',
          )
        }
        const { ms } = parse(Advance, await readJson(req), 'clock advance')
        // Past this an app takes the platform's time for a broken clock's, and a time a rule adds
        // to now (a proposal two years ahead) could no longer be carried.
        const last = Math.min(LATEST_PLATFORM_CLOCK - 1, LATEST_TIMESTAMP - PROPOSED_TIME_WINDOW.futureMs)
        if (clock.now() + ms > last) {
          throw new PlatformError(
            'invalid_payload',
            `The clock can go no further than ${new Date(last).toISOString()}; advance it by less.`,
          )
        }
        clock.advance(ms)
        return { now: clock.now() }
      },
    },
  ]
}
