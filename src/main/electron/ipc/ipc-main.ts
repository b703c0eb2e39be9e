/**
 * The only file that touches Electron's raw `ipcMain` (lint enforces it). Every renderer → main
 * call goes through `handle`, which refuses callers that are not our own pages, parses the request
 * with the contract's schema, and turns every outcome into an `IpcResult`, so a bad message costs
 * one log line and an error reply, never an exception inside Electron.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import {
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
  type PushEvent,
  type PushPayload,
} from '../../../shared/ipc/contract'
import { describeAddress } from '../../../shared/describe-untrusted'
import { callFailed } from '../../../shared/ipc/call-phrases'
import type { IpcResult } from '../../../shared/ipc/result'
import { systemClock, type Clock } from '../../../shared/clock'
import { answerCall } from '../../core/ipc/answer-call'
import { callTurns } from '../../core/ipc/call-turns'
import { callsInFlight, MOST_CALLS_IN_FLIGHT } from '../../core/ipc/calls-in-flight'
import { createRefusalLog } from '../../core/ipc/refusal-log'
import { type Logger } from '../../node/log'

/** Decides whether an IPC message comes from our own app. */
export interface SenderPolicy {
  /** True for the webContents of a window this app created. */
  isOwnWebContents(contents: WebContents): boolean
  /** True for a page of our own renderer. */
  isAppUrl(url: string): boolean
}

/** What a handler knows about the call besides its request. */
export interface HandlerContext {
  /** The webContents that made the call, for handlers that answer one window only. */
  readonly sender: WebContents
}

/** The main-process implementation of one contract call; it gets the already-parsed request. */
export type InvokeHandler<C extends InvokeChannel> = (
  request: InvokeRequest<C>,
  context: HandlerContext,
) => InvokeResponse<C> | Promise<InvokeResponse<C>>

/** Registers the handler of one contract call; the returned function unregisters it. */
export type Handle = <C extends InvokeChannel>(channel: C, handler: InvokeHandler<C>) => () => void

/** The typed, checked side of `ipcMain`. */
export interface IpcMain {
  /** Registers the handler of one contract call; the returned function unregisters it. */
  readonly handle: Handle
  /** At quit: the refusal log says what it left out and waits for nothing more. */
  readonly close: () => void
}

/**
 * Creates the IPC registrar; every handler it registers checks senders with `policy`. Refusals
 * are logged within a bound (refusal-log.ts), so a page that sends bad calls in a loop cannot
 * push the rest of the log out of its file.
 */
export function createIpcMain(deps: {
  readonly policy: SenderPolicy
  readonly log: Logger
  readonly clock?: Clock
  /** How many calls of one window may wait for their answers; more are refused. */
  readonly mostCallsInFlight?: number
}): IpcMain {
  const { policy } = deps
  const log = createRefusalLog(deps.log, deps.clock ?? systemClock)
  // By the webContents' id: unique for the process's life, and holds no destroyed contents alive.
  const most = deps.mostCallsInFlight ?? MOST_CALLS_IN_FLIGHT
  const inFlight = callsInFlight<number>(most)
  // Electron hands the main process every message as it comes: a page's flood would otherwise run
  // back to back on its thread, ahead of the platform's link and the other window.
  const turns = callTurns<number>()
  // The windows told about in the log since they last had few calls waiting: one line per flood.
  const flooding = new Set<number>()

  const handle: Handle = (channel, handler) => {
    ipcMain.handle(channel, (event, ...args: unknown[]) => answer(channel, handler, event, args[0]))
    return () => ipcMain.removeHandler(channel)
  }

  async function answer<C extends InvokeChannel>(
    channel: C,
    handler: InvokeHandler<C>,
    event: IpcMainInvokeEvent,
    payload: unknown,
  ): Promise<IpcResult<InvokeResponse<C>>> {
    const refusal = refuse(event, policy)
    if (refusal !== undefined) {
      log.warn(`IPC ${channel} refused: ${refusal}`)
      return callFailed(channel, 'forbidden_sender', 'only Standby’s own windows may ask for this.')
    }
    // Electron reads every message a renderer sends: a page that calls without waiting for its
    // answers would have the main process hold and work on every one of them.
    const window = event.sender.id
    const end = inFlight.begin(window)
    if (end === undefined) {
      if (!flooding.has(window)) {
        flooding.add(window)
        log.warn(
          `IPC ${channel} refused: the window has ${most} calls waiting for their answers; its further calls are refused, unlogged, until it has fewer waiting`,
        )
      }
      return callFailed(channel, 'too_many_calls', 'too many requests are waiting. Try again in a moment.')
    }
    if (inFlight.count(window) <= most / 2) flooding.delete(window)
    try {
      return await turns.start(window, () =>
        answerCall(channel, payload, (request) => handler(request, { sender: event.sender }), log),
      )
    } finally {
      end()
    }
  }

  return { handle, close: () => log.close() }
}

/**
 * The channel electron-store answers on raw `ipcMain.on`, for its stores in a renderer: it hands
 * any frame that asks (a page of another origin, a frame inside ours) the userData folder, without
 * the sender check every call here makes. Standby reads its settings in the main process only.
 */
export const ELECTRON_STORE_CHANNEL = 'electron-store-get-data'

/**
 * Takes away what a library listens for on raw `ipcMain.on` (electron-store, at each store it
 * opens): every channel a page can reach goes through `handle`, where the sender is checked.
 */
export function removeUncheckedChannel(channel: string): void {
  ipcMain.removeAllListeners(channel)
}

/** Pushes a contract event to one window; a window that is already gone is skipped. */
export function send<E extends PushEvent>(
  contents: Pick<WebContents, 'isDestroyed' | 'send'>,
  event: E,
  payload: PushPayload<E>,
): void {
  if (contents.isDestroyed()) return
  contents.send(event, payload)
}

/** Why a message must be refused, or undefined if it comes from our own page. */
function refuse(event: IpcMainInvokeEvent, policy: SenderPolicy): string | undefined {
  const frame = senderOf(event)
  if (frame === null) return 'the sending frame no longer exists'
  // Only the top page has our preload; a frame inside it is whatever the page embedded.
  const url = describeAddress(frame.url)
  if (frame.parent) return `the sender ${url} is a frame inside a page`
  // A page that calls while it unloads is no longer the window's page: its answer has nowhere to go.
  if (frame.detached) return `the sending page ${url} was being unloaded`
  if (!policy.isOwnWebContents(event.sender)) return `the sender (${url}) is not a Standby window`
  if (!policy.isAppUrl(frame.url)) return `the sending page ${url} is not the Standby app`
  return undefined
}

/**
 * What the check reads of the sending frame, or null when it is gone: Electron throws on reading
 * a frame it has already let go of (a page reloaded or closed while its call was on the way).
 */
function senderOf(event: IpcMainInvokeEvent): { url: string; parent: boolean; detached: boolean } | null {
  try {
    const frame = event.senderFrame
    if (frame === null) return null
    return { url: frame.url, parent: frame.parent !== null, detached: frame.detached }
  } catch {
    return null
  }
}
