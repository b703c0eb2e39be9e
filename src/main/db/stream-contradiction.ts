/**
 * Events that contradict what the platform said before: in the marketplace an invite that closed
 * (accepted, declined, taken, expired, withdrawn) never opens again, the expert is invited to a
 * request once, a request is taken by one session (never a second, under another id) and never
 * invited to after it, an ended or cancelled session never comes back, an
 * invite or a session stays about the request it was made for, a message is written only in a
 * thread of the expert's (a request they hold an invite or a session of: the platform refuses any
 * other), and stays in the thread it was written in, with its sender and its words. An
 * event saying otherwise (an id repeated with an older payload, a stream replayed out of order) is
 * the platform's mistake: applied, it would bring back a Join for an invite long gone or remind of
 * a session that is over, or put another request behind a notification the expert already read
 * (whose Join would then take that request), or move words the expert read as the client's into
 * another thread or into their own mouth, so it is passed over like an unreadable one.
 *
 * What an id names never changes, whatever else does: a message is written once, so a repeat of
 * one must match it in every field (a new time would move words already read elsewhere in the
 * thread); an invite keeps when it was sent and why (a direct request, addressed to this expert
 * alone, or a match); a session keeps its kind and its client; a request stays instant or
 * scheduled (Join on one starts a session now, on the other books a time). What may change is what
 * the marketplace changes: an invite's and a session's state, a session's times, a request's words.
 */
import type { HelpRequest, Invite, Message, PlatformEvent, Session } from '../../shared/protocol'
import type { RowStateRepository } from './repositories/row-state-repository'

/** Why `event` contradicts the cache, for the log; null when it does not. */
export function contradictionOf(states: RowStateRepository, event: PlatformEvent): string | null {
  if (event.type === 'invite.created') {
    const { invite } = event.payload
    return requestContradiction(states, invite.request) ?? inviteContradiction(states, invite)
  }
  if (event.type === 'session.updated') {
    const { session } = event.payload
    return requestContradiction(states, session.request) ?? sessionContradiction(states, session)
  }
  if (event.type === 'message.created') return messageContradiction(states, event.payload.message)
  return null
}

/** Why `request` contradicts the cache (instant turned scheduled, or back); null when it does not. */
function requestContradiction(states: RowStateRepository, request: HelpRequest): string | null {
  const kind = states.requestKind(request.id)
  return kind === null || kind === request.kind
    ? null
    : `it has request ${request.id} as ${request.kind}, which it sent as ${kind}`
}

/** Why `session` contradicts the cache; null when it does not. */
function sessionContradiction(states: RowStateRepository, session: Session): string | null {
  const cached = states.session(session.id)
  if (cached === null) {
    // Applied, a second session would be listed and reminded of beside the first, for one request.
    const taker = states.requestSession(session.request.id)
    return taker === null
      ? null
      : `it books session ${session.id} for request ${session.request.id}, which session ${taker} already took`
  }
  if (cached.requestId !== session.request.id) {
    return `it moves session ${session.id} from request ${cached.requestId} to request ${session.request.id}`
  }
  if (cached.kind !== null && cached.kind !== session.kind) {
    return `it has session ${session.id} as ${session.kind}, which it booked as ${cached.kind}`
  }
  if (cached.clientId !== null && cached.clientId !== session.client.id) {
    return `it has session ${session.id} with client ${session.client.id}, which it booked with client ${cached.clientId}`
  }
  if ((cached.state === 'ended' || cached.state === 'cancelled') && session.state !== cached.state) {
    return `it moves session ${session.id} from ${cached.state} back to ${session.state}`
  }
  return null
}

/** Why `invite` contradicts the cache; null when it does not. */
function inviteContradiction(states: RowStateRepository, invite: Invite): string | null {
  const cached = states.invite(invite.id, invite.request.id)
  if (cached.requestId !== null && cached.requestId !== invite.request.id) {
    return `it moves invite ${invite.id} from request ${cached.requestId} to request ${invite.request.id}`
  }
  if (cached.sentAt !== null && cached.sentAt !== invite.sentAt) {
    return `it has invite ${invite.id} sent at another time than it said before`
  }
  if (cached.reason !== null && cached.reason !== invite.reason) {
    return `it has invite ${invite.id} sent as ${invite.reason}, which it sent as ${cached.reason}`
  }
  if (invite.state === 'open' && cached.state !== null && cached.state !== 'open') {
    return `it opens invite ${invite.id} again, which had closed as ${cached.state}`
  }
  if (invite.state === 'open' && cached.sessionId !== null) {
    return `it invites to request ${invite.request.id}, which session ${cached.sessionId} already took`
  }
  if (cached.requestId === null && cached.otherInviteId !== null) {
    // Shown too, it would be a second notification, with its own Join, for one request.
    return `it invites to request ${invite.request.id} again as invite ${invite.id}, which invite ${cached.otherInviteId} already did`
  }
  return null
}

/**
 * Why `message` contradicts the cache (a thread the expert does not have, or a repeat that differs
 * in any field from the one cached under its id); null when it does not.
 */
function messageContradiction(states: RowStateRepository, message: Message): string | null {
  const cached = states.message(message.id)
  if (cached === null) {
    // Stored, it would sit in a thread no page shows, and count as unread where nothing opens it.
    return states.threadHeld(message.requestId)
      ? null
      : `it puts message ${message.id} into request ${message.requestId}, of which this expert has no invite or session`
  }
  if (cached.requestId !== message.requestId) {
    return `it moves message ${message.id} from request ${cached.requestId} to request ${message.requestId}`
  }
  const cachedFrom = cached.fromClient === 1 ? 'client' : 'expert'
  if (cachedFrom !== message.from) {
    return `it has message ${message.id} sent by the ${message.from}, not the ${cachedFrom}`
  }
  if (cached.body !== null && cached.body !== message.body) {
    return `it has message ${message.id} say other words than it said before`
  }
  if (cached.sentAt !== message.sentAt) {
    return `it has message ${message.id} sent at another time than it said before`
  }
  if (cached.expertId !== null && cached.expertId !== message.expertId) {
    return `it has message ${message.id} in expert ${message.expertId}'s thread, not expert ${cached.expertId}'s`
  }
  return null
}
