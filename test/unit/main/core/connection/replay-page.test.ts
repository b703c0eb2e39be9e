import { describe, expect, it } from 'vitest'
import { parseReplayPage } from '../../../../../src/main/core/connection/replay-page'
import { aSnapshot, anInvite, aRequest, inviteCreated } from '../../../../support/fixtures'

const good = inviteCreated(1, anInvite({ id: 'inv_1', request: aRequest({ id: 'req_1' }) }))

describe('parseReplayPage', () => {
  it('keeps the good events of a page and skips (and logs) a malformed one', () => {
    const errors: string[] = []
    const page = parseReplayPage(
      {
        kind: 'events',
        events: [good, { id: 2, type: 'invite.created', payload: {} }],
        latestId: 2,
        hasMore: false,
      },
      { error: (m) => errors.push(m) },
    )
    expect(page).toMatchObject({ kind: 'events', events: [good], skipped: 1, latestId: 2 })
    expect(errors).toEqual([expect.stringMatching(/^Ignored a malformed event from the platform/)])
  })

  it('reads a snapshot, and refuses a malformed snapshot or page with a sentence', () => {
    const log = { error: () => {} }
    expect(parseReplayPage({ kind: 'snapshot', snapshot: aSnapshot() }, log)).toMatchObject({
      kind: 'snapshot',
    })
    expect(() => parseReplayPage({ kind: 'snapshot', snapshot: { cursor: 'x' } }, log)).toThrow(
      /malformed snapshot/,
    )
    expect(() => parseReplayPage({ kind: 'events', events: 'nope' }, log)).toThrow(/malformed replay page/)
    expect(() => parseReplayPage(null, log)).toThrow(/malformed replay page/)
  })
})
