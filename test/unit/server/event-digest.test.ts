/** An event's text with its digest: the text JSON.stringify gives the event with the digest added. */
import { describe, expect, it } from 'vitest'
import { chainDigest, closeWithDigest } from '../../../server/src/event-digest'

describe('closeWithDigest', () => {
  it('writes the digest as the last key, exactly as JSON.stringify would, along a chain', () => {
    let previous = 'epoch'
    for (let id = 1; id <= 50; id++) {
      const event = { id, type: 'invite.closed', at: 1_765_000_000_000 + id, payload: { note: 'a "q" \\ é' } }
      const open = JSON.stringify(event).slice(0, -1)
      const digest = chainDigest(previous, `${open}}`)
      expect(digest).toMatch(/^[0-9a-f]{32}$/)
      expect(closeWithDigest(open, digest)).toBe(JSON.stringify({ ...event, digest }))
      previous = digest
    }
  })
})
