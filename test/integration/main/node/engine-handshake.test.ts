// A platform opens every connection with an engine.io handshake that engine.io-client takes on
// trust: one that is not JSON made it throw where nothing catches it, ending the app, and a
// heartbeat it cannot keep closed each connection as it opened, told as a slow or dropped network.
import { describe, expect, it } from 'vitest'
import { openPacket, startRawEnginePlatform } from '../../../support/raw-engine-platform'
import { socketLink } from '../../../support/socket-link'
import { useCleanup } from '../../../support/cleanup'
import { waitForLinkState } from '../../../support/link-states'

describe('a platform opening the connection with a handshake engine.io-client cannot use', () => {
  const defer = useCleanup()

  /** A started link to a platform opening each connection with `opening`, and its log. */
  async function linkOpenedWith(...opening: string[]) {
    const platform = await startRawEnginePlatform(opening)
    defer(() => platform.close())
    const { link, log, clock } = socketLink(platform.url)
    defer(() => link.stop())
    link.start()
    return { link, log, clock }
  }

  it.each([
    ['not JSON', '0not json', /a handshake that could not be read/],
    ['null', '0null', /a handshake that could not be read/],
    ['a number', '07', /a handshake that could not be read/],
    ['a heartbeat as text', openPacket({ pingInterval: '25000' }), /a heartbeat no connection can keep/],
    ['a heartbeat longer than a timer holds', openPacket({ pingInterval: 2 ** 40 }), /a heartbeat no/],
    ['a negative heartbeat', openPacket({ pingTimeout: -50_000 }), /a heartbeat no connection can keep/],
    ['no heartbeat', openPacket({ pingInterval: null, pingTimeout: null }), /a heartbeat no connection/],
  ])(
    '%s: the connection is closed, says why and whose fault, and is tried again later',
    async (_, open, why) => {
      const { link, log, clock } = await linkOpenedWith(open)
      const closed = await waitForLinkState(link, (s) => s.kind === 'waiting')
      expect(closed.kind === 'waiting' && closed.reason).toMatch(why)
      expect(closed.kind === 'waiting' && closed.reason).toMatch(/platform's support/)
      expect(closed.kind === 'waiting' && closed.reason).not.toMatch(/network|ping timeout/)
      expect(closed.kind === 'waiting' && closed.nextAttemptAt).toBeGreaterThan(clock.now())
      expect(log.text()).toMatch(why)
    },
  )

  it('a second handshake on a connection already open: closed, and said so', async () => {
    const { link } = await linkOpenedWith(openPacket({}), openPacket({}))
    const closed = await waitForLinkState(link, (s) => s.kind === 'waiting')
    expect(closed.kind === 'waiting' && closed.reason).toMatch(/a second handshake/)
  })

  it('a handshake with no list of upgrades, which a WebSocket connection never uses: goes online', async () => {
    const { link } = await linkOpenedWith('0{"sid":"raw","pingInterval":25000,"pingTimeout":20000}')
    await waitForLinkState(link, (s) => s.kind === 'connected')
  })
})
