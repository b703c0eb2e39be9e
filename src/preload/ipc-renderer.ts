/**
 * The only file that touches Electron's raw `ipcRenderer` (lint enforces it). It carries the
 * contract's calls and events and nothing else; requests are parsed in the main process, so the
 * sandboxed preload stays free of validation code.
 */
import { ipcRenderer, type IpcRendererEvent } from 'electron'
import { type PushEvent, type PushPayload } from '../shared/ipc/contract'
import { type StandbyTransport } from '../shared/ipc/standby-api'

/** The contract carried over Electron IPC. */
export const ipcTransport: StandbyTransport = {
  invoke: (channel, request) => ipcRenderer.invoke(channel, request),
  subscribe<E extends PushEvent>(event: E, listener: (payload: PushPayload<E>) => void) {
    // Only the payload crosses into the page: the IPC event object would hand it `sender`,
    // which is ipcRenderer itself. A listener that throws is reported and the others still hear
    // the push: ipcRenderer's emitter would stop at the first throw, and a store that missed a
    // push would show stale state until the next full read.
    const forward = (_event: IpcRendererEvent, payload: PushPayload<E>): void => {
      try {
        listener(payload)
      } catch (error) {
        console.error(`A listener of ${event} failed:`, error)
      }
    }
    ipcRenderer.on(event, forward)
    return () => {
      ipcRenderer.removeListener(event, forward)
    }
  },
}
