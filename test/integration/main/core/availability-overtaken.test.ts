// An availability picked in Standby whose command the network lost, while the expert chose
// otherwise on another device: the newer choice stands at the platform, and the expert is told.
import { describe, expect, it } from 'vitest'
import { BACKOFF_START_MS } from '../../../../src/main/core/connection/backoff'
import { useCleanup } from '../../../support/cleanup'
import { startProxiedExpert } from '../../../support/proxied-expert'

describe('an availability pick lost with its connection', () => {
  const defer = useCleanup()

  it('is not sent again over the away the expert chose on their phone meanwhile', async () => {
    const world = await startProxiedExpert(defer, { coreClock: 'link' })
    const { platform, expert, proxy, linkClock: clock, core } = world
    const phone = (availability: 'online' | 'away', key: string): void => {
      const ack = platform.server.marketplace.execute(expert.id, {
        name: 'availability.set',
        idempotencyKey: key,
        payload: { availability, onlineUntil: null },
      })
      expect(ack.ok).toBe(true)
    }

    // "Available" goes up and is held on the way; the connection is then cut before it arrives.
    proxy.hold('up')
    const pick = core.runtime.core.command('availability.set', { availability: 'online', onlineUntil: null })
    await proxy.untilHeldUp()
    proxy.resetAll()
    await core.waitForState((s) => s.status === 'reconnecting')
    // Meanwhile, on the phone: away again, on purpose, after the pick.
    phone('away', 'phone-choice')
    clock.advance(BACKOFF_START_MS)

    const answered = await pick
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    expect(answered).toMatchObject({
      ok: false,
      error: { code: 'overtaken', message: expect.stringMatching(/^You chose away on another device/) },
    })
    expect(platform.server.marketplace.snapshot(expert.id).expert.availability).toBe('away')
    expect(core.runtime.cache.expert()?.availability).toBe('away')
  })

  it('stands aside for the phone’s away even after an away picked here that never arrived', async () => {
    const world = await startProxiedExpert(defer, { coreClock: 'link' })
    const { platform, expert, proxy, linkClock: clock, core } = world
    const atPlatform = (): string => platform.server.marketplace.snapshot(expert.id).expert.availability
    // "Away" then "Available" here, both held on the way up; the connection is then cut.
    proxy.hold('up')
    const away = core.runtime.core.command('availability.set', { availability: 'away', onlineUntil: null })
    await proxy.untilHeldUp()
    const online = core.runtime.core.command('availability.set', {
      availability: 'online',
      onlineUntil: null,
    })
    proxy.resetAll()
    await core.waitForState((s) => s.status === 'reconnecting')
    // Meanwhile, on the phone: away, after both picks. The same value as the first pick here.
    const ack = platform.server.marketplace.execute(expert.id, {
      name: 'availability.set',
      idempotencyKey: 'phone-choice',
      payload: { availability: 'away', onlineUntil: null },
    })
    expect(ack.ok).toBe(true)
    clock.advance(BACKOFF_START_MS)

    expect(await online).toMatchObject({
      ok: false,
      error: { code: 'overtaken', message: expect.stringMatching(/^You chose away on another device/) },
    })
    expect(await away).toMatchObject({ ok: false, error: { code: 'overtaken' } })
    await core.runtime.core.settled()
    expect(atPlatform()).toBe('away')
  })

  it('is sent again over an earlier pick made here that reached the platform with its answer lost', async () => {
    const world = await startProxiedExpert(defer, { coreClock: 'link' })
    const { platform, expert, proxy, linkClock: clock, core } = world
    const atPlatform = (): string => platform.server.marketplace.snapshot(expert.id).expert.availability

    // "Away" reaches the platform, its answer (and its event) held on the way back.
    proxy.hold('down')
    const away = core.runtime.core.command('availability.set', { availability: 'away', onlineUntil: null })
    await expect.poll(atPlatform).toBe('away')
    // "Available" right after, held on the way up; the connection is then cut.
    proxy.hold('up')
    const online = core.runtime.core.command('availability.set', {
      availability: 'online',
      onlineUntil: null,
    })
    await proxy.untilHeldUp()
    proxy.resetAll()
    await core.waitForState((s) => s.status === 'reconnecting')
    clock.advance(BACKOFF_START_MS)

    // "Away", unanswered, is not sent again over the newer "Available".
    expect(await away).toMatchObject({
      ok: false,
      error: { code: 'overtaken', message: 'You picked available since, so away was not sent again.' },
    })
    expect(await online).toMatchObject({ ok: true })
    await core.runtime.core.settled()
    expect(atPlatform()).toBe('online')
    expect(core.runtime.cache.expert()?.availability).toBe('online')
  })
})
