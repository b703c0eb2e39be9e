import { describe, expect, it } from 'vitest'
import {
  calendarUid,
  escapeText,
  foldLine,
  MAX_LINE_OCTETS,
  sessionCalendarFile,
  utcDateTime,
} from '../../../../src/shared/calendar/ics'
import { aRequest, aScheduledRequest, aSession, FIXTURE_NOW, MINUTE } from '../../../support/fixtures'

const ROOM = 'https://platform.example/rooms/ses_1?key=abc'
const octets = (text: string): number => new TextEncoder().encode(text).length

/** The logical lines of a file: CRLF-split, folds joined back as a calendar app reads them. */
function unfolded(content: string): string[] {
  return content.replace(/\r\n /g, '').split('\r\n').slice(0, -1)
}

function fileFor(overrides: Parameters<typeof aSession>[0] = {}, roomUrl: string | null = ROOM) {
  return sessionCalendarFile({ session: aSession(overrides), now: FIXTURE_NOW, roomUrl })
}

describe('sessionCalendarFile', () => {
  it('describes a booked session in UTC with its room, a 10-minute alarm and CRLF lines', () => {
    const request = aScheduledRequest('req_s', FIXTURE_NOW + 60 * MINUTE)
    const session = aSession({ request, bookedStart: FIXTURE_NOW + 60 * MINUTE })
    const { content, fileName } = sessionCalendarFile({ session, now: FIXTURE_NOW, roomUrl: ROOM })
    expect(content.endsWith('\r\n')).toBe(true)
    expect(content.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    const lines = unfolded(content)
    expect(lines[0]).toBe('BEGIN:VCALENDAR')
    expect(lines).toContain('VERSION:2.0')
    expect(lines).toContain('METHOD:PUBLISH')
    expect(lines).toContain(`DTSTAMP:${utcDateTime(FIXTURE_NOW)}`)
    expect(lines).toContain('DTSTART:20260105T100000Z')
    const end = FIXTURE_NOW + (60 + request.expectedDurationMinutes) * MINUTE
    expect(lines).toContain(`DTEND:${utcDateTime(end)}`)
    expect(lines).toContain(`URL:${ROOM}`)
    expect(lines).toContain('STATUS:CONFIRMED')
    expect(lines).toContain('TRIGGER:-PT10M')
    expect(lines).toContain('ACTION:DISPLAY')
    expect(lines.at(-1)).toBe('END:VCALENDAR')
    expect(fileName).toMatch(/^standby-session-[A-Za-z0-9_-]+\.ics$/)
  })

  it('writes times as UTC with Z', () => {
    expect(utcDateTime(Date.UTC(2026, 10, 30, 20, 5, 9))).toBe('20261130T200509Z')
  })

  it('keeps one UID per session and raises SEQUENCE when the session is booked again', () => {
    const first = unfolded(fileFor({ id: 'ses_9', updatedAt: FIXTURE_NOW }).content)
    const moved = unfolded(
      fileFor({ id: 'ses_9', bookedStart: FIXTURE_NOW + 120 * MINUTE, updatedAt: FIXTURE_NOW + 1000 })
        .content,
    )
    const uid = (lines: string[]) => lines.find((l) => l.startsWith('UID:'))
    const sequence = (lines: string[]) => Number(lines.find((l) => l.startsWith('SEQUENCE:'))?.slice(9))
    expect(uid(first)).toBe(`UID:${calendarUid('ses_9')}`)
    expect(uid(moved)).toBe(uid(first))
    expect(sequence(moved)).toBeGreaterThan(sequence(first))
    expect(sequence(first)).toBeLessThan(2 ** 31)
    expect(uid(unfolded(fileFor({ id: 'ses_10' }).content))).not.toBe(uid(first))
  })

  it('keeps SEQUENCE within a 32-bit integer for a session changed as late as the protocol allows', () => {
    const late = Date.UTC(2199, 11, 31)
    const line = unfolded(fileFor({ id: 'ses_9', bookedStart: late, updatedAt: late }).content).find((l) =>
      l.startsWith('SEQUENCE:'),
    )
    expect(line).toBe('SEQUENCE:2147483647')
  })

  it('gives a cancelled session METHOD:CANCEL, STATUS:CANCELLED and no alarm, under the same UID', () => {
    const cancellation = {
      reason: 'client_absent',
      feeAssessedTo: 'client',
      cancelledAt: FIXTURE_NOW,
    } as const
    const lines = unfolded(fileFor({ id: 'ses_9', state: 'cancelled', cancellation }).content)
    expect(lines).toContain('METHOD:CANCEL')
    expect(lines).toContain('STATUS:CANCELLED')
    expect(lines).toContain(`UID:${calendarUid('ses_9')}`)
    expect(lines.some((l) => l.startsWith('BEGIN:VALARM'))).toBe(false)
    expect(lines).not.toContain('METHOD:PUBLISH')
  })

  it('cancels an event added earlier: same UID, a higher SEQUENCE, METHOD:CANCEL', () => {
    const start = FIXTURE_NOW + 48 * 60 * MINUTE
    const added = unfolded(fileFor({ id: 'ses_c', bookedStart: start, updatedAt: FIXTURE_NOW }).content)
    const cancellation = {
      reason: 'client_cancelled',
      by: 'client',
      feeAssessedTo: null,
      cancelledAt: FIXTURE_NOW + 5 * MINUTE,
      message: 'Found it myself',
    } as const
    const cancelled = unfolded(
      fileFor({
        id: 'ses_c',
        bookedStart: start,
        state: 'cancelled',
        cancellation,
        updatedAt: FIXTURE_NOW + 5 * MINUTE,
      }).content,
    )
    const field = (lines: string[], name: string) => lines.find((l) => l.startsWith(`${name}:`))
    const sequence = (lines: string[]) => Number(field(lines, 'SEQUENCE')?.slice(9))
    expect(field(cancelled, 'UID')).toBe(field(added, 'UID'))
    expect(field(cancelled, 'DTSTART')).toBe(field(added, 'DTSTART'))
    expect(sequence(cancelled)).toBeGreaterThan(sequence(added))
    expect(cancelled).toContain('METHOD:CANCEL')
    expect(cancelled).toContain('STATUS:CANCELLED')
  })

  it('updates the same event to the new time when the client accepts another time', () => {
    const start = FIXTURE_NOW + 48 * 60 * MINUTE
    const moved = start + 3 * 60 * MINUTE
    const before = unfolded(fileFor({ id: 'ses_r', bookedStart: start, updatedAt: FIXTURE_NOW }).content)
    const after = unfolded(
      fileFor({
        id: 'ses_r',
        bookedStart: moved,
        updatedAt: FIXTURE_NOW + 2 * MINUTE,
        reschedule: {
          proposedStart: moved,
          previousStart: start,
          proposedAt: FIXTURE_NOW + MINUTE,
          state: 'accepted',
          answeredAt: FIXTURE_NOW + 2 * MINUTE,
        },
      }).content,
    )
    const field = (lines: string[], name: string) => lines.find((l) => l.startsWith(`${name}:`))
    expect(field(after, 'UID')).toBe(field(before, 'UID'))
    expect(field(after, 'DTSTART')).toBe(`DTSTART:${utcDateTime(moved)}`)
    expect(Number(field(after, 'SEQUENCE')?.slice(9))).toBeGreaterThan(
      Number(field(before, 'SEQUENCE')?.slice(9)),
    )
    expect(after).toContain('METHOD:PUBLISH')
  })

  it('cannot be given extra properties by a title that carries line breaks', () => {
    const title = 'Fix CI\r\nEND:VEVENT\r\nBEGIN:VEVENT\nUID:evil\rATTACH:http://x\u2028STATUS:CANCELLED'
    const { content } = fileFor({ request: aRequest({ title }) })
    const lines = unfolded(content)
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1)
    expect(lines.filter((l) => l.startsWith('UID:'))).toHaveLength(1)
    expect(lines.some((l) => l.startsWith('ATTACH'))).toBe(false)
    expect(lines.filter((l) => l.startsWith('STATUS:'))).toEqual(['STATUS:CONFIRMED'])
    expect(lines.find((l) => l.startsWith('SUMMARY:'))).toContain(
      'Fix CI\\nEND:VEVENT\\nBEGIN:VEVENT\\nUID:evil',
    )
  })

  it('leaves out a room URL that is not a plain http(s) address', () => {
    const lines = unfolded(fileFor({}, 'javascript:alert(1)').content)
    expect(lines.some((l) => l.startsWith('URL:'))).toBe(false)
    expect(unfolded(fileFor({}, null).content).some((l) => l.startsWith('URL:'))).toBe(false)
  })

  it('keeps every physical line within 75 octets for a long multi-byte title', () => {
    const title = 'Réparer le déploiement 🚀 – 日本語のテスト, avec; des\\virgules '.repeat(3)
    const { content } = fileFor({ request: aRequest({ title: title.slice(0, 200) }) })
    for (const line of content.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(MAX_LINE_OCTETS)
  })

  it('names the expert as organizer without letting the name break the parameter', () => {
    const session = aSession()
    const { content } = sessionCalendarFile({
      session,
      now: FIXTURE_NOW,
      roomUrl: ROOM,
      organizer: { name: 'Ada "the" Lovelace\r\nX:1', email: 'ada@example.com' },
    })
    expect(unfolded(content)).toContain('ORGANIZER;CN="Ada the LovelaceX:1":mailto:ada@example.com')
  })
})

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and every line break, and drops control characters', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg\u0007h\ti')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng' + 'h\ti')
  })
})

describe('foldLine', () => {
  it('leaves a line of exactly 75 octets whole and folds one of 76', () => {
    expect(foldLine('a'.repeat(75))).toBe('a'.repeat(75))
    expect(foldLine('a'.repeat(76))).toBe(`${'a'.repeat(75)}\r\n a`)
  })

  it('never splits a multi-byte character, folding before it when it would pass 75 octets', () => {
    // 74 ASCII octets then a 2-octet é: 76 octets, so é moves to the next line whole.
    expect(foldLine(`${'a'.repeat(74)}é`)).toBe(`${'a'.repeat(74)}\r\n é`)
    // 73 + a 2-octet é is exactly 75: no fold.
    expect(foldLine(`${'a'.repeat(73)}é`)).toBe(`${'a'.repeat(73)}é`)
    const emoji = '🚀'.repeat(40)
    const folded = foldLine(emoji)
    for (const line of folded.split('\r\n')) {
      expect(octets(line)).toBeLessThanOrEqual(MAX_LINE_OCTETS)
      expect(line.isWellFormed()).toBe(true)
    }
    expect(folded.replace(/\r\n /g, '')).toBe(emoji)
  })
})
