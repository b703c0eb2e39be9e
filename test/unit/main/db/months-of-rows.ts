/**
 * A cache filled as four months on a stable connection fill it: invites every day (taken by
 * someone else, or run out), a client's message on each, a session every few days with its
 * reminders, and what the app marked as shown. Events only, no snapshot, as on a link that never
 * needed one.
 */
import type { SqliteCacheStore } from '../../../../src/main/db/sqlite-cache-store'
import type { Invite, PlatformEvent, Session } from '../../../../src/shared/protocol'
import {
  aMessage,
  anInvite,
  aRequest,
  aScheduledRequest,
  aSession,
  endedSession,
  FIXTURE_NOW,
  inviteClosed,
  inviteCreated,
  messageCreated,
  MINUTE,
  sessionUpdated,
} from '../../../support/fixtures'

/** A day in milliseconds. */
export const DAY = 24 * 60 * MINUTE

/** How many days the world spans, and how many invites each day brings. */
export const DAYS = 120
export const INVITES_A_DAY = 5

/** The platform's time at the end of the four months. */
export const MONTHS_LATER = FIXTURE_NOW + DAYS * DAY

/** What the world holds that must stay, by name. */
export interface MonthsOfRows {
  /** Open now, shown as a notification, with a client's message. */
  readonly openInvite: Invite
  /** Booked for tomorrow; its thread began weeks ago; its 30-minute reminder is marked. */
  readonly booked: Session
  /** Cancelled by the client long ago; "cancelled" was told. */
  readonly cancelledLongAgo: Session
  /** Ended on the first day: History's oldest row. */
  readonly endedFirst: Session
  /** An invite that ran out on the first day (its row goes; an old copy may come back). */
  readonly oldInvite: Invite
  /** The client's message on the first day's invite. */
  readonly oldMessageId: string
}

/** Fill `store` with the four months; every invite shown, every client's message notified. */
export function fillMonths(store: SqliteCacheStore): MonthsOfRows {
  let id = store.cursor()
  const events: PlatformEvent[] = []
  const add = (...make: Array<(n: number) => PlatformEvent>): void => {
    for (const f of make) events.push(f(++id))
  }
  const shown: Array<[string, number]> = []
  const messages: Array<[string, number]> = []
  let oldInvite: Invite | undefined
  const sessions: Session[] = []
  for (let day = 0; day < DAYS; day++) {
    for (let k = 0; k < INVITES_A_DAY; k++) {
      const at = FIXTURE_NOW + day * DAY + k * 60 * MINUTE
      const invite = anInvite({ request: aRequest({ id: `req_${day}_${k}`, createdAt: at }) })
      oldInvite ??= invite
      const message = aMessage({ id: `msg_${day}_${k}`, requestId: invite.request.id, sentAt: at + MINUTE })
      add(
        (n) => inviteCreated(n, invite),
        (n) => messageCreated(n, message),
      )
      // Taken by someone else, or left to run out (the platform's word never came).
      if (k % 2 === 0) add((n) => inviteClosed(n, invite.id, 'taken', null, at + 2 * MINUTE))
      shown.push([invite.id, at])
      messages.push([message.id, at + MINUTE])
    }
    if (day % 10 === 0) {
      const start = FIXTURE_NOW + day * DAY + 8 * 60 * MINUTE
      const request = aScheduledRequest(`sreq_${day}`, start, { createdAt: start - DAY })
      const session = endedSession(aSession({ id: `ses_${day}`, request }), start + 30 * MINUTE)
      const note = aMessage({ id: `smsg_${day}`, requestId: request.id, sentAt: start - 60 * MINUTE })
      add(
        (n) => sessionUpdated(n, session),
        (n) => messageCreated(n, note),
      )
      sessions.push(session)
      messages.push([note.id, note.sentAt])
    }
  }
  const cancelledRequest = aScheduledRequest('sreq_cancelled', FIXTURE_NOW + 3 * DAY, {
    createdAt: FIXTURE_NOW,
  })
  const cancelledLongAgo: Session = {
    ...aSession({ id: 'ses_cancelled', request: cancelledRequest }),
    state: 'cancelled',
    cancellation: {
      reason: 'client_cancelled',
      feeAssessedTo: null,
      cancelledAt: FIXTURE_NOW + DAY,
      by: 'client',
    },
    updatedAt: FIXTURE_NOW + DAY,
  }
  const now = MONTHS_LATER
  const openInvite = anInvite({ request: aRequest({ id: 'req_open', createdAt: now - MINUTE }) })
  const openMessage = aMessage({ id: 'msg_open', requestId: 'req_open', sentAt: now - MINUTE })
  const bookedRequest = aScheduledRequest('sreq_booked', now + DAY, { createdAt: now - 30 * DAY })
  const booked = aSession({ id: 'ses_booked', request: bookedRequest, updatedAt: now - 30 * DAY })
  const bookedMessage = aMessage({ id: 'msg_booked', requestId: 'sreq_booked', sentAt: now - 30 * DAY })
  // A client's message whose invite has not arrived yet: the stream refuses it (stream-contradiction.ts).
  const early = aMessage({ id: 'msg_early', requestId: 'req_not_yet', sentAt: now - MINUTE })
  add(
    (n) => sessionUpdated(n, cancelledLongAgo),
    (n) => inviteCreated(n, openInvite),
    (n) => messageCreated(n, openMessage),
    (n) => sessionUpdated(n, booked),
    (n) => messageCreated(n, bookedMessage),
    (n) => messageCreated(n, early),
  )
  store.applyEvents(events)
  for (const [inviteId, at] of [...shown, [openInvite.id, now - MINUTE] as [string, number]])
    store.markNotified([inviteId], at)
  for (const [messageId, at] of [
    ...messages,
    [openMessage.id, now],
    [bookedMessage.id, now - 30 * DAY],
  ] as Array<[string, number]>)
    store.markMessagesNotified([messageId], at)
  for (const session of sessions) {
    for (const alert of ['30', '10', 'starting_now', 'client_absent'])
      store.markReminder(
        { sessionId: session.id, bookedStart: session.bookedStart, alert },
        'fired',
        session.bookedStart,
      )
    store.snoozeReminder({ sessionId: session.id, bookedStart: session.bookedStart, at: session.bookedStart })
  }
  store.markReminder(
    { sessionId: cancelledLongAgo.id, bookedStart: cancelledLongAgo.bookedStart, alert: 'cancelled' },
    'fired',
    FIXTURE_NOW + DAY,
  )
  store.markReminder({ sessionId: booked.id, bookedStart: booked.bookedStart, alert: '30' }, 'skipped', now)
  return {
    openInvite,
    booked,
    cancelledLongAgo,
    endedFirst: sessions[0]!,
    oldInvite: oldInvite!,
    oldMessageId: 'msg_0_0',
  }
}

/** Run a whole retention pass at `now`; answers how many batches it took and how many rows went. */
export function trimAll(store: SqliteCacheStore, now: number): { batches: number; removed: number } {
  let progress = store.trimBatch(now)
  let batches = 1
  while (progress.position !== null) {
    progress = store.trimBatch(now, progress)
    batches++
  }
  return { batches, removed: progress.removed }
}
