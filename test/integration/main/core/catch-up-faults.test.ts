// A platform whose replays do not move the app on: one restored from a backup that answers with a
// stream ending before the app's cursor, and one that says more events follow but sends none.
// The core rebuilds from a snapshot in the first case and backs off, saying so, in the second;
// either way no invite is lost or shown twice.
import { describe, expect, it } from 'vitest'
import { anExpert, anInvite, aRequest, aSnapshot, inviteCreated } from '../../../support/fixtures'
import { startHostilePlatform } from '../../../support/hostile-platform'
import { startTestCore } from '../../../support/test-core'
import { adaCountingReplays } from '../../../support/counted-replays'
import { useCleanup } from '../../../support/cleanup'

/** An invite open for the next hour, for request `id`. */
function openInvite(id: string, title: string) {
  return anInvite({
    request: aRequest({ id, title, createdAt: Date.now() }),
    expiresAt: Date.now() + 3_600_000,
  })
}

/** The platform's answer to a snapshot request: an empty snapshot at its first event. */
const snapshotAtFirstEvent = () =>
  ({
    kind: 'snapshot',
    snapshot: aSnapshot({ cursor: 1, cursorDigest: 'd1', takenAt: Date.now() }),
  }) as const

describe('a platform whose replays do not move the app on', () => {
  const defer = useCleanup()

  it('restored from a backup older than the app cursor, without checking its digest: the core rebuilds from a snapshot and shows the next invite once', async () => {
    const before = openInvite('req_before', 'Open before the backup')
    const after = openInvite('req_after', 'Sent after the restore')
    let restored = false
    const snapshots: number[] = []
    const platform = await startHostilePlatform({
      welcome: () => ({ latestEventId: restored ? 1 : 3 }),
      replay: (request) => {
        if (request.snapshot === true) {
          const snapshot = restored
            ? aSnapshot({ openInvites: [before], cursor: 1, cursorDigest: 'r1', takenAt: Date.now() })
            : aSnapshot({ openInvites: [before], cursor: 3, cursorDigest: 'd3', takenAt: Date.now() })
          snapshots.push(snapshot.cursor)
          return { kind: 'snapshot', snapshot }
        }
        // Its stream ends at its own latest event, whatever cursor and digest the app sends.
        return { kind: 'events', events: [], latestId: restored ? 1 : 3, hasMore: false }
      },
    })
    defer(() => platform.close())
    const core = await startTestCore({ platformUrl: platform.url, token: 't', expertId: 'exp_ada' })
    defer(() => core.close(true))
    await core.waitForNotifications(1)
    await core.waitForState((s) => s.status === 'online')
    expect(core.runtime.cache.cursor()).toBe(3)

    restored = true
    platform.io.disconnectSockets()
    await core.waitForState((s) => s.status !== 'online')
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    expect(snapshots).toEqual([3, 1])
    expect(core.runtime.cache.cursor()).toBe(1)

    platform.io.emit('platform-event', { ...inviteCreated(2, after, Date.now()), digest: 'r2' })
    await core.waitForNotifications(2)
    const titles = core.adapters.notifier.shown.flatMap((n) => (n.kind === 'invite' ? [n.title] : []))
    expect(titles).toEqual([
      expect.stringContaining('Open before the backup'),
      expect.stringContaining('Sent after the restore'),
    ])
  })

  it('saying more events follow but sending none: the core backs off instead of asking again at once, says so, and catches up once they come', async () => {
    const invite = openInvite('req_late', 'Held back by the platform')
    let honest = false
    const { core, clock, asks, asked } = await adaCountingReplays(defer, {
      welcome: () => ({ latestEventId: 2 }),
      replay: (request) => {
        if (request.snapshot === true) return snapshotAtFirstEvent()
        const events = honest ? [{ ...inviteCreated(2, invite, Date.now()), digest: 'd2' }] : []
        return { kind: 'events', events, latestId: 2, hasMore: !honest }
      },
    })
    // The snapshot, then the empty page: not asked again until the wait is over, nor given up on.
    await asked(2)
    expect(core.runtime.core.connection.status).toBe('connecting')
    expect(asks()).toBe(2)
    clock.advance(1_000)
    await asked(3)
    const shown = await core.waitForState((s) => s.status !== 'connecting')
    expect(shown).toMatchObject({
      status: 'offline',
      reason: expect.stringMatching(/could not catch up with the platform \(.*sent none.*\)/),
    })
    expect(asks()).toBe(3)
    honest = true
    clock.advance(60_000)
    await core.waitForNotifications(1)
    await core.waitForState((s) => s.status === 'online')
    expect(core.runtime.cache.cursor()).toBe(2)
    expect(core.adapters.notifier.shown.filter((n) => n.kind === 'invite')).toHaveLength(1)
  })

  it('pushing an event live past one its replay does not have yet: the core keeps it, asks again after a wait, and shows it once the replay fills the gap', async () => {
    const pushed = openInvite('req_pushed', 'Pushed past a gap')
    const missed = openInvite('req_missed', 'Never pushed')
    const second = { ...inviteCreated(2, missed, Date.now()), digest: 'd2' }
    const third = { ...inviteCreated(3, pushed, Date.now()), digest: 'd3' }
    let filled = false
    const { core, clock, platform, asks, asked } = await adaCountingReplays(defer, {
      welcome: () => ({ latestEventId: 1 }),
      replay: (request) => {
        if (request.snapshot === true) return snapshotAtFirstEvent()
        const events = filled ? [second, third].filter((e) => e.id > Number(request.after)) : []
        return { kind: 'events', events, latestId: filled ? 3 : 1, hasMore: false }
      },
    })
    await core.waitForState((s) => s.status === 'online')
    const before = asks()
    // Its replay lags what it pushes: event 2 is on neither, event 3 only live.
    platform.io.emit('platform-event', third)
    await asked(before + 1)
    // Not live with a hole in the stream, nor asking again at once.
    expect(core.runtime.core.connection.status).toBe('connecting')
    expect(asks()).toBe(before + 1)
    filled = true
    clock.advance(1_000)
    await core.waitForNotifications(2)
    await core.waitForState((s) => s.status === 'online')
    expect(core.runtime.cache.cursor()).toBe(3)
    const titles = core.adapters.notifier.shown.flatMap((n) => (n.kind === 'invite' ? [n.title] : []))
    expect(titles.sort()).toEqual([
      expect.stringContaining('Never pushed'),
      expect.stringContaining('Pushed past a gap'),
    ])
  })

  it("sending a snapshot in parts whose first part is another expert's: none of that expert's invites is shown, and the core says so", async () => {
    const theirs = openInvite('req_theirs', "Another expert's invite")
    const platform = await startHostilePlatform({
      replay: (request) =>
        request.snapshot !== true
          ? { kind: 'events', events: [], latestId: 1, hasMore: false }
          : {
              kind: 'snapshot',
              snapshot:
                request.snapshotAfter === undefined
                  ? aSnapshot({
                      expert: anExpert({ id: 'exp_mallory' }),
                      openInvites: [theirs],
                      cursor: 1,
                      takenAt: Date.now(),
                      next: { list: 'openInvites', id: theirs.id },
                    })
                  : aSnapshot({ cursor: 1, cursorDigest: 'd1', takenAt: Date.now() }),
            },
    })
    defer(() => platform.close())
    const core = await startTestCore({ platformUrl: platform.url, token: 't', expertId: 'exp_ada' })
    defer(() => core.close(true))
    const state = await core.waitForState((s) => s.status === 'incompatible' || s.status === 'online')
    expect(state).toMatchObject({ status: 'incompatible', message: expect.stringMatching(/another expert/) })
    expect(core.runtime.cache.openInvites(core.runtime.core.platformClock.now())).toEqual([])
    expect(core.adapters.notifier.shown.filter((n) => n.kind === 'invite')).toEqual([])
  })
})
