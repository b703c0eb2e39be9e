// A platform whose snapshot sends one id twice: a session under two requests, a message with two
// bodies, in one part or in two. Only one copy can be right, so the expert hears the platform is
// at fault (not that Standby needs an update), and the log names what was sent twice. The same
// copy sent twice is harmless and told of to no one.
import { describe, expect, it } from 'vitest'
import { aMessage, aRequest, aSession, aSnapshot } from '../../../support/fixtures'
import { startHostilePlatform } from '../../../support/hostile-platform'
import { recordingLog, type RecordingLog } from '../../../support/recording-log'
import { adaSettledOn, type TestCore } from '../../../support/test-core'
import { useCleanup } from '../../../support/cleanup'
import type { Snapshot } from '../../../../src/shared/protocol'

const HOUR = 3_600_000

describe('a snapshot sending one id twice', () => {
  const defer = useCleanup()

  /**
   * Ada's core caught up from a snapshot sent as `parts` (each the rows of one part), with no
   * event after it; resolves with the core and its log once the snapshot is applied.
   */
  async function adaRebuiltFrom(
    parts: ReadonlyArray<Partial<Snapshot>>,
  ): Promise<{ core: TestCore; log: RecordingLog }> {
    const platform = await startHostilePlatform({
      welcome: () => ({ latestEventId: 1 }),
      replay: (asked) => {
        if (asked.snapshot !== true) return { kind: 'events', events: [], latestId: 1, hasMore: false }
        // Each part's `next` is the position `part_<index of the part after it>`.
        const after = (asked.snapshotAfter as { readonly id?: string } | null | undefined)?.id
        const index = after === undefined ? 0 : Number(after.slice('part_'.length))
        const next =
          index + 1 < parts.length ? { list: 'sessions' as const, id: `part_${index + 1}` } : undefined
        return {
          kind: 'snapshot',
          snapshot: aSnapshot({ ...parts[index], cursor: 1, cursorDigest: 'd1', takenAt: Date.now(), next }),
        }
      },
    })
    const log = recordingLog()
    const core = await adaSettledOn(defer, platform, log)
    return { core, log }
  }

  const now = Date.now()
  const booked = aSession({
    id: 'ses_d',
    request: aRequest({ id: 'req_1', kind: 'scheduled', proposedTimes: [now + HOUR], createdAt: now - HOUR }),
    bookedStart: now + HOUR,
    updatedAt: now - 60_000,
  })
  const underAnother = {
    ...booked,
    request: aRequest({ id: 'req_2', kind: 'scheduled', proposedTimes: [now + HOUR], createdAt: now - HOUR }),
  }
  const message = aMessage({ id: 'msg_d', requestId: 'req_1', sentAt: now - 60_000 })
  const reworded = { ...message, body: 'Words the expert never read.' }

  /** The notices shown, by title and body. */
  const notices = (core: TestCore) => core.adapters.notifier.shown.filter((n) => n.kind === 'notice')

  /** The one notice that the platform is at fault, and the log line naming `what` sent twice. */
  function expectFaultTold(core: TestCore, log: RecordingLog, what: string): void {
    expect(notices(core)).toEqual([
      expect.objectContaining({ kind: 'notice', body: expect.stringMatching(/fault of the platform/) }),
    ])
    expect(log.lines).toContainEqual(
      expect.stringMatching(new RegExp(`^error .*${what}\\b.*twice, with different content`)),
    )
  }

  it('a session under two requests in one part: one session listed, and the notice says whose fault it is', async () => {
    const { core, log } = await adaRebuiltFrom([{ sessions: [booked, underAnother] }])
    expect(core.runtime.cache.upcomingSessions(now, 10).map((s) => s.id)).toEqual(['ses_d'])
    expectFaultTold(core, log, 'session ses_d')
  })

  it('a message with two bodies in one part: the notice says whose fault it is', async () => {
    const { core, log } = await adaRebuiltFrom([{ sessions: [booked], recentMessages: [message, reworded] }])
    expectFaultTold(core, log, 'message msg_d')
  })

  it('a session under two requests in two parts: the notice says whose fault it is', async () => {
    const { core, log } = await adaRebuiltFrom([{ sessions: [booked] }, { sessions: [underAnother] }])
    expect(core.runtime.cache.upcomingSessions(now, 10).map((s) => s.id)).toEqual(['ses_d'])
    expectFaultTold(core, log, 'session ses_d')
  })

  it('the same session and message sent twice, in one part and in two: kept once, and nothing is told', async () => {
    const { core, log } = await adaRebuiltFrom([
      { sessions: [booked, booked], recentMessages: [message] },
      { sessions: [booked], recentMessages: [message, message] },
    ])
    expect(core.runtime.cache.upcomingSessions(now, 10).map((s) => s.id)).toEqual(['ses_d'])
    expect(notices(core)).toEqual([])
    expect(log.lines.filter((line) => line.startsWith('error '))).toEqual([])
  })
})
