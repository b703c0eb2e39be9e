// A middlebox that replays each new connection: the platform gets the app's connection twice, and
// everything the app sends (its sign-in, replays, commands) arrives on both. The app still hears
// every invite once, and a command arriving twice under its key is done once.
import { describe, expect, it } from 'vitest'
import { useCleanup } from '../../../support/cleanup'
import { startProxiedExpert } from '../../../support/proxied-expert'

const INVITES = 30

describe('a connection the network duplicates', () => {
  const defer = useCleanup()

  it('every invite is shown once, and a Join reaching the platform twice makes one session and opens the room once', async () => {
    const world = await startProxiedExpert(defer)
    const { platform, expert, proxy, core } = world
    for (let i = 1; i <= INVITES / 2; i++) platform.inviteDirectly(expert.id, `Before the duplicate ${i}`)
    await core.waitForNotifications(INVITES / 2)

    proxy.duplicate(true)
    // Both copies of the next connection are let in as the expert's.
    const bothCopiesJoined = new Promise<void>((resolve) => {
      let joined = 0
      platform.server.io.on('connection', () => void (++joined === 2 && resolve()))
    })
    proxy.resetAll()
    await core.waitForState((s) => s.status !== 'online')
    await core.waitForState((s) => s.status === 'online')
    expect(proxy.duplicated).toBeGreaterThan(0)
    await bothCopiesJoined
    for (let i = 1; i <= INVITES / 2; i++) platform.inviteDirectly(expert.id, `After the duplicate ${i}`)
    await core.waitForNotifications(INVITES)
    await core.runtime.core.settled()

    const [invite] = core.runtime.cache.openInvites(core.runtime.core.platformClock.now())
    const told = await core.runtime.api['invites.accept']({ inviteId: invite!.id, proposedTime: null })
    await core.runtime.core.settled()
    const sessions = platform.server.marketplace.snapshot(expert.id).sessions
    expect(sessions).toHaveLength(1)
    expect(told).toMatchObject({ ok: true, result: { session: { id: sessions[0]?.id } } })
    expect(core.adapters.browser.opened).toHaveLength(1)
    const shown = core.adapters.notifier.shown.flatMap((n) => (n.kind === 'invite' ? [n.inviteId] : []))
    expect(shown).toHaveLength(INVITES)
    expect(new Set(shown).size).toBe(INVITES)
    expect(core.runtime.core.connection.status).toBe('online')
  })
})
