/**
 * What the expert types while a message or a note is on its way is kept, not cleared by the
 * answer; a box that holds only spaces or invisible characters is nothing to send, and a closing
 * note of them never stops a session from ending.
 */
import { expect, it } from 'vitest'
import { useE2e, type E2eWorld } from './support/fixture'
import { holdAnswer } from './support/ipc-route'
import { joinDirectInstant, platformSessionOf } from './support/scenario'
import { valueBecomes } from './support/waits'

const world = useE2e()

/** Ada in a live instant session with Olu, her page's answer on `channel` held once. */
async function liveSession(e2e: E2eWorld, channel: string) {
  const hold = holdAnswer(channel)
  const joined = await joinDirectInstant(e2e, 'Grid layout collapses on Safari', {
    beforeLoad: hold.beforeLoad,
  })
  return { ...joined, hold }
}

it('keeps what was typed while a message was on its way, and sends nothing of only invisibles', async () => {
  const { platform, ada, request, live, hold } = await liveSession(await world(), 'messages.send')
  await live.getByRole('button', { name: /^Messages with Olu Adeyemi/ }).click()
  const box = live.getByRole('textbox', { name: 'Message to Olu Adeyemi' })
  const send = live.getByRole('button', { name: 'Send' })
  await box.fill('\u200b \u2060\u200b')
  expect(await send.isDisabled()).toBe(true)

  await box.fill('Which Safari version?')
  await send.click()
  await hold.held
  await box.press('End')
  await box.pressSequentially(' And on iOS too?')
  hold.release()
  const log = live.getByRole('log', { name: 'Messages with Olu Adeyemi' })
  await log.getByText('Which Safari version?').waitFor()
  await valueBecomes(box, 'And on iOS too?')
  expect(platform.server.marketplace.thread(request.id, ada.id).map((m) => m.body)).toEqual([
    'Which Safari version?',
  ])
})

it('ends the session when the closing note holds only invisible characters, sending no note', async () => {
  const { platform, page, request, live } = await liveSession(await world(), 'none')
  await live.getByRole('button', { name: 'End session…' }).click()
  await live.getByRole('textbox', { name: /^Closing note to Olu Adeyemi/ }).fill('\u200b\u2060 \u200b')
  await live.getByRole('button', { name: 'End session', exact: true }).click()
  await page.getByRole('heading', { name: 'History', level: 1 }).waitFor()
  expect(platformSessionOf(platform, request.id)).toMatchObject({ state: 'ended', outcome: { kind: 'free' } })
  expect(platformSessionOf(platform, request.id).closingNote ?? null).toBeNull()
})

it('keeps the editor open on what was typed while the note was being saved, then saves that too', async () => {
  const { platform, request, live, hold } = await liveSession(await world(), 'sessions.setNote')
  await live.getByRole('button', { name: `Add private note on “${request.title}”` }).click()
  const box = live.getByRole('textbox', { name: `Private note on “${request.title}”` })
  await box.fill('Flexbox gap on Safari 14')
  await live.getByRole('button', { name: 'Save note' }).click()
  await hold.held
  // A save on its way cannot be taken back: Discard waits, as Escape does.
  expect(await live.getByRole('button', { name: 'Discard changes' }).isDisabled()).toBe(true)
  await box.press('End')
  await box.pressSequentially('; try the grid fallback')
  hold.release()
  await live.getByText(/^Saved what the note held when you pressed Save/).waitFor()
  expect(await box.inputValue()).toBe('Flexbox gap on Safari 14; try the grid fallback')
  expect(platformSessionOf(platform, request.id).privateNote).toBe('Flexbox gap on Safari 14')

  await live.getByRole('button', { name: 'Save note' }).click()
  await box.waitFor({ state: 'detached' })
  expect(platformSessionOf(platform, request.id).privateNote).toBe(
    'Flexbox gap on Safari 14; try the grid fallback',
  )
})
