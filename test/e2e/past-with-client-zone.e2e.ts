/**
 * An invite card names the days of the expert's past sessions with its client; the card is
 * memoised, so those days must follow a change of the computer's zone on their own, as its other
 * times do, or they name the day of the zone the expert left.
 */
import type { CDPSession } from 'playwright'
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { LOCALE } from './support/harness'
import { accept, cachedInvite } from './support/scenario'

const world = useE2e()

it('writes the day of a past session with the client in the zone the computer moved to while the window was open', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const adaShell = await shell(ada)
  // Helped once before by the same client (inviteDirectly sends every request from one client).
  const before = platform.inviteDirectly(ada.id, 'Webpack cache grows without bound')
  const session = await accept(adaShell, await cachedInvite(adaShell, before.request.id))
  const ended = await adaShell.shell.runtime.core.command('session.end', {
    sessionId: session.id,
    outcome: { kind: 'free' },
  })
  expect(ended.ok).toBe(true)
  // The zone is set over the devtools protocol, not the browser context's option, so it can change.
  let devtools: CDPSession | undefined
  const moveZone = async (timezoneId: string): Promise<void> => {
    await devtools?.send('Emulation.setTimezoneOverride', { timezoneId })
  }
  const page = await open(adaShell, {
    timeZone: null,
    beforeLoad: async (opening) => {
      devtools = await opening.context().newCDPSession(opening)
      await moveZone('Pacific/Pago_Pago')
    },
  })
  const { request } = platform.inviteDirectly(ada.id, 'Webpack cache grows again')
  const past = page
    .getByRole('article', { name: request.title })
    .getByRole('region', { name: 'Past sessions with Direct Client' })
  // A day apart whatever the hour: the zones are twenty-five hours apart.
  const dayIn = (timeZone: string): RegExp =>
    new RegExp(
      `^${new Intl.DateTimeFormat(LOCALE, { weekday: 'short', day: 'numeric', month: 'short', timeZone }).format(session.bookedStart)}$`,
    )
  await past
    .locator('time')
    .filter({ hasText: dayIn('Pacific/Pago_Pago') })
    .waitFor()

  // The expert lands across the date line: the OS's zone changes under the open window.
  await moveZone('Pacific/Kiritimati')
  // The page reads the zone again at its next tick of the platform's time.
  platform.clock.advance(1_000)
  await past
    .locator('time')
    .filter({ hasText: dayIn('Pacific/Kiritimati') })
    .waitFor()
})
