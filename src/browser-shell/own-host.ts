/**
 * Whether a request is addressed to the shell by its own name. A web page that rebinds its host
 * name to 127.0.0.1 reaches the shell's port, but its requests still carry that name as Host, so
 * every request and every IPC upgrade is checked here the same way.
 */
import type { IncomingMessage } from 'node:http'

/** True only when `req`'s Host is exactly the host of `origin`, e.g. 127.0.0.1:5173. */
export function isAddressedTo(req: Pick<IncomingMessage, 'headers'>, origin: string): boolean {
  return req.headers.host === new URL(origin).host
}
