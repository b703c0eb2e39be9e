/**
 * A tab of the browser shell closed while it had the focus, without a `pagehide` (a crash, a
 * killed browser), must not leave the app "looked at": a client's message is notified again.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { BrowserShell } from '../../../src/browser-shell/browser-shell'
import type { AppNotification } from '../../../src/main/core/ports/notifier'
import { openShellPage, startBareShell } from '../../support/shell-page'
import { useTestPlatform } from '../../support/test-platform'

const platform = useTestPlatform()
let shell: BrowserShell
let bare: Awaited<ReturnType<typeof startBareShell>>
/** Whoever waits for the shell to say it gave a closed page's focus up. */
const focusGivenUp: Array<() => void> = []

beforeAll(async () => {
  const info = (line: string): void => {
    if (line.includes('closed while focused')) for (const heard of focusGivenUp.splice(0)) heard()
  }
  bare = await startBareShell({ log: { info, warn: () => undefined, error: () => undefined } })
  shell = bare.shell
})
afterAll(() => bare.close())

/** Resolves with the next notification of `kind` the shell shows. */
function nextNotification(kind: AppNotification['kind']): Promise<AppNotification> {
  return new Promise((resolve) => {
    const off = shell.adapters.notifier.onShow((notification) => {
      if (notification.kind !== kind) return
      off()
      resolve(notification)
    })
  })
}

it('notifies a client’s message again once a focused tab’s socket closed without pagehide', async () => {
  const expert = platform().addExpert({ name: 'Ada Byron' })
  const { email } = platform().server.marketplace.store.expert(expert.id)
  expect((await shell.runtime.core.signIn(platform().server.url, email, 'test-password')).ok).toBe(true)
  await shell.runtime.core.settled()
  const invited = nextNotification('invite')
  const { request } = platform().inviteDirectly(expert.id, 'Hooks question')
  await invited

  const tab = await openShellPage(shell)
  expect(await tab.call('app.reportFocus', { surface: 'window', focused: true })).toEqual({ ok: true })
  // The tab goes away without a word about its focus: only its socket closes.
  const givenUp = new Promise<void>((resolve) => focusGivenUp.push(resolve))
  tab.ws.terminate()
  await givenUp

  const shown = nextNotification('message')
  platform().server.marketplace.clientMessage(request.id, expert.id, 'Are you around?')
  expect(await shown).toMatchObject({ kind: 'message', requestId: request.id })
})
