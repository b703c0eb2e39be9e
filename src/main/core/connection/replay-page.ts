/**
 * Reading a replay answer from the platform: a snapshot, or a page of events in which each event
 * is validated on its own, so one malformed event costs that event, not the whole page.
 */
import { PlatformEvent, Snapshot } from '../../../shared/protocol'
import type { Logger } from '../ports/logger'

/** A page of replayed events (each validated on its own), or a snapshot. */
export type ReplayPage =
  | {
      readonly kind: 'events'
      readonly events: PlatformEvent[]
      readonly latestId: number
      readonly hasMore: boolean
      readonly skipped: number
    }
  | { readonly kind: 'snapshot'; readonly snapshot: Snapshot }

/** Parse a replay answer; throws with a sentence when its shape is wrong. */
export function parseReplayPage(raw: unknown, log: Pick<Logger, 'error'>): ReplayPage {
  const page = raw as {
    kind?: unknown
    events?: unknown
    latestId?: unknown
    hasMore?: unknown
    snapshot?: unknown
  }
  if (page?.kind === 'snapshot') {
    const snapshot = Snapshot.safeParse(page.snapshot)
    if (!snapshot.success) throw new Error('The platform sent a malformed snapshot')
    return { kind: 'snapshot', snapshot: snapshot.data }
  }
  if (
    page?.kind !== 'events' ||
    !Array.isArray(page.events) ||
    typeof page.latestId !== 'number' ||
    typeof page.hasMore !== 'boolean'
  ) {
    throw new Error('The platform sent a malformed replay page')
  }
  // Each event is checked on its own, so one bad event costs that event, not the whole page.
  const events: PlatformEvent[] = []
  let skipped = 0
  for (const item of page.events as unknown[]) {
    const event = PlatformEvent.safeParse(item)
    if (event.success) events.push(event.data)
    else {
      skipped++
      log.error(`Ignored a malformed event from the platform: ${event.error.issues[0]?.message ?? 'invalid'}`)
    }
  }
  return { kind: 'events', events, latestId: page.latestId, hasMore: page.hasMore, skipped }
}
