import { describe, expect, it } from 'vitest'
import { eventShaped, holdsOf } from '../../../bench/fanout-held-baseline'
import { PlatformEvent, type Invite } from '../../../src/shared/protocol'
import { chainDigest } from '../../../server/src/event-digest'

const phase = (name: string, median: number) => ({ phase: name, median, share: 0 })

// A time the protocol takes: after the year 2000.
const AT = Date.UTC(2026, 11, 7)

const sample = {
  id: 'inv_1',
  request: {
    id: 'req_1',
    client: { id: 'cli_1', name: 'Bench Client', timeZone: 'UTC' },
    title: 'Fan-out 0',
    description: 'A request of ordinary size.',
    attachments: [],
    tags: ['fanout'],
    kind: 'instant',
    proposedTimes: [],
    expectedDurationMinutes: 30,
    createdAt: AT,
  },
  reason: 'matched',
  sentAt: AT,
  expiresAt: AT + 300_000,
  state: 'open',
} as Invite

describe('the held baseline', () => {
  it('holds for the platform work up to its commit before the emits, and for the work after its sends after them', () => {
    const summary = [
      phase('validated', 0.05),
      phase('matched', 0.25),
      phase('event rows', 0.25),
      phase('committed', 0.25),
      phase('delivered', 4),
      phase('invite rows', 0.25),
      phase('lookups written', 0.5),
    ]
    expect(holdsOf(summary)).toEqual({ before: 0.8, after: 0.75 })
  })

  it('refuses phases without a commit followed by the sends, rather than hold for nothing', () => {
    expect(() => holdsOf([phase('delivered', 1), phase('committed', 1)])).toThrow(/no commit/)
    expect(() => holdsOf([phase('matched', 1)])).toThrow(/no commit/)
  })

  it('sends an event the app reads as the platform invite, under the bench request id', () => {
    const event = PlatformEvent.parse(eventShaped(sample, 'held-7', 3, 8))
    expect(event.type).toBe('invite.created')
    expect(event.id).toBe(8)
    if (event.type !== 'invite.created') throw new Error('not an invite')
    expect(event.payload.invite.request.id).toBe('held-7')
    expect(event.payload.invite.id).toBe('held-7-3')
    expect(event.payload.invite.request.title).toBe('Fan-out 0')
  })

  it('is as long as the text the platform sends: its members in the same order, a digest as long', () => {
    const shaped = eventShaped(sample, 'held-7', 3, 8) as { digest: string }
    expect(Object.keys(shaped)).toEqual(['id', 'type', 'at', 'payload', 'digest'])
    expect(shaped.digest).toHaveLength(chainDigest('', '{}').length)
  })
})
