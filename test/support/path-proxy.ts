/**
 * A reverse proxy on loopback that serves the platform under a path, as one in front of a real
 * deployment does (https://host/standby): requests and WebSocket upgrades under the path reach the
 * platform with the path taken off, and anything else gets the 404 of a host's empty root.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'

/** A running proxy. */
export interface PathProxy {
  /** The platform's address through the proxy, its path included: what the expert signs in with. */
  readonly url: string
  /** Stop the proxy and drop every connection. */
  close(): Promise<void>
}

/** Start a proxy on a free port that serves the platform on `127.0.0.1:targetPort` under `prefix` ("/standby"). */
export async function startPathProxy(targetPort: number, prefix: string): Promise<PathProxy> {
  const upstreamPath = (req: IncomingMessage): string | null => {
    const url = req.url ?? '/'
    return url.startsWith(`${prefix}/`) ? url.slice(prefix.length) : null
  }
  // An upgraded socket is no longer the HTTP server's to close.
  const upgraded = new Set<Duplex>()
  const proxy: Server = createServer((req, res) => {
    const path = upstreamPath(req)
    if (path === null) return void res.writeHead(404).end('Not Found')
    const upstream = request(
      { host: '127.0.0.1', port: targetPort, method: req.method, path, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  proxy.on('upgrade', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    client.on('error', () => client.destroy())
    const path = upstreamPath(req)
    if (path === null) return void client.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n')
    upgraded.add(client)
    const upstream = connect(targetPort, '127.0.0.1', () => {
      const lines = [`${req.method ?? 'GET'} ${path} HTTP/1.1`]
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`)
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`)
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on('error', () => client.destroy())
    client.on('close', () => {
      upgraded.delete(client)
      upstream.destroy()
    })
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}${prefix}`,
    async close() {
      proxy.closeAllConnections()
      for (const client of upgraded) client.destroy()
      await new Promise<void>((resolve) => proxy.close(() => resolve()))
    },
  }
}
