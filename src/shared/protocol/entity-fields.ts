/**
 * The bounded strings the marketplace's entities are built of (ids, names, texts, time zones).
 * Apart from entities.ts, which re-exports them, so the expert's and a session's parts can use them
 * without importing entities.ts back.
 */
import { z } from 'zod'
import { NOTHING_TO_READ, Text, Token, Written } from './text'

/** An opaque identifier issued by the platform: visible ASCII, so it is stored and compared as sent. */
export const Id = Token({ max: 64, what: 'An id' })

/** A skill tag such as "typescript". */
export const Tag = Text({ max: 40 })

/** A person's display name. */
export const PersonName = Text({ max: 200 })

/** The one-line title of a help request. */
export const RequestTitle = Text({ max: 200 })

/** The client's own account of their problem; may be empty. */
export const RequestDescription = Text({ min: 0, max: 20_000, multiline: true })

/** The most characters a message holds. */
const MESSAGE_MOST = 5_000

/** One message of a thread. */
export const MessageBody = Text({ max: MESSAGE_MOST, multiline: true })

/**
 * A session's closing note as read: a MessageBody, or null for none. A note another platform stored
 * as nothing to read (empty, or only what cleaning drops) is none, not a note of U+FFFD; so is a
 * lone U+FFFD, which is what an older platform (reading it leniently, as a message) sent for one.
 */
export const ClosingNote = Text({ min: 0, max: MESSAGE_MOST, multiline: true })
  .nullable()
  .transform((note) => (note === '' || note === NOTHING_TO_READ ? null : note))

/**
 * A message as someone sends it: a MessageBody that must also be well-formed Unicode. A stored body
 * keeps the lenient rule (a broken character becomes U+FFFD), but one being written is refused, so
 * the writer learns of it and retypes it rather than sending a mangled message.
 */
export const MessageDraft = Written(MessageBody, 'The message')

/**
 * A time zone name as the platform sends it ("Europe/Berlin", "Etc/GMT+5"): checked for its form
 * only. This computer's time zone data may be older than the platform's, and a zone added since
 * (or one renamed) would otherwise make a client's every invite, or the expert's own profile,
 * unreadable over a name the app only shows. What formats a time in it falls back when unknown.
 */
export const ZoneName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_+-]+(?:\/[A-Za-z0-9_+-]+)*$/, { message: 'Not a time zone name' })

/** An IANA time zone name this runtime's Intl data knows: what the platform computes times in. */
export const TimeZone = ZoneName.refine(isKnownTimeZone, { message: 'Unknown IANA time zone' })

// Constructing an Intl formatter is slow enough to matter when replaying thousands of events.
const knownTimeZones = new Map<string, boolean>()

function isKnownTimeZone(zone: string): boolean {
  const cached = knownTimeZones.get(zone)
  if (cached !== undefined) return cached
  let known: boolean
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    known = true
  } catch {
    known = false
  }
  if (knownTimeZones.size < 1_000) knownTimeZones.set(zone, known)
  return known
}
