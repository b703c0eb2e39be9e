import { describe, expect, it } from 'vitest'
import {
  commandSchemas,
  describeInstant,
  EARLIEST_TIMESTAMP,
  fitTimestamp,
  ExpertStats,
  LATEST_TIMESTAMP,
  MAX_ATTACHMENT_BYTES,
  PLATFORM_NAME,
  PlatformInfo,
  Attachment,
  Timestamp,
} from '../../../../src/shared/protocol'

const T = Date.UTC(2026, 0, 5, 9)

describe('Timestamp', () => {
  it('accepts ordinary times and refuses absurd ones before any rule does arithmetic on them', () => {
    expect(Timestamp.safeParse(T).success).toBe(true)
    for (const absurd of [
      8.64e15,
      8.64e15 - 1,
      Number.MAX_SAFE_INTEGER,
      LATEST_TIMESTAMP + 1,
      0,
      -1,
      -0,
      1.5 + T,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      String(T),
    ]) {
      expect(Timestamp.safeParse(absurd).success, String(absurd)).toBe(false)
    }
  })

  it('bounds the times of commands: a proposed time near the largest date is refused as a payload', () => {
    const accept = commandSchemas['invite.accept'].payload
    expect(accept.safeParse({ inviteId: 'inv_1', proposedTime: T }).success).toBe(true)
    expect(accept.safeParse({ inviteId: 'inv_1', proposedTime: 8.64e15 - 1 }).success).toBe(false)
    const availability = commandSchemas['availability.set'].payload
    expect(
      availability.safeParse({ availability: 'online', onlineUntil: Number.MAX_SAFE_INTEGER }).success,
    ).toBe(false)
  })

  it('takes a server whose clock reads an absurd time for no platform at all', () => {
    const info = { platform: PLATFORM_NAME, protocolVersion: 1, serverTime: T }
    expect(PlatformInfo.safeParse(info).success).toBe(true)
    expect(PlatformInfo.safeParse({ ...info, serverTime: 8.64e15 }).success).toBe(false)
  })

  it('keeps every time it accepts, and the rules around it, printable', () => {
    expect(() => new Date(LATEST_TIMESTAMP + 10 * 60_000).toISOString()).not.toThrow()
    expect(describeInstant(T)).toBe('2026-01-05T09:00:00.000Z')
    expect(describeInstant(Number.MAX_SAFE_INTEGER)).toMatch(/impossible time/)
    expect(describeInstant(Number.NaN)).toMatch(/impossible time/)
  })
})

describe('durations and sizes', () => {
  it('refuses a negative, fractional or endless response time and an absurd attachment size', () => {
    const stats = { averageResponseMs: 1_000, rating: null, sessionsDone: 0 }
    expect(ExpertStats.safeParse(stats).success).toBe(true)
    for (const bad of [-1, 0.5, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER]) {
      expect(ExpertStats.safeParse({ ...stats, averageResponseMs: bad }).success, String(bad)).toBe(false)
    }
    const file = { name: 'a.txt', sizeBytes: 1, mimeType: 'text/plain', url: 'https://x.example/a' }
    expect(Attachment.safeParse({ ...file, sizeBytes: MAX_ATTACHMENT_BYTES }).success).toBe(true)
    expect(Attachment.safeParse({ ...file, sizeBytes: MAX_ATTACHMENT_BYTES + 1 }).success).toBe(false)
  })
})

describe('fitTimestamp', () => {
  it('moves a stored time from before times were bounded to the nearer end of the range', () => {
    expect(fitTimestamp(T)).toBe(T)
    expect(fitTimestamp(Number.MAX_SAFE_INTEGER)).toBe(LATEST_TIMESTAMP)
    expect(fitTimestamp(-5)).toBe(EARLIEST_TIMESTAMP)
    expect(fitTimestamp(T + 0.4)).toBe(T)
    expect(fitTimestamp(Number.NaN)).toBe(LATEST_TIMESTAMP)
  })
})
