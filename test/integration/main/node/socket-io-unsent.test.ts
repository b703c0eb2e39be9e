// A command asked for while socket.io holds it back (after a sleep its heartbeat has run out, and
// it closes that connection next) was never sent: it fails with the connection, as the link's port
// promises, rather than waiting unseen to go out on whichever connection comes next.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PlatformLink } from '../../../../src/main/core/connection/platform-link'
import { socketIoTransport } from '../../../../src/main/node/socket-io-transport'
import { ManualClock } from '../../../../src/shared/clock'
import { FIXTURE_NOW } from '../../../support/fixtures'
import { startHostilePlatform } from '../../../support/hostile-platform'
import { recordingLog } from '../../../support/recording-log'
import { useCleanup } from '../../../support/cleanup'
import { waitForLinkState } from '../../../support/link-states'
import { noPower } from '../../../support/no-power'

describe('a command asked for once the heartbeat ran out during a sleep', () => {
  const defer = useCleanup()
  afterEach(() => vi.useRealTimers())

  it('fails with its connection: signed out then, the expert hears at once', async () => {
    const page = { kind: 'events', events: [], latestId: 0, hasMore: false }
    const platform = await startHostilePlatform({ replay: () => page })
    defer(() => platform.close())
    // Never moved: a command left waiting for the answer's timeout would never end.
    const clock = new ManualClock(FIXTURE_NOW)
    const link = new PlatformLink(platform.url, 't', {
      transport: socketIoTransport,
      clock,
      linkClock: clock,
      power: noPower,
      log: recordingLog(),
      expertId: 'exp_ada',
    })
    defer(() => link.stop())
    link.start()
    await waitForLinkState(link, (s) => s.kind === 'connected')

    // The machine slept past the heartbeat: socket.io holds what is asked, and closes the connection.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + 10 * 60_000)
    const outcome = link.command('invite.decline', { inviteId: 'inv_1' })
    await waitForLinkState(link, (s) => s.kind === 'waiting')
    link.stop()
    expect(await outcome).toMatchObject({
      ok: false,
      error: { code: 'dropped', message: expect.stringMatching(/cannot tell whether it was done/) },
    })
  })
})
