/** Electron's `ipcMain` and `ipcRenderer`: invoke handlers by channel, and pushes to a page. */
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'
import type { IpcMain, IpcMainInvokeEvent, IpcRenderer, IpcRendererEvent } from 'electron'
import { preventableEvent } from './events'
import type { FakeWebContents } from './web-contents'

type InvokeListener = Parameters<IpcMain['handle']>[1]

/** Electron's `ipcMain`: invoke handlers by channel. */
export class FakeIpcMain implements Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeAllListeners'> {
  readonly handlers = new Map<string, InvokeListener>()
  /** Channels with an ipcMain.on listener (our code uses handle(); electron-store registers one). */
  readonly listeners = new Map<string, Array<(...args: unknown[]) => void>>()

  on(channel: string, listener: Parameters<IpcMain['on']>[1]): IpcMain {
    this.listeners.set(channel, [
      ...(this.listeners.get(channel) ?? []),
      listener as (...args: unknown[]) => void,
    ])
    return this as unknown as IpcMain
  }

  removeAllListeners(channel?: string): IpcMain {
    if (channel === undefined) this.listeners.clear()
    else this.listeners.delete(channel)
    return this as unknown as IpcMain
  }

  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, listener)
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }

  /**
   * A renderer frame at `frameUrl` in `sender` calls ipcRenderer.invoke(channel, ...args): its top
   * frame, or with `subFrame` a frame inside the page (Electron gives that one a `parent`). A
   * `frameUrl` of null plays a frame gone (navigated away or removed) before the call was read.
   * `frame: 'detached'` plays a page that sent the call while it unloaded, already replaced by the
   * next one (Electron's `detached`); `'disposed'` one whose frame Electron has let go of, every
   * property of which throws as Electron's WebFrameMain does.
   */
  async invoke(
    channel: string,
    from: {
      sender: FakeWebContents
      frameUrl: string | null
      subFrame?: boolean
      frame?: 'detached' | 'disposed'
    },
    ...args: unknown[]
  ): Promise<unknown> {
    const listener = this.handlers.get(channel)
    if (!listener) throw new Error(`No handler registered for '${channel}'`)
    const parent = from.subFrame === true ? { url: 'standby-app://app/', parent: null } : null
    const frame = { url: from.frameUrl, parent, detached: from.frame === 'detached' }
    // Only the fields our code reads; the rest of IpcMainInvokeEvent is Electron internals.
    const event = {
      ...preventableEvent(),
      sender: from.sender,
      senderFrame: from.frameUrl === null ? null : from.frame === 'disposed' ? disposedFrame() : frame,
      frameId: 1,
      processId: 1,
    } as unknown as IpcMainInvokeEvent
    // Electron carries both ways with the structured clone algorithm: what it cannot clone (a
    // function, a class's methods) fails the call instead of reaching the other side.
    return structuredClone(await listener(event, ...structuredClone(args)))
  }
}

/** Electron's `ipcRenderer`: invoke and push-event listeners. */
export class FakeIpcRenderer extends EventEmitter implements Pick<IpcRenderer, 'invoke'> {
  readonly invoke = vi.fn<IpcRenderer['invoke']>(async () => undefined)

  /** The main process sends `channel` with `payload` to this renderer. */
  push(channel: string, payload: unknown): void {
    const event = { sender: this, senderId: 0, ports: [] } as unknown as IpcRendererEvent
    this.emit(channel, event, payload)
  }
}

/** A WebFrameMain whose render frame is gone: Electron throws on reading any of its properties. */
function disposedFrame(): object {
  const gone = (): never => {
    throw new Error('Render frame was disposed before WebFrameMain could be accessed')
  }
  return Object.defineProperties({}, { url: { get: gone }, parent: { get: gone }, detached: { get: gone } })
}
