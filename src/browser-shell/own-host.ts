/**
 * Whether a request is addressed to the shell by its own name. A web page that rebinds its host
 * name to 127.0.0.1 reaches the shell's port, but its requests still carry that name, so every
 * request and every IPC upgrade is checked here the same way, as the platform's front door checks
 * its own (src/shared-node/request-names.ts: one Host header, and the host of a whole URL in the
 * request line).
 */
import type { IncomingMessage } from 'node:http'
import { addressedOnlyTo } from '../shared-node/request-names'

/** True only when every name `req` carries is exactly the host of `origin`, e.g. 127.0.0.1:5173. */
export function isAddressedTo(
  req: Pick<IncomingMessage, 'headers' | 'rawHeaders' | 'url'>,
  origin: string,
): boolean {
  const own = new URL(origin).host
  return addressedOnlyTo(req, (host) => host === own)
}
