/**
 * History's rows hold whatever a client or the expert wrote: a title, a client's name, a
 * cancellation note, a closing note and a review comment each as one unbroken run of the longest it
 * may be. Every part of a row stays within the row's four edges in the narrow window and a wide
 * one, in both themes; what is cut short is whole in a tooltip and in what a screen reader reads.
 */
import type { Page } from 'playwright'
import { expect, it } from 'vitest'
import type { Outcome, Session } from '../../src/shared/protocol/entities'
import { MAIN_WINDOW_MIN_SIZE, MAIN_WINDOW_SIZE, type WindowSize } from '../../src/shared/window-sizes'
import type { TestPlatform } from '../support/test-platform'
import { useE2e } from './support/fixture'
import { bookThroughApp } from './support/scenario'
import { checkScreen, rowPartsOutside } from './support/screens'

const world = useE2e()
const HOUR = 3_600_000

/** One unbroken run of `length` characters starting with `start`. */
const run = (start: string, length: number, letter = 'X'): string =>
  start + letter.repeat(length - start.length)

const CLIENT = run('Sam', 200, 'O')
const TEXTS = {
  chargedTitle: run('Crash', 200),
  discountedTitle: run('Build', 200, 'W'),
  clientCancelledTitle: run('Query', 200, 'Q'),
  expertCancelledTitle: run('Schema', 200, 'S'),
  closingNote: run('Trace:', 5_000, 'f'),
  comment: run('Thanks', 2_000, 'm'),
  clientNote: run('Sorry', 1_000, 'n'),
  expertNote: run('Ill', 1_000, 'l'),
} as const

/** `title` for `clientId`, taken, billed, and ended on the platform with `outcome` and a closing note. */
function endedOn(
  platform: TestPlatform,
  expertId: string,
  clientId: string,
  title: string,
  outcome: Outcome,
  closingNote: string,
): string {
  const marketplace = platform.server.marketplace
  const { request } = marketplace.createRequest({
    clientId,
    title,
    kind: 'instant',
    direct: { expertId, via: 'dashboard' },
  })
  const inviteId = marketplace.db
    .prepare('SELECT id FROM invites WHERE request_id = ?')
    .pluck()
    .get(request.id) as string
  let key = 0
  const command = (name: string, payload: unknown): unknown => {
    const ack = marketplace.execute(expertId, { name, idempotencyKey: `${request.id}-${++key}`, payload })
    if (!ack.ok) throw new Error(ack.error.message)
    return ack.result
  }
  const { session } = command('invite.accept', { inviteId, proposedTime: null }) as { session: Session }
  marketplace.clientJoin(session.id)
  command('session.startBilling', { sessionId: session.id })
  platform.clock.advance(60_000)
  command('session.end', { sessionId: session.id, outcome, closingNote })
  return session.id
}

/** Parts of History's rows whose text is cut short with no tooltip on them or around them saying it whole. */
function cutWithoutTooltip(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    const plain = (text: string): string => text.replace(/[\u2066-\u2069]/g, '').trim()
    for (const row of Array.from(document.querySelectorAll('.history-row'))) {
      for (const part of Array.from(row.querySelectorAll<HTMLElement>('*'))) {
        if (part.scrollWidth <= part.clientWidth + 1 || part.closest('.visually-hidden') !== null) continue
        const titled = part.closest('[title]')
        const text = plain(part.textContent ?? '')
        if (
          titled === null ||
          !row.contains(titled) ||
          !plain(titled.getAttribute('title') ?? '').includes(text)
        )
          found.push(`<${part.tagName.toLowerCase()} class="${part.className}"> “${text.slice(0, 40)}”`)
      }
    }
    return found
  })
}

it.each([
  ['at its smallest', MAIN_WINDOW_MIN_SIZE],
  ['as it opens', MAIN_WINDOW_SIZE],
  ['just wide enough for the sidebar', { width: 700, height: 780 } satisfies WindowSize],
  ['made wide', { width: 1120, height: 780 } satisfies WindowSize],
])(
  'keeps every part of History’s rows within the row %s when every text is an unbroken run',
  async (_name, size) => {
    const { platform, expert, shell, open } = await world()
    const ada = expert('Ada Byron', ['sql'])
    const app = await shell(ada)
    await app.waitForConnection((state) => state.status === 'online')
    const marketplace = platform.server.marketplace
    const client = platform.addClient(CLIENT)

    const charged = endedOn(
      platform,
      ada.id,
      client,
      TEXTS.chargedTitle,
      { kind: 'charged' },
      TEXTS.closingNote,
    )
    marketplace.review(charged, { rating: 3, comment: TEXTS.comment })
    marketplace.chargeback(charged, { reason: 'Disputed with the bank' })
    endedOn(
      platform,
      ada.id,
      client,
      TEXTS.discountedTitle,
      { kind: 'discounted', percent: 25 },
      TEXTS.closingNote,
    )
    // Both booked within the day, so each cancellation is late and names who pays the fee.
    for (const [title, at] of [
      [TEXTS.clientCancelledTitle, 2 * HOUR],
      [TEXTS.expertCancelledTitle, 3 * HOUR],
    ] as const) {
      const booked = await bookThroughApp(platform, app, {
        clientId: client,
        expertId: ada.id,
        title,
        bookedAt: platform.clock.now() + at,
        via: 'dashboard',
      })
      if (title === TEXTS.clientCancelledTitle) marketplace.clientCancel(booked.id, TEXTS.clientNote)
      else {
        const cancelled = await app.shell.runtime.core.command('session.cancel', {
          sessionId: booked.id,
          message: TEXTS.expertNote,
        })
        if (!cancelled.ok) throw new Error(cancelled.error.message)
      }
    }

    const page = await open(app, { size })
    await page.getByRole('button', { name: /^History/ }).click()
    const list = page.getByRole('list', { name: 'Past sessions' })
    await list.getByText('Discounted 25%').waitFor()
    await list.getByText('You cancelled').waitFor()
    await list.getByText('Fee charged to the client').waitFor()
    await list.getByText('Charged back').waitFor()

    expect(await rowPartsOutside(page)).toEqual([])
    expect(await cutWithoutTooltip(page)).toEqual([])
    // Cut short on screen, whole for a screen reader.
    const read = await list.evaluate((element) => element.textContent ?? '')
    for (const text of Object.values(TEXTS)) expect(read).toContain(text)
    expect(read).toContain(CLIENT)
    await checkScreen(page, `history-unbroken-${size.width}x${size.height}`)
  },
)
