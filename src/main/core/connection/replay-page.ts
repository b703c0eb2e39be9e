/**
 * Reading what the platform sends: each event, each page and each snapshot entity is validated on
 * its own, so one unreadable item costs that item, not the stream. An unreadable event whose place
 * in the stream (its id) can still be read is kept as a marker the cache passes over; one whose
 * id cannot be read cannot be placed at all.
 */
import { z } from 'zod'
import {
  Expert,
  Invite,
  MAX_REPLAY_PAGE,
  Message,
  PlatformEvent,
  ReplayResponse,
  Session,
  Snapshot,
  ReceivedDigest,
} from '../../../shared/protocol'
import { describeIssues } from '../../../shared/describe-untrusted'
import { mostItemsInOneMessage } from '../../../shared/protocol/message-size'
import type { StreamEntry } from '../ports/cache-store'
import type { Logger } from '../ports/logger'

/** A page of replayed entries (each validated on its own), or a snapshot. */
export type ReplayPage =
  | {
      readonly kind: 'events'
      readonly entries: ReadonlyArray<StreamEntry>
      readonly latestId: number
      readonly hasMore: boolean
      /** Items that could not even be placed in the stream (no readable id). */
      readonly unplaced: number
      /**
       * Of those, the items of a kind this version does not know (a `type` it has no schema for):
       * a platform ahead of the app, rather than one that sent something broken.
       */
      readonly unplacedOfUnknownKind: number
    }
  | { readonly kind: 'snapshot'; readonly snapshot: Snapshot; readonly skipped: number }

/**
 * The outline of a page of events, each of which is read on its own. No page holds more events
 * than the app asks for, and each one read is work: a page of a million would hold the app for
 * seconds, and again at every retry.
 */
const EventsOutline = z.object({
  kind: z.literal('events'),
  events: z.array(z.unknown()).max(MAX_REPLAY_PAGE),
  latestId: ReplayResponse.options[0].shape.latestId,
  hasMore: ReplayResponse.options[0].shape.hasMore,
})

/** Just where an event stands in the stream, for one whose body cannot be read. */
const EventPlace = z.object({ id: z.number().int().positive(), digest: ReceivedDigest })

/** The kinds of events this version reads. */
const KNOWN_TYPES: ReadonlySet<unknown> = new Set(
  PlatformEvent.options.map((option) => option.shape.type.value),
)

/** Whether `raw` names a kind of event this version does not know, as a newer platform's would. */
function ofUnknownKind(raw: unknown): boolean {
  const type = (raw as { type?: unknown } | null)?.type
  return typeof type === 'string' && !KNOWN_TYPES.has(type)
}

/**
 * The outline of a snapshot; its entities are read one by one, so a list longer than one message
 * can hold of them (tiny items that are not entities) is refused whole rather than read.
 */
const SnapshotOutline = z.object({
  expert: z.unknown(),
  openInvites: z.array(z.unknown()).max(mostItemsInOneMessage(Invite)),
  sessions: z.array(z.unknown()).max(mostItemsInOneMessage(Session)),
  recentMessages: z.array(z.unknown()).max(mostItemsInOneMessage(Message)),
  cursor: Snapshot.shape.cursor,
  cursorDigest: Snapshot.shape.cursorDigest,
  takenAt: Snapshot.shape.takenAt,
  next: Snapshot.shape.next,
  leftOut: Snapshot.shape.leftOut,
})

/** The most items of one answer whose problem is logged one by one; the rest are counted in one line. */
export const MOST_ITEMS_LOGGED = 3

/**
 * A log for the items of one answer: the first few lines are written, the rest counted, so an
 * answer of a thousand unreadable items writes a few lines, not a thousand (the log is capped).
 */
function itemLog(log: Pick<Logger, 'error'>): { log: Pick<Logger, 'error'>; done(): void } {
  let lines = 0
  return {
    log: {
      error: (message, detail) => {
        if (++lines <= MOST_ITEMS_LOGGED) log.error(message, detail)
      },
    },
    done: () => {
      if (lines > MOST_ITEMS_LOGGED)
        log.error(`${lines - MOST_ITEMS_LOGGED} more items of the same answer could not be read either`)
    },
  }
}

/**
 * The first problem zod found, in the words IPC refusals use (describeIssues): a key in its path
 * or its message may be the platform's, and raw it could break, reorder or flood the log line.
 */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  return issue === undefined ? 'invalid' : describeIssues([issue])
}

/**
 * Read one event: the event, a marker for an unreadable one with a readable id, or null. Only one
 * with no id is logged here: a marker's problem is logged when the cache passes over its id
 * (event-batch.ts), once, however often it arrives (pushed, held, replayed, pushed again).
 */
