/**
 * The browser shell's test hooks: loopback paths, each needing this run's secret in a header,
 * through which end-to-end tests play what a person or the system would do outside the page
 * (power events, a press on a notification, the updater's answers) and read what the shell
 * handed to the browser.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { NotificationAction } from '../main/core/ports/notifier'
import type { NodeAdapters } from '../main/node/adapters'
import { BodyTooLarge, readBoundedBody } from '../shared/bounded-body'
import { jsonAnswer, plainText } from '../main/node/renderer-pages/renderer-pages'
import { matchesRunSecret } from './run-secret'

/** The loopback path that plays power events, for tests (needs the secret in a header). */
export const POWER_HOOK_PATH = '/test-hooks/power'
/**
 * The loopback path that presses a recorded notification, for tests (needs the secret in a
 * header): `{inviteId, action: 'open' | 'primary' | 'decline'}` for an invite's, `{sessionId,
 * action: 'open' | 'start' | 'snooze'}` for a reminder's; 409 when none is on screen.
 */
export const NOTIFICATION_HOOK_PATH = '/test-hooks/notification'

/** The loopback path that lists the pages handed to the browser so far, for tests (secret in a header). */
export const OPENED_PAGES_HOOK_PATH = '/test-hooks/opened'

/** The loopback path that drives the fake updater (FakeUpdaterControl as JSON; needs the secret). */
export const UPDATER_HOOK_PATH = '/test-hooks/updater'

/**
 * The largest body a hook reads. A hook takes a few short fields; the secret proves the caller
 * is the test run, not that its body is small, and a bug in a test must not fill the shell.
 */
export const MOST_HOOK_BODY_BYTES = 64 * 1024

/** Every press the notification hook can play. */
const NOTIFICATION_ACTIONS: ReadonlyArray<NotificationAction> = [
  'open',
  'primary',
  'decline',
  'start',
  'snooze',
]

function isNotificationAction(value: unknown): value is NotificationAction {
  return NOTIFICATION_ACTIONS.some((action) => action === value)
}

/** What a hook's caller is told when it refuses the call. */
const NO_SECRET = 'The test hooks answer only the test run: send its secret in the x-standby-secret header.'

/**
 * A hook's refusal as plain text with the headers every page answer carries: it may quote what
 * the caller sent (an id, an updater control), which a browser must never read as a page.
 */
function refuse(res: ServerResponse, status: number, text: string, close = false): void {
  const page = plainText(status, text)
  res.writeHead(status, close ? { ...page.headers, connection: 'close' } : page.headers).end(page.body)
}

/** Answers a request to a hook path and says true, or says false for any other request. */
export type TestHooks = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>

/** The hooks over `adapters`, for callers that present `secret`. */
export function createTestHooks(secret: string, adapters: NodeAdapters): TestHooks {
  const hooks: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void> | void> = {
    [`POST ${POWER_HOOK_PATH}`]: powerHook,
    [`GET ${OPENED_PAGES_HOOK_PATH}`]: openedPages,
    [`POST ${NOTIFICATION_HOOK_PATH}`]: notificationHook,
    [`POST ${UPDATER_HOOK_PATH}`]: updaterHook,
  }

  /** The JSON body of a hook's request, or null once 403, 413 or 400 is sent. */
  async function hookBody(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<Record<string, unknown> | null> {
    if (!matchesRunSecret(secret, req.headers['x-standby-secret'])) {
      refuse(res, 403, NO_SECRET)
      return null
    }
    let bytes: Uint8Array
    try {
      bytes = await readBoundedBody(req, MOST_HOOK_BODY_BYTES)
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error
      // The rest of the body is not worth reading on this connection.
      refuse(res, 413, error.message, true)
      return null
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(new TextDecoder().decode(bytes) || '{}')
    } catch {
      refuse(res, 400, 'The test hook takes a JSON body.')
      return null
    }
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {}
  }

  async function notificationHook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await hookBody(req, res)
    if (body === null) return
    const { inviteId, sessionId, requestId, action } = body
    const target =
      typeof inviteId === 'string'
        ? { inviteId }
        : typeof sessionId === 'string'
          ? { sessionId }
          : typeof requestId === 'string'
            ? { requestId }
            : null
    if (target === null || !isNotificationAction(action)) {
      refuse(
        res,
        400,
        `Name the notification by inviteId, sessionId or requestId (a message's; text), and give an action: ${NOTIFICATION_ACTIONS.map((a) => `"${a}"`).join(', ')}.`,
      )
      return
    }
    try {
      adapters.notifier.press(target, action)
    } catch (error) {
      refuse(res, 409, String(error instanceof Error ? error.message : error))
      return
    }
    res.writeHead(204).end()
  }

  async function updaterHook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await hookBody(req, res)
    if (body === null) return
    try {
      adapters.updater.control(body)
    } catch (error) {
      refuse(res, 400, String(error))
      return
    }
    res.writeHead(204).end()
  }

  async function powerHook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await hookBody(req, res)
    if (body === null) return
    const event = body['event']
    if (event === 'suspend') adapters.power.suspend()
    else if (event === 'resume') adapters.power.resume()
    else if (event === 'lock') adapters.power.lock()
    else if (event === 'unlock') adapters.power.unlock()
    else {
      refuse(res, 400, 'event must be "suspend", "resume", "lock" or "unlock"')
      return
    }
    res.writeHead(204).end()
  }

  function openedPages(req: IncomingMessage, res: ServerResponse): void {
    if (!matchesRunSecret(secret, req.headers['x-standby-secret'])) {
      refuse(res, 403, NO_SECRET)
      return
    }
    // With the page headers: it lists addresses that others chose (a link in a client's message).
    const page = jsonAnswer({ opened: adapters.browser.opened })
    res.writeHead(page.status, page.headers).end(page.body)
  }

  return async (req, res) => {
    const hook = hooks[`${req.method} ${req.url}`]
    if (hook === undefined) return false
    await hook(req, res)
    return true
  }
}
