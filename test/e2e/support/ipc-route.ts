/**
 * The page's IPC socket to the browser shell, routed through the test (Playwright's
 * routeWebSocket): the test sees every call and every answer or push, and may hold one back,
 * answer in the shell's place, or close the page's socket.
 */
import type { Page, WebSocketRoute } from 'playwright'
import type { InvokeChannel } from '../../../src/shared/ipc/contract'

/** One socket the page opened, as the test sees it. */
export interface RoutedSocket {
  /** 1 for the page's first socket, 2 after it reconnected once, and so on. */
  readonly number: number
  /** Deliver `message` to the page as if the shell had sent it. */
  toPage(message: string): void
  /** Close the page's side, as a shell restart would. */
  close(code?: number, reason?: string): Promise<void>
}

/** What the test does with each message; each returns false to keep that message back. */
export interface IpcFilters {
  fromPage?(message: { id: number; channel: string; request?: unknown }, socket: RoutedSocket): boolean
  fromShell?(
    message: { id?: number; result?: unknown; event?: string; payload?: unknown },
    socket: RoutedSocket,
  ): boolean
}

/** For `open(shell, { beforeLoad })`: route every IPC socket the page opens through `filters`. */
export function routeIpc(filters: IpcFilters): (page: Page) => Promise<void> {
  let opened = 0
  return (page) =>
    page.routeWebSocket(/\/standby-ipc/, (route: WebSocketRoute) => {
      const socket: RoutedSocket = {
        number: ++opened,
        toPage: (message) => route.send(message),
        close: (code, reason) => route.close({ code, reason }),
      }
      const shell = route.connectToServer()
      route.onMessage((message) => {
        if (filters.fromPage?.(JSON.parse(String(message)), socket) ?? true) shell.send(message)
      })
      shell.onMessage((message) => {
        if (filters.fromShell?.(JSON.parse(String(message)), socket) ?? true) route.send(message)
      })
    })
}

/** The shell's answers to the page's calls on one channel, as they pass to the page. */
export interface WatchedAnswers {
  /** For `open(shell, { beforeLoad })`. */
  readonly beforeLoad: (page: Page) => Promise<void>
  /** Resolves with the result of the next answer on the channel (ask before the call is made). */
  next(): Promise<unknown>
}

/**
 * Watch the answers to `channel`: the shell answers once it has done what was asked, so a test
 * waits for the answer rather than for a second of wall time to find the change made.
 */
export function watchAnswers(channel: InvokeChannel): WatchedAnswers {
  const calls = new Set<number>()
  const waiting: Array<(result: unknown) => void> = []
  return {
    beforeLoad: routeIpc({
      fromPage: (call) => {
        if (call.channel === channel) calls.add(call.id)
        return true
      },
      fromShell: (message) => {
        if (message.id !== undefined && calls.delete(message.id)) {
          for (const resolve of waiting.splice(0)) resolve(message.result)
        }
        return true
      },
    }),
    next: () => new Promise((resolve) => waiting.push(resolve)),
  }
}

/** Holds the shell's answer to the first call on `channel` until `release()`. */
export function holdAnswer(channel: string): {
  beforeLoad: (page: Page) => Promise<void>
  /** Resolves once the answer is held: the shell has done what was asked. */
  held: Promise<void>
  release: () => void
} {
  let callId: number | null = null
  let kept: { message: unknown; socket: RoutedSocket } | null = null
  let heldNow: () => void = () => undefined
  const held = new Promise<void>((resolve) => (heldNow = resolve))
  return {
    beforeLoad: routeIpc({
      fromPage: (call) => {
        if (call.channel === channel && callId === null) callId = call.id
        return true
      },
      fromShell: (message, socket) => {
        if (message.id === undefined || message.id !== callId || kept !== null) return true
        kept = { message, socket }
        heldNow()
        return false
      },
    }),
    held,
    release: () => kept?.socket.toPage(JSON.stringify(kept.message)),
  }
}
