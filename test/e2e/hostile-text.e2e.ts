/**
 * Text a client wrote in one unbroken run (a pasted hash, a URL, or a page made to push the
 * layout): the invite card keeps to the window and the popover, with its Join button on screen.
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { sidewaysOverflows } from './support/screens'

const world = useE2e()

it('keeps an invite whose texts are unbroken runs within the window and the popover, Join on screen', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const client = platform.addClient(`Sam${'O'.repeat(190)}`)
  const running = await shell(ada)
  const pages = [await open(running), await open(running, { popover: true })]
  for (const page of pages) await page.getByRole('status').filter({ hasText: 'Online' }).waitFor()

  const { request } = platform.server.marketplace.createRequest({
    clientId: client,
    title: `Crash${'X'.repeat(190)}`,
    description: `Trace:${'0123456789abcdef'.repeat(1_000)}`,
    kind: 'instant',
    tags: ['react'],
    fanOut: 1,
    attachments: [
      {
        name: `${'n'.repeat(240)}.png`,
        sizeBytes: 1_000,
        mimeType: 'image/png',
        url: `https://files.example.test/${'p'.repeat(1_500)}`,
      },
    ],
  })

  for (const page of pages) {
    const card = page.getByRole('article', { name: request.title })
    await card.waitFor()
    const join = card.getByRole('button', { name: `Join now “${request.title}”` })
    await join.waitFor()
    expect(await sidewaysOverflows(page)).toEqual([])
    const box = await join.boundingBox()
    const width = page.viewportSize()?.width ?? 0
    expect(box).not.toBeNull()
    expect(box!.x).toBeGreaterThanOrEqual(0)
    expect(box!.x + box!.width).toBeLessThanOrEqual(width)
  }
})
