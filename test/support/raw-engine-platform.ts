/**
 * A platform that writes engine.io's packets by hand, over a bare WebSocket server on loopback:
 * for handshakes no engine.io server sends. It opens each connection with the test's handshake,
 * lets in and welcomes exp_ada, and answers replays (caught up at event 0) and probes.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { PROTOCOL_VERSION } from '../../src/shared/protocol'

/** A running hand-written platform. */
export interface RawEnginePlatform {
  readonly url: string
  close(): Promise<void>
}

/** An engine.io open packet with this handshake over a usable one's fields. */
export function openPacket(fields: Record<string, unknown>): string {
  return `0${JSON.stringify({ sid: 'raw', upgrades: [], pingInterval: 25_000, pingTimeout: 20_000, ...fields })}`
}

/** Start a platform opening each connection with the engine.io packets `opening` (raw text). */
export async function startRawEnginePlatform(opening: ReadonlyArray<string>): Promise<RawEnginePlatform> {
  const http = createServer()
  const wss = new WebSocketServer({ server: http })
  const sockets = new Set<WebSocket>()
  wss.on('connection', (ws) => {
    sockets.add(ws)
    for (const packet of opening) ws.send(packet)
    ws.on('message', (raw: Buffer) => {
      const text = raw.toString()
      if (text.startsWith('40')) {
        ws.send('40{"sid":"raw"}')
        const welcome = { protocolVersion: PROTOCOL_VERSION, expertId: 'exp_ada', latestEventId: 0 }
        ws.send(`42${JSON.stringify(['welcome', { ...welcome, serverTime: Date.now() }])}`)
      }
      const asked = /^42(\d+)\["(replay|probe)"/.exec(text)
      if (asked === null) return
      const result = asked[2] === 'probe' ? {} : { kind: 'events', events: [], latestId: 0, hasMore: false }
      ws.send(`43${asked[1]}${JSON.stringify([{ ok: true, result, serverTime: Date.now() }])}`)
    })
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of sockets) ws.terminate()
        wss.close()
        http.close(() => resolve())
      }),
  }
}
