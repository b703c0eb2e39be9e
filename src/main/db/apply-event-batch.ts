/**
 * Applying a batch of stream events to the cache, in order, from the cursor on. Runs inside the
 * store's transaction, so a batch lands whole or not at all.
 */
import { assertNever } from '../../shared/assert-never'
import type { HelpRequest, Invite, PlatformEvent } from '../../shared/protocol'
import type { ApplyResult, StreamEntry, UnreadableEvent } from '../core/ports/cache-store'
import type { CacheRepositories } from './cache-repositories'
import { contradictionOf } from './stream-contradiction'

/** The expert an event's payload belongs to, when the payload says. */
function expertIdOf(event: StreamEntry): string | null {
  switch (event.type) {
    case 'unreadable':
      return null
    case 'session.updated':
      return event.payload.session.expertId
    case 'message.created':
      return event.payload.message.expertId
    case 'expert.updated':
      return event.payload.expert.id
    case 'invite.created':
    case 'invite.closed':
      return null
    default:
      return assertNever(event)
  }
}

/**
 * Applies the events that follow the cursor, stops at a gap, and moves the cursor past them. An
 * event passed over is returned with why; the core logs and tells it.
 */
export function applyEventBatch(repos: CacheRepositories, events: ReadonlyArray<StreamEntry>): ApplyResult {
  // The cache's owner is settled at sign-in and checked on every welcome, so an event about
  // another expert is the platform's mistake: passed over like any unreadable event, never a
  // reason to wipe the cache (and with it the memory of which invites were already shown).
  const cachedExpertId = repos.sync.expertId()
  const start = repos.sync.cursor()
  let cursor = start
  let digest: string | null = null
  let gap = false
  const applied: PlatformEvent[] = []
  const skipped: UnreadableEvent[] = []
  for (const event of events) {
    if (event.id <= cursor) continue
    if (event.id !== cursor + 1) {
      gap = true
      break
    }
    const owner = expertIdOf(event)
    if (event.type === 'unreadable') skipped.push(event)
    else if (owner !== null && cachedExpertId !== null && owner !== cachedExpertId) {
      const problem = `it is about another expert (${owner}) than this cache's (${cachedExpertId})`
      skipped.push({ type: 'unreadable', id: event.id, digest: event.digest, problem, platformFault: true })
    } else {
      const problem = contradictionOf(repos.rowStates, event)
      if (problem === null) {
        applyOne(repos, event)
        applied.push(event)
      } else {
        const fault = { problem, platformFault: true, olderThanRow: true } as const
        skipped.push({ type: 'unreadable', id: event.id, digest: event.digest, ...fault })
      }
    }
    cursor = event.id
    digest = event.digest ?? null
  }
  if (cursor !== start) {
    repos.sync.setCursor(cursor, digest)
    // No event the last snapshot's parts were ahead of can come any more.
    const through = repos.sync.partsThrough()
    if (through > 0 && cursor >= through) repos.sync.setPartsThrough(0)
  }
  return { applied, skipped, gap, cursor }
}

/** Writes one readable event's payload to its rows. */
function applyOne(repos: CacheRepositories, event: PlatformEvent): void {
  switch (event.type) {
    case 'invite.created':
      repos.requests.put(event.payload.invite.request)
      repos.invites.put(event.payload.invite)
      return
    case 'invite.closed':
      // Every closing reason is also the invite's new state.
      repos.invites.close(event.payload.inviteId, event.payload.reason)
      return
    case 'session.updated':
      repos.requests.put(event.payload.session.request)
      repos.sessions.put(event.payload.session)
      return
    case 'message.created':
      repos.messages.put(event.payload.message)
      return
    case 'expert.updated':
      repos.sync.putExpert(event.payload.expert)
      return
    default:
      assertNever(event)
  }
}

/**
 * The invites `applied` wrote, by id, as their rows read once the batch is written: the last
 * invite.created of each, with the last request written under its request's id (a session's event
 * writes its request too). One closed since is no longer open: the caller's read passes it over.
 */
export function invitesAsWritten(applied: ReadonlyArray<PlatformEvent>): Map<string, Invite> {
  const invites = new Map<string, Invite>()
  const requests = new Map<string, HelpRequest>()
  for (const event of applied) {
    if (event.type === 'invite.created') {
      invites.set(event.payload.invite.id, event.payload.invite)
      requests.set(event.payload.invite.request.id, event.payload.invite.request)
    } else if (event.type === 'session.updated') {
      requests.set(event.payload.session.request.id, event.payload.session.request)
    }
  }
  for (const [id, invite] of invites) {
    const request = requests.get(invite.request.id)
    if (request !== undefined && request !== invite.request) invites.set(id, { ...invite, request })
  }
  return invites
}
