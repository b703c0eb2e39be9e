/**
 * The preload script: runs sandboxed before the page and gives it `window.standby`, the small
 * domain API built from the IPC contract. It is bundled to one CommonJS file (index.cjs), because
 * a sandboxed preload can neither load ES modules nor `require` anything but `electron`.
 */
import { contextBridge } from 'electron'
import { buildStandbyApi } from '../shared/ipc/standby-api'
import { ipcTransport } from './ipc-renderer'

contextBridge.exposeInMainWorld('standby', buildStandbyApi(ipcTransport))
