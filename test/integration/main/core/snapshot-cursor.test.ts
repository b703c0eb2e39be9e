// A platform whose snapshot names a cursor its stream never reached (2^53-1, or a few dozen events
// past its newest) while its event pages echo whatever cursor the app asks from: applied as it
// came, every real event after it would be passed over as a duplicate and its invite never shown.
import { describe, expect, it } from 'vitest'
import type { PlatformEvent } from '../../../../src/shared/protocol'
import { adaCountingReplays } from '../../../support/counted-replays'
import { useCleanup } from '../../../support/cleanup'
import { anInvite, aRequest, aSnapshot, inviteCreated } from '../../../support/fixtures'
import { recordingLog } from '../../../support/recording-log'

describe('a snapshot whose cursor the platform never reached', () => {
  const defer = useCleanup()

  /**
   * Ada's core on a platform whose first snapshot is at `bogusCursor` and holds nothing; later ones
   * are honest, or (`liar`) hold what is open at `bogusCursor` again, its welcome claiming it too.
   * Event pages say the newest event is wherever the app asked from, or further; with
   * `inviteWithFirstPage`, an invite is pushed live just before the first of them; with
   * `inviteInFirstPage`, it is in the first of them, and every page holds the whole stream.
   */
  async function adaAfterBogusSnapshot(
    bogusCursor: number,
    { liar = false, inviteWithFirstPage = false, inviteInFirstPage = false } = {},
  ) {
    const now = Date.now()
    const stream: PlatformEvent[] = []
    const head = (): number => 1 + stream.length
    let snapshots = 0
    const log = recordingLog()
    const invite = anInvite({
      request: aRequest({ id: 'req_real', title: 'Real', createdAt: now }),
      expiresAt: now + 3_600_000,
    })
    /** The platform's next event, an invite. */
    const nextInvite = (): PlatformEvent => {
      const event = { ...inviteCreated(head() + 1, invite, now), digest: `d${head() + 1}` }
      stream.push(event)
      return event
    }
    const counted = await adaCountingReplays(
      defer,
      {
        welcome: () => ({ latestEventId: liar ? bogusCursor : head() }),
        replay: (request, socket) => {
          if (request.snapshot === true) {
            const open = stream.map((e) => (e.type === 'invite.created' ? e.payload.invite : null))
            const openInvites = open.filter((i) => i !== null)
            return {
              kind: 'snapshot',
              snapshot:
                ++snapshots === 1
                  ? aSnapshot({ cursor: bogusCursor, cursorDigest: 'bogus', takenAt: now })
                  : liar
                    ? aSnapshot({ cursor: bogusCursor, cursorDigest: 'bogus', openInvites, takenAt: now })
                    : aSnapshot({ cursor: head(), cursorDigest: `d${head()}`, openInvites, takenAt: now }),
            }
          }
          if (inviteWithFirstPage && stream.length === 0) socket.emit('platform-event', nextInvite())
          if (inviteInFirstPage && stream.length === 0) nextInvite()
          return {
            kind: 'events',
            events: inviteInFirstPage ? stream : stream.filter((e) => e.id > Number(request.after)),
            latestId: Math.max(Number(request.after), head()),
            hasMore: false,
          }
        },
      },
      log,
    )
    /** The platform's next event, an invite, pushed live. */
    const pushInvite = (): void => void counted.platform.io.emit('platform-event', nextInvite())
    return { ...counted, log, pushInvite }
  }

  it('far past the newest event the platform told of is refused, said in the log, and the next one followed: the invite after it is shown', async () => {
    const { core, clock, asked, log, pushInvite } = await adaAfterBogusSnapshot(Number.MAX_SAFE_INTEGER)
    await asked(1)
    expect(core.runtime.cache.cursor()).toBe(0)
    expect(log.text()).toMatch(/event 9007199254740991, far past event 1, the newest it has told of/)
    clock.advance(60_000)
    await asked(3)
    expect(core.runtime.core.connection.status).toBe('online')
    expect(core.runtime.cache.cursor()).toBe(1)
    pushInvite()
    await core.waitForNotifications(1)
    expect(core.adapters.notifier.shown.map((n) => n.title)).toEqual([expect.stringMatching(/Real$/)])
    expect(core.runtime.cache.cursor()).toBe(2)
  })

  it('a little past it is applied, but the first event under it the platform had not shown rebuilds the cache instead of being dropped', async () => {
    const { core, asked, log, pushInvite } = await adaAfterBogusSnapshot(40)
    await asked(2)
    expect(core.runtime.core.connection.status).toBe('online')
    expect(core.runtime.cache.cursor()).toBe(40)
    pushInvite()
    await core.waitForNotifications(1)
    await asked(4)
    expect(core.adapters.notifier.shown.map((n) => n.title)).toEqual([expect.stringMatching(/Real$/)])
    expect(core.runtime.cache.cursor()).toBe(2)
    expect(log.text()).toMatch(/sent event 2, though the cache's position \(event 40\) says it has it/)
  })

  it('claimed by the welcome too, still cannot pass a real event far under it over: the cache is rebuilt and the invite shown', async () => {
    const { core, asked, log, pushInvite } = await adaAfterBogusSnapshot(Number.MAX_SAFE_INTEGER, {
      liar: true,
    })
    await asked(2)
    expect(core.runtime.core.connection.status).toBe('online')
    pushInvite()
    await core.waitForNotifications(1)
    await asked(4)
    expect(core.adapters.notifier.shown.map((n) => n.title)).toEqual([expect.stringMatching(/Real$/)])
    expect(log.text()).toMatch(
      /sent event 2, though the cache's position \(event 9007199254740991\) says it has it/,
    )
  })

  it.each([
    [
      'with an event under it pushed while catching up: that event rebuilds the cache too, not dropped as one the snapshot held',
      { inviteWithFirstPage: true },
    ],
    [
      'then a page reaching back under it to an event the platform never showed: the cache is rebuilt, not the event passed over',
      { inviteInFirstPage: true },
    ],
  ])('a little past it, %s', async (_, options) => {
    const { core, asked, log } = await adaAfterBogusSnapshot(40, options)
    await core.waitForNotifications(1)
    await asked(4)
    expect(core.runtime.core.connection.status).toBe('online')
    expect(core.adapters.notifier.shown.map((n) => n.title)).toEqual([expect.stringMatching(/Real$/)])
    expect(core.runtime.cache.cursor()).toBe(2)
    expect(log.text()).toMatch(/sent event 2, though the cache's position \(event 40\) says it has it/)
  })

  it('pushed again with every page, an event under the cursor rebuilds the cache once per catch-up, and the core still goes live', async () => {
    const now = Date.now()
    let looping: (outcome: string) => void = () => {}
    const looped = new Promise<string>((resolve) => (looping = resolve))
    const stale = { ...inviteCreated(3, anInvite(), now), digest: 'd3' }
    let pages = 0
    const { core } = await adaCountingReplays(defer, {
      welcome: () => ({ latestEventId: 1 }),
      replay: (request, socket) => {
        if (request.snapshot === true)
          return { kind: 'snapshot', snapshot: aSnapshot({ cursor: 40, cursorDigest: 'd40', takenAt: now }) }
        socket.emit('platform-event', stale)
        if (Number(request.after) === 40 && ++pages === 30) looping('still rebuilding after 30 pages')
        return { kind: 'events', events: [], latestId: 40, hasMore: false }
      },
    })
    const outcome = await Promise.race([
      looped,
      core.waitForState((s) => s.status === 'online').then((s) => s.status),
    ])
    expect(outcome).toBe('online')
  })
})
