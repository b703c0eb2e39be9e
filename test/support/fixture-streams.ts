/**
 * Long runs of protocol objects for replay tests and benches: a realistic stream of platform
 * events, and an expert's history of many sessions. Deterministic, as fixtures.ts is.
 */
import type { Session, PlatformEvent } from '../../src/shared/protocol'
import {
  FIXTURE_NOW,
  MINUTE,
  aClient,
  aScheduledRequest,
  aSession,
  liveSession,
  endedSession,
  anInvite,
  aRequest,
  inviteCreated,
  inviteClosed,
  sessionUpdated,
} from './fixtures'

/**
 * A realistic stream: each request is invited; a third are accepted and become a session that is
 * booked, goes live and ends; the rest are taken by someone else, expire or are declined. Two of
 * three requests are scheduled. Ids run from `firstId` without gaps.
 */
export function eventStream(options: {
  count: number
  firstId?: number
  expertId?: string
  start?: number
}): PlatformEvent[] {
  const expertId = options.expertId ?? 'exp_ada'
  const start = options.start ?? FIXTURE_NOW
  const events: PlatformEvent[] = []
  let id = options.firstId ?? 1
  const push = (make: (eventId: number) => PlatformEvent): void => {
    if (events.length < options.count) events.push(make(id++))
  }
  for (let n = 0; events.length < options.count; n++) {
    const createdAt = start + n * MINUTE
    const request =
      n % 3 === 2
        ? aRequest({ id: `req_${n}`, client: aClient(n), createdAt })
        : aScheduledRequest(`req_${n}`, createdAt + 24 * 60 * MINUTE, { client: aClient(n), createdAt })
    const invite = anInvite({ id: `inv_${n}`, request, reason: n % 7 === 0 ? 'direct_profile' : 'matched' })
    push((eventId) => inviteCreated(eventId, invite))
    if (n % 3 !== 0) {
      const reason =
        (['taken', 'expired', 'declined', 'withdrawn'] as const)[Math.floor(n / 3) % 4] ?? 'taken'
      push((eventId) => inviteClosed(eventId, invite.id, reason, null, createdAt + MINUTE))
      continue
    }
    const booked = aSession({ id: `ses_${n}`, request, expertId, updatedAt: createdAt + MINUTE })
    push((eventId) => inviteClosed(eventId, invite.id, 'accepted', booked.id, createdAt + MINUTE))
    push((eventId) => sessionUpdated(eventId, booked))
    const live = liveSession(booked, booked.bookedStart)
    push((eventId) => sessionUpdated(eventId, live))
    push((eventId) => sessionUpdated(eventId, endedSession(live, booked.bookedStart + 30 * MINUTE)))
  }
  return events
}

/**
 * `count` sessions of one expert spread over the past and the future around `now`: about one in
 * ten booked ahead, the most recent past one live (an expert runs one session at a time), the
 * rest ended or cancelled history.
 */
export function manySessions(count: number, options: { now?: number; expertId?: string } = {}): Session[] {
  const now = options.now ?? FIXTURE_NOW
  const expertId = options.expertId ?? 'exp_ada'
  const sessions: Session[] = []
  for (let n = 0; n < count; n++) {
    const future = n % 10 === 0
    const bookedStart = future ? now + (n + 1) * 7 * MINUTE : now - (n + 1) * 11 * MINUTE
    const request = aScheduledRequest(`req_${n}`, bookedStart, {
      client: aClient(n),
      createdAt: bookedStart - 24 * 60 * MINUTE,
      title: `Session ${n}: help with a slow query`,
    })
    const booked = aSession({ id: `ses_${n}`, request, expertId, bookedStart })
    if (future) sessions.push(booked)
    else if (n === 1) sessions.push(liveSession(booked, bookedStart))
    else if (n % 17 === 0)
      sessions.push({
        ...booked,
        state: 'cancelled',
        cancellation: {
          reason: 'client_absent',
          feeAssessedTo: 'client',
          cancelledAt: bookedStart + 10 * MINUTE,
        },
        updatedAt: bookedStart + 10 * MINUTE,
      })
    else sessions.push(endedSession(liveSession(booked, bookedStart), bookedStart + 30 * MINUTE))
  }
  return sessions
}
