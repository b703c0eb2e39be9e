/**
 * A booked session as an iCalendar file (RFC 5545) for the expert's calendar app: UTC times, a
 * reminder ten minutes before, the room's page, and a UID taken from the session id, so a session
 * booked again at another time, or cancelled, replaces the same event (a higher SEQUENCE) instead
 * of adding one. Pure: the caller passes the time stamp and the room's resolved URL.
 */
import type { Session } from '../protocol/entities'

/** What the file describes, beyond the session itself. */
export interface CalendarEventInput {
  readonly session: Session
  /** When the file is made (DTSTAMP), platform time in ms. */
  readonly now: number
  /** The room's whole URL on the platform signed in to, or null when there is none to give. */
  readonly roomUrl: string | null
  /** The expert, as the event's organizer; omitted when unknown. */
  readonly organizer?: { readonly name: string; readonly email: string }
}

/** An .ics file: its suggested name and its text (CRLF lines, folded). */
export interface CalendarFile {
  readonly fileName: string
  readonly content: string
}

/** The reminder's lead before the start, as the calendar app reads it. */
export const ALARM_TRIGGER = '-PT10M'

/** The longest content line in octets, CRLF excluded (RFC 5545 §3.1). */
export const MAX_LINE_OCTETS = 75

// Sequence numbers count seconds from here, so a later change of the session is a higher number
// that still fits the 32-bit integers calendar apps store (RFC 5545's INTEGER).
const SEQUENCE_EPOCH_MS = Date.UTC(2020, 0, 1)
/** RFC 5545's largest INTEGER: seconds from 2020 pass it in 2088, within the protocol's times. */
const MAX_SEQUENCE = 2_147_483_647

/** The event's UID: the same for every file made for one session. */
export function calendarUid(sessionId: string): string {
  return `session-${sessionId}@standby.app`
}

/** The session as a calendar file; a cancelled session gives METHOD:CANCEL and STATUS:CANCELLED. */
export function sessionCalendarFile(input: CalendarEventInput): CalendarFile {
  const { session, now, roomUrl, organizer } = input
  const cancelled = session.state === 'cancelled'
  const start = session.bookedStart
  const end = start + session.request.expectedDurationMinutes * 60_000
  const url = roomUrl !== null && SAFE_URI.test(roomUrl) ? roomUrl : null
  const summary = `Standby: ${session.request.title} with ${session.client.name}`
  const description = [
    `Help session with ${session.client.name}.`,
    url === null ? 'Join from Standby when it starts.' : `Room: ${url}`,
  ].join('\n')
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Standby//Standby expert app//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${cancelled ? 'CANCEL' : 'PUBLISH'}`,
    'BEGIN:VEVENT',
    `UID:${escapeText(calendarUid(session.id))}`,
    `DTSTAMP:${utcDateTime(now)}`,
    `SEQUENCE:${sequenceOf(session.updatedAt)}`,
    `DTSTART:${utcDateTime(start)}`,
    `DTEND:${utcDateTime(end)}`,
    `SUMMARY:${escapeText(summary)}`,
    `DESCRIPTION:${escapeText(description)}`,
    ...(organizer === undefined ? [] : [organizerLine(organizer)]),
    ...(url === null ? [] : [`URL:${url}`, `LOCATION:${escapeText(url)}`]),
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    ...(cancelled
      ? []
      : [
          'BEGIN:VALARM',
          'ACTION:DISPLAY',
          `DESCRIPTION:${escapeText(summary)}`,
          `TRIGGER:${ALARM_TRIGGER}`,
          'END:VALARM',
        ]),
    'END:VEVENT',
    'END:VCALENDAR',
  ]
  return {
    fileName: `standby-session-${session.id.replace(/[^A-Za-z0-9_-]/g, '_')}.ics`,
    content: lines.map(foldLine).join('\r\n') + '\r\n',
  }
}

// A URI value is not escaped (RFC 5545 §3.3.13), so only visible ASCII is written as one.
const SAFE_URI = /^https?:\/\/[\x21-\x7e]+$/

/**
 * `text` as a TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, every kind of
 * line break as `\n`, and other control characters dropped, so no text can end the line it is on.
 */
export function escapeText(text: string): string {
  return text
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, '\\n')
    .replace(/(?!\t)\p{Cc}/gu, '')
}

/**
 * `line` folded so no line exceeds MAX_LINE_OCTETS octets of UTF-8 (RFC 5545 §3.1): each
 * continuation starts with a space, and a character is never split across lines.
 */
export function foldLine(line: string): string {
  const parts: string[] = []
  let current = ''
  let octets = 0
  for (const char of line) {
    const size = utf8Length(char)
    if (octets + size > MAX_LINE_OCTETS) {
      parts.push(current)
      current = ' '
      octets = 1
    }
    current += char
    octets += size
  }
  parts.push(current)
  return parts.join('\r\n')
}

function utf8Length(char: string): number {
  const code = char.codePointAt(0) ?? 0
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
}

/** `ms` as an RFC 5545 UTC DATE-TIME, e.g. 20261130T203000Z. */
export function utcDateTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}/, '')
    .replace(/[-:]/g, '')
}

function sequenceOf(updatedAt: number): number {
  // Past the largest, every change keeps it: a calendar app refuses a file with a larger number.
  return Math.min(MAX_SEQUENCE, Math.max(0, Math.floor((updatedAt - SEQUENCE_EPOCH_MS) / 1000)))
}

// A parameter value may not hold a double quote or a control character (RFC 5545 §3.2).
function organizerLine(organizer: { readonly name: string; readonly email: string }): string {
  const name = organizer.name.replace(/["\p{Cc}\u2028\u2029]/gu, '')
  const email = organizer.email.replace(/[^\x21-\x7e]/g, '')
  return `ORGANIZER;CN="${name}":mailto:${email}`
}
