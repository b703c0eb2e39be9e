/**
 * Signing out takes away the whole signed-in part of every page, with the control that had the
 * keyboard focus: the focus goes to the sign-in form's heading, never to the page itself, in the
 * window that pressed Sign out, in another window whose message box was being typed in, and in
 * the popover.
 */
import { it } from 'vitest'
import { useE2e } from './support/fixture'
import { focusLandsOn } from './support/waits'

const world = useE2e()

it('moves the focus to the sign-in form’s heading in every page when the expert signs out', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const running = await shell(ada)
  const typing = await open(running)
  const popover = await open(running, { popover: true })
  const settings = await open(running)
  const { request } = platform.server.marketplace.createRequest({
    clientId: platform.addClient('Mei Chen'),
    title: 'Fix my custom hook',
    kind: 'instant',
    direct: { expertId: ada.id, via: 'dashboard' },
  })

  const card = typing.getByRole('article', { name: request.title })
  await card.getByRole('button', { name: 'Message client' }).click()
  await card.getByRole('textbox').pressSequentially('Which React version')
  const join = popover.getByRole('button', { name: `Join now “${request.title}”` })
  await join.focus()
  await settings.getByRole('button', { name: 'Settings' }).click()
  await settings.getByRole('button', { name: 'Sign out' }).click()

  for (const page of [settings, typing, popover])
    await focusLandsOn(page.getByRole('heading', { name: 'Sign in to Standby' }))
})
