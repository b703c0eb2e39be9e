/**
 * The browser shell's recorded notifications can be pressed through its test hook, as a native
 * one would be: a body click asks the page to focus that invite, and the notifications' health
 * reaches the page and the tray's line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserShell } from '../../../src/browser-shell/browser-shell'
import { NOTIFICATION_HOOK_PATH } from '../../../src/browser-shell/test-hooks'
import { openShellPage, startBareShell, type ShellPage } from '../../support/shell-page'

/** Resolves with the payload of the next push of `event` the page hears. */
function nextPush(page: ShellPage, event: string): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: unknown): void => {
      const message = JSON.parse(String(data)) as { event?: string; payload?: unknown }
      if (message.event !== event) return
      page.ws.off('message', onMessage)
      resolve(message.payload)
    }
    page.ws.on('message', onMessage)
  })
}

describe('the browser shell’s notification hook', () => {
  let shell: BrowserShell
  let bare: Awaited<ReturnType<typeof startBareShell>>
  beforeAll(async () => {
    bare = await startBareShell()
    shell = bare.shell
  })
  afterAll(() => bare.close())

  const press = (body: unknown, secret: string | null = shell.secret) =>
    fetch(`${shell.origin}${NOTIFICATION_HOOK_PATH}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: secret === null ? {} : { 'x-standby-secret': secret },
    })

  it('presses a notification on screen: the page is asked to focus its invite; a gone one is refused', async () => {
    const page = await openShellPage(shell)
    shell.adapters.notifier.show({
      kind: 'invite',
      inviteId: 'inv_9',
      requestId: 'req_1',
      title: 'Sam: Hooks',
      body: '',
      instant: true,
    })
    expect((await press({ inviteId: 'inv_9', action: 'open' }, null)).status).toBe(403)
    const focus = nextPush(page, 'focus.requested')
    expect((await press({ inviteId: 'inv_9', action: 'open' })).status).toBe(204)
    expect(await focus).toEqual({ kind: 'invite', inviteId: 'inv_9' })
    // Pressed, it left the screen: pressing it again plays something no one can do.
    const again = await press({ inviteId: 'inv_9', action: 'primary' })
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('No notification for invite inv_9 is on screen')
    expect((await press({ inviteId: 'inv_9', action: 'join' })).status).toBe(400)
    page.ws.close()
  })

  it('keeps what a press asked for until a page of its surface that connects later takes it, once', async () => {
    shell.adapters.notifier.show({
      kind: 'invite',
      inviteId: 'inv_8',
      requestId: 'req_1',
      title: 'Sam: Hooks',
      body: '',
      instant: true,
    })
    // No page listens yet: the popover the host opens for the press loads after it.
    expect((await press({ inviteId: 'inv_8', action: 'open' })).status).toBe(204)
    const window = await openShellPage(shell)
    expect(await window.call('focus.take', { surface: 'window' })).toEqual({ ok: true, value: null })
    const popover = await openShellPage(shell)
    expect(await popover.call('focus.take', { surface: 'popover' })).toEqual({
      ok: true,
      value: { kind: 'invite', inviteId: 'inv_8' },
    })
    expect(await popover.call('focus.take', { surface: 'popover' })).toEqual({ ok: true, value: null })
    window.ws.close()
    popover.ws.close()
  })

  it('presses a reminder by its session: Open asks the window for that session', async () => {
    const page = await openShellPage(shell)
    shell.adapters.notifier.show({
      kind: 'reminder',
      sessionId: 'ses_9',
      title: 'Hooks review in 10 minutes',
      body: '',
      moment: 'before',
      bookedStart: 0,
      requestId: 'req_1',
      startAllowed: false,
    })
    const focus = nextPush(page, 'focus.requested')
    expect((await press({ sessionId: 'ses_9', action: 'open' })).status).toBe(204)
    expect(await focus).toEqual({ kind: 'session', sessionId: 'ses_9' })
    expect(await page.call('focus.take', { surface: 'window' })).toEqual({
      ok: true,
      value: { kind: 'session', sessionId: 'ses_9' },
    })
    const again = await press({ sessionId: 'ses_9', action: 'snooze' })
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('No notification for session ses_9 is on screen')
    expect((await press({ action: 'start' })).status).toBe(400)
    page.ws.close()
  })

  it('tells the page and the tray when notifications stop reaching the expert', async () => {
    const page = await openShellPage(shell)
    const health = nextPush(page, 'notifications.healthChanged')
    const failing = { status: 'failing', advice: 'Allow Standby in the notification settings.' } as const
    shell.adapters.notifier.setHealth(failing)
    expect(await health).toEqual(failing)
    expect(await page.call('notifications.getHealth')).toEqual({ ok: true, value: failing })
    expect(shell.adapters.tray.current).toMatchObject({
      notificationWarning: failing.advice,
      statusLine: expect.stringMatching(/ · Notifications off$/),
    })
    shell.adapters.notifier.setHealth({ status: 'ok' })
    expect(shell.adapters.tray.current?.statusLine).not.toContain('Notifications off')
    const shown = shell.adapters.notifier.shown.length
    expect(await page.call('notifications.sendTest')).toEqual({ ok: true, value: { status: 'ok' } })
    expect(shell.adapters.notifier.shown.slice(shown)).toEqual([expect.objectContaining({ kind: 'notice' })])
    // Pressed again and again, the test notification is one on screen, not a stack of them.
    for (let i = 0; i < 3; i++) await page.call('notifications.sendTest')
    expect(shell.adapters.notifier.noticesOnScreen.map((n) => n.title)).toEqual(['Standby test notification'])
    page.ws.close()
  })
})
