import { describe, expect, it } from 'vitest'
import {
  CommandEnvelope,
  Expert,
  HelpRequest,
  PlatformEvent,
  SocketAuth,
  TimeZone,
  commandSchemas,
  describeVersionMismatch,
  type HelpRequest as HelpRequestType,
} from '../../../../src/shared/protocol'
import { anExpert } from '../../../support/fixtures'

/** An ordinary time: Monday 2026-01-05 09:00 UTC. */
const T = Date.UTC(2026, 0, 5, 9)

const request: HelpRequestType = {
  id: 'req_1',
  client: { id: 'cli_1', name: 'Sam', timeZone: 'America/Chicago' },
  title: 'Help',
  description: '',
  attachments: [
    { name: 'log.txt', sizeBytes: 10, mimeType: 'text/plain', url: 'https://example.com/log.txt' },
  ],
  tags: [],
  kind: 'scheduled',
  proposedTimes: [T + 1, T + 2, T + 3],
  expectedDurationMinutes: 30,
  createdAt: T,
}

describe('HelpRequest', () => {
  it('keeps each proposed time once, earliest first, however the platform sent them', () => {
    const parsed = HelpRequest.parse({ ...request, proposedTimes: [T + 3, T + 1, T + 1, T + 3, T + 1] })
    expect(parsed.proposedTimes).toEqual([T + 1, T + 3])
  })

  it('accepts 1 to 5 proposed times for a scheduled request and none for an instant one', () => {
    expect(HelpRequest.safeParse(request).success).toBe(true)
    expect(
      HelpRequest.safeParse({ ...request, proposedTimes: [T + 1, T + 2, T + 3, T + 4, T + 5] }).success,
    ).toBe(true)
    expect(
      HelpRequest.safeParse({ ...request, proposedTimes: [T + 1, T + 2, T + 3, T + 4, T + 5, T + 6] })
        .success,
    ).toBe(false)
    expect(HelpRequest.safeParse({ ...request, proposedTimes: [] }).success).toBe(false)
    expect(HelpRequest.safeParse({ ...request, kind: 'instant', proposedTimes: [] }).success).toBe(true)
    expect(HelpRequest.safeParse({ ...request, kind: 'instant' }).success).toBe(false)
  })

  it('reads a zone newer than this computer’s time zone data, refuses what is no zone name, and an attachment link that is not http(s)', () => {
    const inZone = (timeZone: string) => ({ ...request, client: { ...request.client, timeZone } })
    // Unknown to this runtime's Intl, as a zone added after its data was built is: the invite still comes.
    expect(HelpRequest.safeParse(inZone('Mars/Olympus')).success).toBe(true)
    expect(Expert.safeParse({ ...anExpert(), timeZone: 'Mars/Olympus' }).success).toBe(true)
    for (const notAZone of ['', 'Europe/', '../etc/passwd', 'Europe/Paris <b>', 'x'.repeat(65)])
      expect(HelpRequest.safeParse(inZone(notAZone)).success).toBe(false)
    // What the platform computes times in must be one it knows.
    expect(TimeZone.safeParse('Mars/Olympus').success).toBe(false)
    expect(TimeZone.safeParse('America/Argentina/Buenos_Aires').success).toBe(true)
    const script = { ...request.attachments[0]!, url: 'javascript:alert(1)' }
    expect(HelpRequest.safeParse({ ...request, attachments: [script] }).success).toBe(false)
  })
})

describe('events and commands', () => {
  it('parses a known event and refuses an unknown type', () => {
    const closed = {
      id: 3,
      at: T,
      type: 'invite.closed',
      payload: { inviteId: 'inv_1', reason: 'taken', sessionId: null },
    }
    expect(PlatformEvent.parse(closed)).toEqual(closed)
    expect(PlatformEvent.safeParse({ ...closed, type: 'invite.exploded' }).success).toBe(false)
    expect(PlatformEvent.safeParse({ ...closed, id: 0 }).success).toBe(false)
  })

  it('requires an idempotency key and a known command name', () => {
    expect(
      CommandEnvelope.safeParse({ name: 'invite.decline', idempotencyKey: 'abcdefgh', payload: {} }).success,
    ).toBe(true)
    expect(CommandEnvelope.safeParse({ name: 'invite.decline', payload: {} }).success).toBe(false)
    expect(
      CommandEnvelope.safeParse({ name: 'invite.eat', idempotencyKey: 'abcdefgh', payload: {} }).success,
    ).toBe(false)
  })

  it('only allows discounts between 1 and 99 percent', () => {
    const end = commandSchemas['session.end'].payload
    expect(end.safeParse({ sessionId: 's', outcome: { kind: 'discounted', percent: 50 } }).success).toBe(true)
    expect(end.safeParse({ sessionId: 's', outcome: { kind: 'discounted', percent: 100 } }).success).toBe(
      false,
    )
    expect(end.safeParse({ sessionId: 's', outcome: { kind: 'discounted', percent: 0 } }).success).toBe(false)
  })
})

describe('the handshake', () => {
  it('needs a token and a numeric protocol version', () => {
    expect(SocketAuth.safeParse({ token: 't', protocolVersion: 1 }).success).toBe(true)
    expect(SocketAuth.safeParse({ token: 't' }).success).toBe(false)
  })

  it('tells each side what to do about a version mismatch', () => {
    expect(describeVersionMismatch(1, 2, 'app')).toMatch(/update Standby/)
    expect(describeVersionMismatch(2, 1, 'app')).toMatch(/operator/)
    expect(describeVersionMismatch(1, 2, 'platform')).toMatch(/platform must be updated/)
    expect(describeVersionMismatch(2, 1, 'platform')).toMatch(/update Standby/)
  })
})
