// A platform whose replays never let the core catch up (a page saying more events follow, and
// holding none) keeps the expert from invites while it counts them as there: once that lasts, the
// expert is told by a notice, not only by the connection line, and the notice goes once it mends.
import { describe, expect, it } from 'vitest'
import { STILL_FAILING_NOTICE_AFTER_MS } from '../../../../src/main/core/sync/catch-up-failures'
import { adaCountingReplays } from '../../../support/counted-replays'
import { useCleanup } from '../../../support/cleanup'

describe('a platform whose replays never catch the core up', () => {
  const defer = useCleanup()

  it('is told by a notice once it lasts, and the notice is withdrawn once the core catches up', async () => {
    let mended = false
    const { core, clock, asks, asked } = await adaCountingReplays(defer, {
      welcome: () => ({ latestEventId: 9 }),
      replay: () =>
        mended
          ? { kind: 'events', events: [], latestId: 0, hasMore: false }
          : { kind: 'events', events: [], latestId: 9, hasMore: true },
    })
    await asked(1)
    const start = clock.now()
    // Every retry's wait is a minute at most: each step brings the next try.
    while (core.adapters.notifier.shown.length === 0) {
      expect(clock.now() - start).toBeLessThanOrEqual(STILL_FAILING_NOTICE_AFTER_MS + 60_000)
      const next = asks() + 1
      clock.advance(60_000)
      await asked(next)
    }
    expect(core.adapters.notifier.shown).toEqual([
      expect.objectContaining({
        kind: 'notice',
        title: 'Standby cannot catch up with the platform',
        body: expect.stringMatching(/sent none of them\), so new invites .* tell the platform’s support/),
      }),
    ])
    mended = true
    clock.advance(60_000)
    await core.waitForState((s) => s.status === 'online')
    expect(core.adapters.notifier.shown).toEqual([
      expect.objectContaining({ kind: 'notice' }),
      expect.objectContaining({ kind: 'notice_withdrawn', noticeId: 'catch-up-failing' }),
    ])
  })
})
