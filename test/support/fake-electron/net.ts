/**
 * `net.request`, for electron-updater's downloads. The requests go
 * through Node's http and only to loopback: a test never reaches the network.
 */
import { request as httpRequest, type ClientRequest as NodeClientRequest } from 'node:http'
import type { ClientRequestConstructorOptions } from 'electron'

/** What electron-updater passes: Electron's options, with a session it made. */
type NetRequestOptions = ClientRequestConstructorOptions & Record<string, unknown>

/** `net`: requests answered by a loopback server, with the `response` event Electron's have. */
export const fakeNet = {
  request(options: NetRequestOptions): NodeClientRequest {
    const host = String(options.hostname ?? options.host ?? '')
    if (options.protocol !== 'http:' || !['127.0.0.1', 'localhost'].includes(host)) {
      throw new Error(
        `fake net.request to ${String(options.protocol)}//${host}: tests reach only http://127.0.0.1`,
      )
    }
    const { session: _session, redirect: _redirect, ...rest } = options
    return httpRequest({
      protocol: 'http:',
      hostname: host,
      port: rest.port,
      path: rest.path,
      method: rest.method ?? 'GET',
      headers: rest.headers as Record<string, string> | undefined,
    })
  },
}
