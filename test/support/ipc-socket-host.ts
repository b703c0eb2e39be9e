/**
 * The browser shell's IPC socket on a bare HTTP server of its own, for integration tests that
 * drive the carrier without the rest of the shell, and a raw TCP page that asks for it.
 */
import { createServer } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import type { AppApi } from '../../src/main/core/app-api'
import { attachIpcSocket, type IpcSocketServer } from '../../src/browser-shell/ipc-socket-server'
import { IPC_SOCKET_PATH, SECRET_PARAM } from '../../src/shared/ipc/shell-socket'
import type { Logger } from '../../src/shared/logger'

/** The IPC socket listening on 127.0.0.1, with its origin and a close for both. */
export interface IpcSocketHost {
  readonly origin: string
  readonly ipc: IpcSocketServer
  close(): Promise<void>
}

/** Start an HTTP server on a free loopback port with only the IPC socket on it (other upgrades cut). */
export async function listenIpcSocket(api: AppApi, secret: string, log: Logger): Promise<IpcSocketHost> {
  const http = createServer()
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  const ipc = attachIpcSocket(http, { api, origin, secret, log, otherUpgrade: (_r, s) => s.destroy() })
  return {
    origin,
    ipc,
    close: async () => {
      await ipc.close()
      await new Promise((resolve) => http.close(resolve))
    },
  }
}

/**
 * A raw connection that asks `origin`'s shell for its IPC socket with `secret`, as a page's
 * WebSocket does, and then answers nothing by itself (not even a close frame): the page a test
 * plays by hand. With `halfOpen`, it does not even end its side when the shell ends its own.
 */
export function rawIpcPage(origin: string, secret: string, halfOpen = false): Socket {
  const url = new URL(origin)
  const socket = connect({ port: Number(url.port), host: url.hostname, allowHalfOpen: halfOpen })
  socket.write(
    [
      `GET ${IPC_SOCKET_PATH}?${SECRET_PARAM}=${secret} HTTP/1.1`,
      `Host: ${url.host}`,
      `Origin: ${origin}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      '',
      '',
    ].join('\r\n'),
  )
  return socket
}
