/**
 * What the pages are told after the cache changed: the invites, sessions, messages and expert the
 * batch touched, as the cache now holds them, so a page updates without reading the cache again.
 * A snapshot or a sign-out replaces everything, and a batch too large to carry is told as `full`:
 * the page then reads everything, as it does on (re)connect. Invites are told as they stand at the
 * platform's time (rules/invite-open.ts), so one whose time ran out is never told as open, and one
 * whose time runs out is told then, as expired, without waiting for the platform's word.
 */
import { MOST_CHANGED, type CacheChange } from '../../../shared/ipc/contract'
import type { Expert, Invite, Message, PlatformEvent, Session } from '../../../shared/protocol'
import { inviteAt } from '../../../shared/rules/invite-open'
import type { CacheStore } from '../ports/cache-store'

/**
 * How the cache changed: by these events, wholly (a snapshot, a sign-out, another expert), or not
 * at all but for the clock: open invites whose time ran out, which read as expired from now on, or
 * whose time, with the platform's clock found to be behind where it was taken to be, runs on again.
 */
export type CacheUpdate =
  | { readonly kind: 'events'; readonly events: ReadonlyArray<PlatformEvent> }
  | {
      readonly kind: 'replaced'
      /** After a snapshot: the sessions the cache held that it changed, to tell as their events would be. */
      readonly changedSessions?: ReadonlyArray<string>
      /**
       * Emptied for a sign-out or another expert: what was held in memory for the expert before
       * (marks the disk refused) is theirs, and must neither be saved in the cache nor count now.
       */
      readonly emptied?: true
    }
  /** The invites as they now stand at the platform's time. */
  | { readonly kind: 'clock'; readonly invites: ReadonlyArray<Invite> }

/** The update may change the open invites (their count, the next to close): a snapshot, their clock, or invite events. */
export function changesInvites(update: CacheUpdate): boolean {
  if (update.kind !== 'events') return true
  return update.events.some((e) => e.type === 'invite.created' || e.type === 'invite.closed')
}

/** The update may change what reminders are due: sessions, or the expert they belong to. */
export function changesSessions(update: CacheUpdate): boolean {
  return (
    changesExpert(update) ||
    (update.kind === 'events' && update.events.some((e) => e.type === 'session.updated'))
  )
}

/** The update may change the expert's own record: a snapshot, or an `expert.updated` among its events. */
export function changesExpert(update: CacheUpdate): boolean {
  if (update.kind === 'clock') return false
  if (update.kind === 'replaced') return true
  return update.events.some((e) => e.type === 'expert.updated')
}

/** The ids a batch of events touched, each once, in the order first touched. */
export function touchedBy(events: ReadonlyArray<PlatformEvent>): {
  readonly inviteIds: ReadonlyArray<string>
  readonly sessionIds: ReadonlyArray<string>
  readonly messages: ReadonlyArray<Message>
  readonly expert: boolean
} {
  const inviteIds = new Set<string>()
  const sessionIds = new Set<string>()
  const messages = new Map<string, Message>()
  let expert = false
  for (const event of events) {
    if (event.type === 'invite.created') inviteIds.add(event.payload.invite.id)
    else if (event.type === 'invite.closed') inviteIds.add(event.payload.inviteId)
    else if (event.type === 'session.updated') sessionIds.add(event.payload.session.id)
    else if (event.type === 'message.created') messages.set(event.payload.message.id, event.payload.message)
    else expert = true
  }
  return { inviteIds: [...inviteIds], sessionIds: [...sessionIds], messages: [...messages.values()], expert }
}

/** The `cache.changed` payload for one update, read from the cache after the batch, at platform time `now`. */
export function cacheChangeOf(
  update: CacheUpdate,
  cache: CacheStore,
  version: number,
  now: number,
): CacheChange {
  const full: CacheChange = { version, full: true, invites: [], sessions: [], messages: [] }
  if (update.kind === 'replaced') return full
  if (update.kind === 'clock') {
    return update.invites.length > MOST_CHANGED
      ? full
      : { version, full: false, invites: [...update.invites], sessions: [], messages: [] }
  }
  const touched = touchedBy(update.events)
  if (
    touched.inviteIds.length > MOST_CHANGED ||
    touched.sessionIds.length > MOST_CHANGED ||
    touched.messages.length > MOST_CHANGED
  ) {
    return full
  }
  // An invite closed that the cache never had (from before a snapshot) is nothing to show.
  const invites = touched.inviteIds
    .map((id) => cache.invite(id))
    .filter((i): i is Invite => i !== null)
    .map((i) => inviteAt(i, now))
  const sessions = touched.sessionIds.map((id) => cache.session(id)).filter((s): s is Session => s !== null)
  const expert: Expert | null = touched.expert ? cache.expert() : null
  return {
    version,
    full: false,
    ...(expert === null ? {} : { expert }),
    invites,
    sessions,
    messages: [...touched.messages],
  }
}
