// The platform shows it went back to another history (restored from a backup, then grown back to
// the app's cursor): an event at the cursor with another digest. The core asks for a fresh copy;
// Standby stopped (or killed) before that copy came must still ask for it after the restart, even
// of a platform that answers a replay without checking the digest it is sent.
import { describe, expect, it } from 'vitest'
import { anInvite, aRequest, aSnapshot, inviteCreated } from '../../../support/fixtures'
import { startHostilePlatform } from '../../../support/hostile-platform'
import { startTestCore } from '../../../support/test-core'
import { useCleanup } from '../../../support/cleanup'

describe('a rebuild the core asked for and never got', () => {
  const defer = useCleanup()

  it('Standby stopped before the fresh copy came: after the restart it asks again, and the invite only the restored history holds is shown once', async () => {
    const restored = anInvite({
      request: aRequest({ id: 'req_restored', title: 'Only in the restored history', createdAt: Date.now() }),
      expiresAt: Date.now() + 3_600_000,
    })
    let phase: 'first' | 'restored' | 'restarted' = 'first'
    let asked: () => void = () => {}
    const rebuildAsked = new Promise<void>((resolve) => (asked = resolve))
    let release: () => void = () => {}
    const never = new Promise<void>((resolve) => (release = resolve))
    defer(() => release())
    const platform = await startHostilePlatform({
      welcome: () => ({ latestEventId: 3 }),
      replay: async (request) => {
        if (request.snapshot !== true) return { kind: 'events', events: [], latestId: 3, hasMore: false }
        if (phase === 'first')
          return {
            kind: 'snapshot',
            snapshot: aSnapshot({ cursor: 3, cursorDigest: 'd3', takenAt: Date.now() }),
          }
        if (phase === 'restored') {
          asked()
          // The copy never reaches this run.
          await never
          return null
        }
        const snapshot = aSnapshot({
          openInvites: [restored],
          cursor: 3,
          cursorDigest: 'r3',
          takenAt: Date.now(),
        })
        return { kind: 'snapshot', snapshot }
      },
    })
    defer(() => platform.close())
    const core = await startTestCore({ platformUrl: platform.url, token: 't', expertId: 'exp_ada' })
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    expect(core.runtime.cache.cursor()).toBe(3)

    phase = 'restored'
    platform.io.emit('platform-event', { ...inviteCreated(3, restored, Date.now()), digest: 'r3' })
    await rebuildAsked
    core.close()

    phase = 'restarted'
    const restarted = await startTestCore({
      platformUrl: platform.url,
      token: 't',
      expertId: 'exp_ada',
      dir: core.dir,
    })
    defer(() => restarted.close(true))
    await restarted.waitForState((s) => s.status === 'online')
    await restarted.runtime.core.settled()
    const titles = restarted.adapters.notifier.shown.flatMap((n) => (n.kind === 'invite' ? [n.title] : []))
    expect(titles).toEqual([expect.stringContaining('Only in the restored history')])
  })
})
