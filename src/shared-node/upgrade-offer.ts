/**
 * Reading a request that offers to switch protocols (an Upgrade header), for the servers that
 * answer such a request as the HTTP/1.1 request it also is: the browser shell and the reference
 * platform, and answering it so (answer-upgrade-as-request.ts).
 */

/** The part of a request these read: its headers, names in lower case as Node gives them. */
export interface RequestHead {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
}

/** True when the request asks for a WebSocket. */
export function isWebSocketUpgrade(req: RequestHead): boolean {
  const upgrade = req.headers['upgrade']
  return typeof upgrade === 'string' && upgrade.trim().toLowerCase() === 'websocket'
}

/** True when the request says a body follows its head. */
export function carriesBody(req: RequestHead): boolean {
  const length = req.headers['content-length']
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
}
