/**
 * A message that arrives while a thread is open is read out, but the messages already there when
 * the thread opens are not, or a screen reader reads the whole conversation aloud each time the
 * expert opens it; nor are earlier messages drawn into the log as the expert scrolls, nor the
 * expert's own; many at once are counted, not all read.
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { routeIpc, type RoutedSocket } from './support/ipc-route'
import { readOutSoFar, watchReadOut } from './support/read-out'
import { directRequestToAda } from './support/scenario'

const world = useE2e()

it('reads out a new message in an open thread, not the ones already there when it opens', async () => {
  const e2e = await world()
  const { platform } = e2e
  const { ada, page, request } = await directRequestToAda(e2e, 'Pandas merge doubles my rows')
  platform.server.marketplace.clientMessage(request.id, ada.id, 'The frame has twice the rows.')
  platform.clock.advance(1_000)
  platform.server.marketplace.clientMessage(request.id, ada.id, 'It happens after the merge.')
  const card = page.getByRole('article', { name: request.title })
  // Both are in the cache before the thread opens: the unread count counts them from there.
  await card.getByText('2 unread messages').waitFor()

  await watchReadOut(page)
  await card.getByRole('button', { name: 'Message client' }).click()
  const log = card.getByRole('log', { name: 'Messages with Mei Chen' })
  await log.getByText('It happens after the merge.').waitFor()

  // A message the client sends now is read out, once, with who wrote it.
  platform.clock.advance(1_000)
  platform.server.marketplace.clientMessage(request.id, ada.id, 'Only for some customers.')
  await log.getByText('Only for some customers.').waitFor()
  await page.getByText('Mei Chen: Only for some customers.', { exact: true }).waitFor({ state: 'attached' })

  expect(await readOutSoFar(page, /frame|merge|customers/)).toEqual(['Mei Chen: Only for some customers.'])
})

it('does not read back a message the expert sends, only the client’s answer to it', async () => {
  const e2e = await world()
  const { platform } = e2e
  const { ada, page, request } = await directRequestToAda(e2e, 'Pandas merge doubles my rows')
  const card = page.getByRole('article', { name: request.title })
  await watchReadOut(page)
  await card.getByRole('button', { name: 'Message client' }).click()
  const log = card.getByRole('log', { name: 'Messages with Mei Chen' })
  await card.getByRole('textbox', { name: 'Message to Mei Chen' }).fill('Are the keys unique?')
  await card.getByRole('button', { name: 'Send' }).click()
  await log.getByText('Are the keys unique?').waitFor()

  platform.clock.advance(1_000)
  platform.server.marketplace.clientMessage(request.id, ada.id, 'Not on the right side.')
  await page.getByText('Mei Chen: Not on the right side.', { exact: true }).waitFor({ state: 'attached' })
  // Read out in the order given: had the expert's own been, it would stand first.
  expect(await readOutSoFar(page, /unique|right side/)).toEqual(['Mei Chen: Not on the right side.'])
})

it('counts what the client sent in one change bigger than the live region reads whole', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['python'])
  const client = platform.addClient('Mei Chen')
  // The shell's pushes of the client's messages are held, then given as one, as a catch-up brings them.
  const held: Array<{ payload?: unknown }> = []
  let holding = false
  let routed: RoutedSocket | undefined
  const page = await open(await shell(ada), {
    beforeLoad: routeIpc({
      fromShell: (message, socket) => {
        routed = socket
        if (!holding || message.event !== 'cache.changed') return true
        held.push(message)
        return false
      },
    }),
  })
  const { request } = platform.server.marketplace.createRequest({
    clientId: client,
    title: 'Pandas merge doubles my rows',
    kind: 'instant',
    direct: { expertId: ada.id, via: 'profile' },
  })
  const card = page.getByRole('article', { name: request.title })
  await watchReadOut(page)
  await card.getByRole('button', { name: 'Message client' }).click()
  const log = card.getByRole('log', { name: 'Messages with Mei Chen' })
  await log.getByText('Ask anything you need to know before you decide.').waitFor()

  holding = true
  const steps = 10
  for (let n = 1; n <= steps; n++) {
    platform.clock.advance(1_000)
    platform.server.marketplace.clientMessage(request.id, ada.id, `Step ${n} of the repro`)
  }
  await expect
    .poll(() => held.flatMap((message) => (message.payload as { messages: unknown[] }).messages).length)
    .toBe(steps)
  const last = held.at(-1) as { payload: { messages: unknown[] } }
  const messages = held.flatMap((message) => (message.payload as { messages: unknown[] }).messages)
  routed!.toPage(JSON.stringify({ ...last, payload: { ...last.payload, messages } }))

  await page.getByText('Mei Chen: Step 10 of the repro', { exact: true }).waitFor({ state: 'attached' })
  expect(await readOutSoFar(page, /Step|new messages/)).toEqual([
    '10 new messages from Mei Chen; the latest 3 follow, all are in the thread.',
    'Mei Chen: Step 8 of the repro',
    'Mei Chen: Step 9 of the repro',
    'Mei Chen: Step 10 of the repro',
  ])
})

it('empties its hidden read-out once read, so a reader browsing the page meets each message once', async () => {
  const e2e = await world()
  const { platform } = e2e
  const { ada, page, request } = await directRequestToAda(e2e, 'Pandas merge doubles my rows')
  const card = page.getByRole('article', { name: request.title })
  await card.getByRole('button', { name: 'Message client' }).click()
  const log = card.getByRole('log', { name: 'Messages with Mei Chen' })
  platform.server.marketplace.clientMessage(request.id, ada.id, 'Only for some customers.')
  const heard = page.getByText('Mei Chen: Only for some customers.', { exact: true })
  await heard.waitFor({ state: 'attached' })

  platform.clock.advance(20_000)
  await heard.waitFor({ state: 'detached' })
  expect(await page.getByText('Only for some customers.').count()).toBe(1)
  expect(await log.getByText('Only for some customers.').count()).toBe(1)
})

it('empties its hidden read-out once read even when the clock is set back while it holds a message', async () => {
  const e2e = await world()
  const { platform } = e2e
  const { ada, page, request } = await directRequestToAda(e2e, 'Pandas merge doubles my rows')
  const card = page.getByRole('article', { name: request.title })
  await card.getByRole('button', { name: 'Message client' }).click()
  platform.server.marketplace.clientMessage(request.id, ada.id, 'Only for some customers.')
  const heard = page.getByText('Mei Chen: Only for some customers.', { exact: true })
  await heard.waitFor({ state: 'attached' })

  // The clock set back an hour: the window has it once the invite's countdown grew by as much.
  const expires = card.getByText(/^Expires in/)
  const before = await expires.textContent()
  platform.clock.step(-60 * 60_000)
  await expect.poll(() => expires.textContent()).not.toBe(before)
  platform.clock.advance(20_000)
  await heard.waitFor({ state: 'detached' })
  expect(await page.getByText('Only for some customers.').count()).toBe(1)
})
