import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PAGE_OPEN_LIMITS, SIGN_IN_LIMITS } from '../../../src/main/core/ipc/page-opens'
import { ManualClock } from '../../../src/shared/clock'
import { openShellPage, startBareShell } from '../../support/shell-page'

describe('a page asking the browser shell to open things in a loop', () => {
  const linkClock = new ManualClock(0)
  let bare: Awaited<ReturnType<typeof startBareShell>>
  beforeAll(async () => {
    bare = await startBareShell({ linkClock })
  })
  afterAll(() => bare.close())

  it('gets a burst of pages opened, then a sentence saying to wait, until the burst is over', async () => {
    const page = await openShellPage(bare.shell)
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => page.call('shell.openExternal', `https://example.com/doc/${i}`)),
    )
    expect(bare.shell.adapters.browser.opened).toHaveLength(PAGE_OPEN_LIMITS.most)
    expect(answers.filter((answer) => (answer as { ok: boolean }).ok)).toHaveLength(PAGE_OPEN_LIMITS.most)
    expect(answers.at(-1)).toEqual({
      ok: false,
      error: { code: 'handler_failed', message: expect.stringMatching(/did not open the link.*try again/) },
    })
    // Every way a page opens something outside the app counts against the same burst.
    expect(await page.call('sessions.openRoom', { sessionId: 'ses_1' })).toEqual({
      ok: true,
      value: { ok: false, error: { code: 'rate_limited', message: expect.stringMatching(/the room/) } },
    })
    // A test notification (with its sound) is something shown outside the page too.
    expect(await page.call('notifications.sendTest')).toEqual({
      ok: false,
      error: { code: 'handler_failed', message: expect.stringMatching(/did not show the test notification/) },
    })

    // Another tab shares the count: it is told what happened, not that it asked for them itself.
    const other = await openShellPage(bare.shell)
    expect(await other.call('shell.openExternal', 'https://example.com/other')).toEqual({
      ok: false,
      error: {
        code: 'handler_failed',
        message:
          'Standby did not open the link: it has just opened or shown 10 things within a few seconds. Wait a few seconds, then try again.',
      },
    })
    linkClock.advance(PAGE_OPEN_LIMITS.windowMs)
    expect(await page.call('shell.openExternal', 'https://example.com/later')).toEqual({ ok: true })
    expect(bare.shell.adapters.browser.opened.at(-1)).toBe('https://example.com/later')
  })

  it('gets a few sign-ins tried, then a sentence saying to wait, without the address being reached', async () => {
    const page = await openShellPage(bare.shell)
    // The shell itself is no platform: each sign-in tried reaches it and is told so.
    const platformUrl = bare.shell.origin
    const signIn = () =>
      page.call('auth.signIn', { platformUrl, email: 'a@example.com', password: 'secret-1' })
    const told = async () => ((await signIn()) as { value: { message: string } }).value.message
    for (let i = 0; i < SIGN_IN_LIMITS.most; i++) expect(await told()).not.toMatch(/did not sign in/)
    for (let i = 0; i < 20; i++) {
      expect(await told()).toMatch(/^Standby did not sign in: .* Wait a minute, check the address/)
    }
    // Another tab shares the count: it is told what happened, not that it tried them itself.
    const other = await openShellPage(bare.shell)
    const otherTold = (await other.call('auth.signIn', {
      platformUrl,
      email: 'a@example.com',
      password: 'secret-2',
    })) as { value: { message: string } }
    expect(otherTold.value.message).toBe(
      'Standby did not sign in: it has tried 10 sign-ins within the last minute. Wait a minute, check the address, email and password, then try again.',
    )
    linkClock.advance(SIGN_IN_LIMITS.windowMs)
    expect(await told()).not.toMatch(/did not sign in/)
  })
})
