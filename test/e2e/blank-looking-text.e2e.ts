/**
 * Braille blanks draw as spaces: text of nothing else reads as nothing. A draft of them is not
 * sent (the client would get an empty message), and a client's name of them, stored before the
 * platform refused it, shows as a character that says something is there, not as no name at all.
 */
import { expect, it } from 'vitest'
import { useE2e, type E2eWorld } from './support/fixture'

const world = useE2e()
const BLANKS = '\u2800 \u2800'

/** Ada's window with Mei Chen's request to her on screen; `storedName` is Mei's name as the platform's database holds it. */
async function meiAsksAda({ platform, expert, shell, open }: E2eWorld, storedName = 'Mei Chen') {
  const ada = expert('Ada Byron', ['python'])
  const client = platform.addClient('Mei Chen')
  platform.server.marketplace.db.prepare('UPDATE clients SET name = ? WHERE id = ?').run(storedName, client)
  const page = await open(await shell(ada))
  const { request } = platform.server.marketplace.createRequest({
    clientId: client,
    title: 'Pandas merge doubles my rows',
    kind: 'instant',
    direct: { expertId: ada.id, via: 'profile' },
  })
  const card = page.getByRole('article', { name: request.title })
  await card.getByRole('button', { name: 'Message client' }).waitFor()
  return { ada, request, card }
}

it('keeps Send off for a draft of braille blanks, and sends a message between them without them', async () => {
  const e2e = await world()
  const { ada, request, card } = await meiAsksAda(e2e)
  await card.getByRole('button', { name: 'Message client' }).click()
  const box = card.getByRole('textbox', { name: 'Message to Mei Chen' })
  await box.fill(BLANKS)
  expect(await card.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true)

  await box.fill(`${BLANKS}Are the keys unique?${BLANKS}`)
  await card.getByRole('button', { name: 'Send' }).click()
  await card.getByRole('log', { name: 'Messages with Mei Chen' }).getByText('Are the keys unique?').waitFor()
  const thread = e2e.platform.server.marketplace.thread(request.id, ada.id)
  expect(thread.map((message) => message.body)).toEqual(['Are the keys unique?'])
})

it('shows a client named only in braille blanks as a replacement character, not as no name', async () => {
  const { card } = await meiAsksAda(await world(), BLANKS)
  expect(await card.getByText(/ · New York/).innerText()).toMatch(/^\ufffd · New York/)
})
