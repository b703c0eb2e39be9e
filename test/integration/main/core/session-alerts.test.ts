// The session alerts that follow the reference platform's events, through the whole core: the
// platform auto-cancels a session (who pays the fee comes from the platform), and the client joins
// an instant session the expert took.
import { describe, expect, it } from 'vitest'
import type { AppNotification } from '../../../../src/main/core/ports/notifier'
import { bookScheduled } from '../../../support/booking'
import { useCleanup } from '../../../support/cleanup'
import { startOnlineCore, type TestCore } from '../../../support/test-core'
import { stallTimer } from '../../../support/stall-timer'

const MINUTE = 60_000

/** The first notification matching `wanted`, shown already or when it comes. */
function shownWhen(core: TestCore, wanted: (n: AppNotification) => boolean): Promise<AppNotification> {
  const { notifier } = core.adapters
  return new Promise((resolve, reject) => {
    const found = notifier.shown.find(wanted)
    if (found !== undefined) return resolve(found)
    // A failsafe, not a sleep: it fires only once no notification at all came for its span, so a
    // busy machine that shows them slowly is not taken for one that never shows this one.
    const failsafe = stallTimer(20_000, () => {
      off()
      reject(new Error(`No such notification; shown: ${JSON.stringify(notifier.shown.map((n) => n.title))}`))
    })
    const off = notifier.onShow((n) => {
      if (!wanted(n)) return failsafe.progress()
      failsafe.stop()
      off()
      resolve(n)
    })
  })
}

const about = (moment: string) => (n: AppNotification) => n.kind === 'reminder' && n.moment === moment

describe('session alerts from the platform', () => {
  const defer = useCleanup()

  it('the platform auto-cancels a session the client did not join: told, with the client paying', async () => {
    const { platform, expert, core } = await startOnlineCore(defer)
    const clientId = platform.addClient('Sam')
    const start = platform.clock.now() + 60 * MINUTE
    bookScheduled(platform, { expertId: expert.id, clientId, title: 'Schema review', start })
    const session = await new Promise<{ id: string }>((resolve) => {
      const off = core.runtime.core.cacheChanged.add(() => {
        const booked = core.runtime.cache.upcomingSessions(0, 10)[0]
        if (booked === undefined) return
        off()
        resolve(booked)
      })
    })
    platform.clock.advance(55 * MINUTE)
    const joined = await core.runtime.core.command('session.join', { sessionId: session.id })
    expect(joined.ok).toBe(true)
    platform.clock.advance(16 * MINUTE)
    const cancelled = await shownWhen(core, about('cancelled'))
    expect(cancelled).toMatchObject({
      sessionId: session.id,
      title: 'Cancelled: Schema review',
      body: expect.stringMatching(
        /^Sam did not join within 10 minutes of .+, so the platform cancelled the session\. Sam pays the cancellation fee\./,
      ),
      startAllowed: false,
    })
  })

  it('the client joins an instant session the expert took: "start billing when you\'re sure"', async () => {
    const { platform, expert, core } = await startOnlineCore(defer)
    platform.inviteDirectly(expert.id, 'Hooks question')
    await core.waitForNotifications(1)
    const inviteId = core.runtime.cache.openInvites(core.runtime.core.platformClock.now())[0]?.id ?? ''
    const accepted = await core.runtime.core.command('invite.accept', { inviteId, proposedTime: null })
    if (!accepted.ok) throw new Error(accepted.error.message)
    platform.server.marketplace.clientJoin(accepted.result.session.id)
    const joined = await shownWhen(core, about('client_joined'))
    expect(joined).toMatchObject({
      sessionId: accepted.result.session.id,
      title: "Direct Client joined: start billing when you're sure",
    })
  })
})
