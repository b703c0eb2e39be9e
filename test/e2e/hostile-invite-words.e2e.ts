/**
 * A client whose name, title, description and messages carry a right-to-left override, zero-width
 * spaces, markup, a link, an emoji family and a pile of combining marks: the invite card and its
 * thread show the words as inert text, in the order they were written, the app's words after the
 * name left where they belong, nothing a link, within the window, in the window and the popover.
 */
import type { Locator } from 'playwright'
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { checkScreen, sidewaysOverflows } from './support/screens'

const world = useE2e()

const FAMILY = '\u{1f468}\u200d\u{1f469}\u200d\u{1f467}\u200d\u{1f466}'
const MARKUP = '<img src=x onerror="window.pwned=1"> **bold** [pay](https://evil.test)'

/** Where the first occurrence of `wanted` in `block` is drawn, from its first to its last character. */
function drawnAt(block: Locator, wanted: string) {
  return block.evaluate((element, text) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(text) ?? -1
      if (at < 0) continue
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + text.length)
      const box = range.getBoundingClientRect()
      return { left: box.left, right: box.right }
    }
    throw new Error(`No “${text}” in the block`)
  }, wanted)
}

it('shows a hostile client’s words as inert text in order, the app’s words beside them unflipped', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const client = platform.addClient(`Eve\u202e\u200bMallory ${FAMILY}`)
  const running = await shell(ada)
  const pages = [await open(running), await open(running, { popover: true })]
  for (const page of pages) await page.getByRole('status').filter({ hasText: 'Online' }).waitFor()

  const { request } = platform.server.marketplace.createRequest({
    clientId: client,
    title: `Refund\u202e 0051 ${MARKUP}`,
    description: `See ${MARKUP} or https://evil.test/pay and Z${'\u0301'.repeat(60)}algo`,
    kind: 'instant',
    tags: ['react'],
    fanOut: 1,
  })
  platform.server.marketplace.clientMessage(request.id, ada.id, `Pay here\u202e: ${MARKUP}`)

  for (const page of pages) {
    const card = page.getByRole('article', { name: /^Refund 0051/ })
    await card.waitFor()
    const heading = card.getByRole('heading', { name: /^Refund 0051/ })
    expect(await heading.textContent()).toBe(`Refund 0051 ${MARKUP}`)
    const line = card.locator('.invite-client')
    const shown = (await line.textContent()) ?? ''
    expect(shown).toMatch(new RegExp(`^EveMallory ${FAMILY} · `, 'u'))
    // The override is gone, so the app's words after the name read left to right after it.
    const name = await drawnAt(line, 'EveMallory')
    const about = await drawnAt(line, 'about')
    expect(about.left).toBeGreaterThan(name.right)
    expect(await card.getByRole('link').count()).toBe(0)
    expect(await card.locator('img, strong, b').count()).toBe(0)
    expect(await page.evaluate(() => (window as { pwned?: unknown }).pwned)).toBeUndefined()
    expect(await sidewaysOverflows(page)).toEqual([])
  }

  const page = pages[0]!
  const card = page.getByRole('article', { name: /^Refund 0051/ })
  const description = card.locator('.description-text').first()
  expect(await description.textContent()).toContain(`See ${MARKUP} or https://evil.test/pay`)
  await card.getByRole('button', { name: 'Message client' }).click()
  const log = card.getByRole('log', { name: `Messages with EveMallory ${FAMILY}` })
  const bubble = log.getByText(`Pay here: ${MARKUP}`)
  await bubble.waitFor()
  expect(await log.getByRole('link').count()).toBe(0)
  expect(page.url()).not.toContain('evil.test')
  await checkScreen(page, 'hostile-invite-words')
})

it('writes a right-to-left name that opens with a number in the draft’s placeholder as the card does', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const page = await open(await shell(ada))
  const name = '2 שרה'
  const { request } = platform.server.marketplace.createRequest({
    clientId: platform.addClient(name),
    title: 'Slow query',
    kind: 'instant',
    direct: { expertId: ada.id, via: 'profile' },
  })
  const card = page.getByRole('article', { name: request.title })
  await card.getByRole('button', { name: 'Message client' }).click()
  const draft = card.getByRole('textbox', { name: `Message to ${name}` })
  // The name reads from the right with its number at its end, as the card's <bdi> shows it, not
  // pulled into the sentence's left-to-right run ("Write to 2" then the letters).
  expect(await draft.getAttribute('placeholder')).toBe(`Write to \u2068${name}\u2069…`)
})
