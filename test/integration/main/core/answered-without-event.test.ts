// A platform that answers a command as done but never sends the change down its stream: the
// expert is told the lists may not show it, once a replay did not bring it either; a platform
// that sends the change, before its answer or only in its replay, is not blamed.
import type { Socket } from 'socket.io'
import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../../src/shared/clock'
import type { Session } from '../../../../src/shared/protocol'
import { aRequest, aSession, sessionUpdated } from '../../../support/fixtures'
import {
  snapshotThenNothing,
  startHostilePlatform,
  type HostilePlatform,
} from '../../../support/hostile-platform'
import { startTestCore, type TestCore } from '../../../support/test-core'
import { useCleanup } from '../../../support/cleanup'

const HOUR = 3_600_000

describe('a command answered as done', () => {
  const defer = useCleanup()

  /** A session booked an hour ahead, and the same cancelled a moment later. */
  function bookedAndCancelled(): { booked: Session; cancelled: Session } {
    const now = Date.now()
    const request = aRequest({
      id: 'req_s',
      kind: 'scheduled',
      proposedTimes: [now + HOUR],
      createdAt: now - HOUR,
    })
    const booked = aSession({ id: 'ses_1', request, bookedStart: now + HOUR, updatedAt: now - 60_000 })
    const cancellation = {
      reason: 'expert_cancelled',
      feeAssessedTo: null,
      cancelledAt: now,
      by: 'expert',
    } as const
    return { booked, cancelled: { ...booked, state: 'cancelled', cancellation, updatedAt: now } }
  }

  /**
   * A platform holding `booked` that answers each command with `cancelled`, after `onCommand` (given
   * the replays asked so far); `replays` says how many it has been asked.
   */
  async function platformCancelling(
    { booked, cancelled }: { booked: Session; cancelled: Session },
    onCommand: (socket: Socket, replays: number) => void = () => {},
  ): Promise<{ platform: HostilePlatform; replays(): number }> {
    let replays = 0
    const snapshot = snapshotThenNothing({ sessions: [booked] })
    const platform = await startHostilePlatform({
      replay: (asked, socket) => {
        replays++
        return snapshot(asked, socket)
      },
      command: (_, socket) => {
        onCommand(socket, replays)
        return { session: cancelled }
      },
    })
    return { platform, replays: () => replays }
  }

  /** Ada's core online on `platform`, with its log lines kept in `lines`. */
  async function adaOn(
    platform: { url: string; close(): Promise<void> },
    lines: string[],
    linkClock?: ManualClock,
  ): Promise<TestCore> {
    defer(() => platform.close())
    const log = { info: () => {}, warn: () => {}, error: (line: string) => lines.push(line) }
    const core = await startTestCore({
      platformUrl: platform.url,
      token: 't',
      expertId: 'exp_ada',
      log,
      ...(linkClock && { linkClock }),
    })
    defer(() => core.close(true))
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    return core
  }

  it('whose change the stream never brings: one replay is asked, then the expert is told and the log says which', async () => {
    const { platform, replays } = await platformCancelling(bookedAndCancelled())
    const lines: string[] = []
    const core = await adaOn(platform, lines)
    const before = replays()
    const outcome = await core.runtime.api['sessions.cancel']({ sessionId: 'ses_1' })
    expect(outcome.ok).toBe(true)
    await core.waitForNotifications(1)
    expect(core.adapters.notifier.shown).toEqual([
      expect.objectContaining({
        kind: 'notice',
        title: 'The platform did not send a change',
        body: expect.stringMatching(/cancelled the session.*fault of the platform/),
      }),
    ])
    expect(replays()).toBe(before + 1)
    expect(lines.filter((l) => l.includes('session.cancel as done'))).toEqual([
      expect.stringMatching(/brought session ses_1 cancelled/),
    ])
  })

  it('whose change comes only with the replay: it is applied, and no one is blamed', async () => {
    const { booked, cancelled } = bookedAndCancelled()
    let cancelledThere = false
    let replayed: () => void = () => {}
    const replayedAfter = new Promise<void>((resolve) => (replayed = resolve))
    const snapshot = snapshotThenNothing({ sessions: [booked] })
    const platform = await startHostilePlatform({
      replay: (asked, socket) => {
        if (!cancelledThere || asked.snapshot === true) return snapshot(asked, socket)
        replayed()
        return { kind: 'events', events: [sessionUpdated(2, cancelled)], latestId: 2, hasMore: false }
      },
      command: () => {
        cancelledThere = true
        return { session: cancelled }
      },
    })
    const lines: string[] = []
    const core = await adaOn(platform, lines)
    expect((await core.runtime.api['sessions.cancel']({ sessionId: 'ses_1' })).ok).toBe(true)
    await replayedAfter
    await core.runtime.core.settled()
    expect(core.runtime.cache.session('ses_1')?.state).toBe('cancelled')
    // Answered after the check of the first answer had its replay: anything it told is told by now.
    expect((await core.runtime.api['sessions.setNote']({ sessionId: 'ses_1', note: '' })).ok).toBe(true)
    expect(core.adapters.notifier.shown).toEqual([])
    expect(lines).toEqual([])
  })

  it('whose change came live before the answer: no replay, nothing told', async () => {
    const session = bookedAndCancelled()
    const replaysAtCommand: number[] = []
    const { platform } = await platformCancelling(session, (socket, replays) => {
      replaysAtCommand.push(replays)
      if (replaysAtCommand.length === 1) socket.emit('platform-event', sessionUpdated(2, session.cancelled))
    })
    const lines: string[] = []
    const core = await adaOn(platform, lines)
    expect((await core.runtime.api['sessions.cancel']({ sessionId: 'ses_1' })).ok).toBe(true)
    expect(core.runtime.cache.session('ses_1')?.state).toBe('cancelled')
    // A replay the first answer's check asked would reach the platform before this second command.
    expect((await core.runtime.api['sessions.setNote']({ sessionId: 'ses_1', note: '' })).ok).toBe(true)
    expect(replaysAtCommand[1]).toBe(replaysAtCommand[0])
    expect(core.adapters.notifier.shown).toEqual([])
    expect(lines).toEqual([])
  })

  it('whose change comes live a moment after the answer: no replay, nothing told', async () => {
    const session = bookedAndCancelled()
    const { platform, replays } = await platformCancelling(session, (socket) =>
      // Well after the answer, as a platform sends events queued behind a large fan-out: not in
      // the answer's own packet, which the app reads at one go with it.
      setTimeout(() => socket.emit('platform-event', sessionUpdated(2, session.cancelled)), 100),
    )
    const lines: string[] = []
    // The link's clock stands still: the wait for the live change never runs out in this test.
    const core = await adaOn(platform, lines, new ManualClock(Date.now()))
    const before = replays()
    const changed = new Promise<void>((resolve) => core.runtime.core.cacheChanged.add(() => resolve()))
    expect((await core.runtime.api['sessions.cancel']({ sessionId: 'ses_1' })).ok).toBe(true)
    await changed
    expect(core.runtime.cache.session('ses_1')?.state).toBe('cancelled')
    // A replay the first answer's check asked would reach the platform before this second command.
    expect((await core.runtime.api['sessions.setNote']({ sessionId: 'ses_1', note: '' })).ok).toBe(true)
    await core.runtime.core.settled()
    expect(replays()).toBe(before)
    expect(core.adapters.notifier.shown).toEqual([])
    expect(lines).toEqual([])
  })
})
