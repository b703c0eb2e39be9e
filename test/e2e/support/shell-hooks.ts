/** The browser shell's test hooks as the e2e tests call them: what it opened, and a press on a notification. */
import { NOTIFICATION_HOOK_PATH, OPENED_PAGES_HOOK_PATH } from '../../../src/browser-shell/test-hooks'
import type { AppNotification } from '../../../src/main/core/ports/notifier'
import type { RecordingNotifier } from '../../../src/main/node/adapters/recording-notifier'
import type { Page } from 'playwright'
import type { TestShell } from './harness'

/** Resolves once `notifier` has shown a notification matching `match` (or already had). */
export function shownSoon(
  notifier: RecordingNotifier,
  match: (n: AppNotification) => boolean,
): Promise<AppNotification> {
  const already = notifier.shown.find(match)
  if (already !== undefined) return Promise.resolve(already)
  return new Promise((resolve) => {
    const off = notifier.onShow((n) => {
      if (!match(n)) return
      off()
      resolve(n)
    })
  })
}

/** The pages the shell handed to the browser, as its test hook lists them. */
export async function openedPages({ shell }: TestShell): Promise<string[]> {
  const answer = await fetch(`${shell.origin}${OPENED_PAGES_HOOK_PATH}`, {
    headers: { 'x-standby-secret': shell.secret },
  })
  return ((await answer.json()) as { opened: string[] }).opened
}

/** Resolves with the next page the shell hands to the browser. */
export function nextOpened({ shell }: TestShell): Promise<string> {
  return new Promise((resolve) => {
    const off = shell.adapters.browser.onOpen((url) => {
      off()
      resolve(url)
    })
  })
}

/** Press a notification on screen through the shell's hook, as the expert would; throws when refused. */
export async function pressNotification(
  { shell }: TestShell,
  press: { readonly inviteId: string } | { readonly sessionId: string } | { readonly requestId: string },
  action: 'open' | 'primary' | 'decline' | 'start' | 'snooze',
): Promise<void> {
  const answer = await fetch(`${shell.origin}${NOTIFICATION_HOOK_PATH}`, {
    method: 'POST',
    headers: { 'x-standby-secret': shell.secret },
    body: JSON.stringify({ ...press, action }),
  })
  if (answer.status !== 204)
    throw new Error(`The press was refused (${answer.status}): ${await answer.text()}`)
}

/**
 * Keeps a plain browser from opening a tab for the links `selector` matches, while the page's own
 * handler still hands each press to the host: what the host does with it is what a test watches.
 */
export async function pressesReachOnlyTheHost(page: Page, selector: string): Promise<void> {
  await page.evaluate((links) => {
    document.addEventListener('click', (event) => {
      if ((event.target as Element).closest(links) !== null) event.preventDefault()
    })
  }, selector)
}