export function readStreamEntry(raw: unknown, log: Pick<Logger, 'error'>): StreamEntry | null {
  const event = PlatformEvent.safeParse(raw)
  if (event.success) return event.data
  const place = EventPlace.safeParse(raw)
  const problem = firstIssue(event.error)
  if (!place.success) {
    log.error(`Ignored an event from the platform with no readable id (${problem})`)
    return null
  }
  const { id, digest } = place.data
  if (malformedByPlatform(raw, event.error))
    return { type: 'unreadable', id, digest, problem, malformed: true }
  return { type: 'unreadable', id, digest, problem }
}

/**
 * Whether an unreadable event is the platform's fault rather than a sign that it is ahead of the
 * app: one of a kind this version knows, broken in a way no newer platform of the same protocol
 * would send (binary where an object is due, a field missing or out of its bounds). A value this
 * version does not know (an invite's reason or state added since) may be a newer platform's.
 */
function malformedByPlatform(raw: unknown, error: z.ZodError): boolean {
  return !ofUnknownKind(raw) && !error.issues.some((issue) => issue.code === 'invalid_value')
}

/** The items of `raw` that `schema` reads; each other one is logged and counted. */
function readEach<T>(
  raw: ReadonlyArray<unknown>,
  schema: z.ZodType<T>,
  what: string,
  log: Pick<Logger, 'error'>,
): { items: T[]; skipped: number } {
  const items: T[] = []
  let skipped = 0
  for (const item of raw) {
    const parsed = schema.safeParse(item)
    if (parsed.success) items.push(parsed.data)
    else {
      skipped++
      log.error(
        `Skipped ${what} in the platform's snapshot: it could not be read (${firstIssue(parsed.error)})`,
      )
    }
  }
  return { items, skipped }
}

/**
 * Read a snapshot entity by entity. An unreadable expert is replaced by `cachedExpert` when there
 * is one (it is this cache's owner); without either the snapshot cannot be used.
 */
function readSnapshot(
  raw: unknown,
  log: Pick<Logger, 'error'>,
  cachedExpert: () => Expert | null,
): { snapshot: Snapshot; skipped: number } {
  const outline = SnapshotOutline.safeParse(raw)
  if (!outline.success) {
    log.error(`The platform sent a malformed snapshot (${firstIssue(outline.error)})`)
    throw new Error('The platform sent a malformed snapshot')
  }
  const { expert: rawExpert, openInvites, sessions, recentMessages, ...rest } = outline.data
  const parsedExpert = Expert.safeParse(rawExpert)
  const expert = parsedExpert.success ? parsedExpert.data : cachedExpert()
  if (expert === null) throw new Error('The platform sent a snapshot whose expert profile cannot be read')
  if (!parsedExpert.success) {
    log.error(`Kept the cached profile: the snapshot's could not be read (${firstIssue(parsedExpert.error)})`)
  }
  const items = itemLog(log)
  const invites = readEach(openInvites, Invite, 'an invite', items.log)
  const sessionList = readEach(sessions, Session, 'a session', items.log)
  const messages = readEach(recentMessages, Message, 'a message', items.log)
  items.done()
  return {
    snapshot: {
      ...rest,
      expert,
      openInvites: invites.items,
      sessions: sessionList.items,
      recentMessages: messages.items,
    },
    skipped: (parsedExpert.success ? 0 : 1) + invites.skipped + sessionList.skipped + messages.skipped,
  }
}

/** Parse a replay answer; throws with a sentence when its outline is wrong. */
export function parseReplayPage(
  raw: unknown,
  log: Pick<Logger, 'error'>,
  cachedExpert: () => Expert | null = () => null,
): ReplayPage {
  const page = raw as { kind?: unknown; snapshot?: unknown } | null | undefined
  if (page?.kind === 'snapshot')
    return { kind: 'snapshot', ...readSnapshot(page.snapshot, log, cachedExpert) }
  // The outline as the protocol has it: a newest id that is not a whole count (a negative, a
  // fraction, or 1e999 read as Infinity) would pass for a stream of another history or one that
  // never ends, and rebuild the cache or ask for pages for ever.
  const outline = EventsOutline.safeParse(raw)
  if (!outline.success) {
    // The field at fault goes to the log; the expert reads the sentence the catch-up shows.
    log.error(`The platform sent a malformed replay page (${firstIssue(outline.error)})`)
    throw new Error('The platform sent a malformed replay page')
  }
  const entries: StreamEntry[] = []
  let unplaced = 0
  let unplacedOfUnknownKind = 0
  const items = itemLog(log)
  for (const item of outline.data.events) {
    const entry = readStreamEntry(item, items.log)
    if (entry !== null) entries.push(entry)
    else {
      unplaced++
      if (ofUnknownKind(item)) unplacedOfUnknownKind++
    }
  }
  items.done()
  return {
    kind: 'events',
    entries,
    latestId: outline.data.latestId,
    hasMore: outline.data.hasMore,
    unplaced,
    unplacedOfUnknownKind,
  }
}
