/**
 * Child process for the fan-out bench's memory figure: runs one server alone (the platform with its
 * experts, or bare socket.io), so both are measured in the same layout, and reports its RSS after a
 * full GC whenever asked.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PROTOCOL_VERSION } from '../src/shared/protocol'
import { MemoryLogger } from '../server/src/logger'
import { startPlatformServer } from '../server/src/platform-server'
import { startBareSocketIo } from './bare-socket-io'

/** What the parent is told once the server listens: where, and each socket's handshake auth. */
export interface RssServerReady {
  readonly type: 'ready'
  readonly url: string
  readonly readyEvent: string
  readonly auths: ReadonlyArray<object>
}

const kind = process.argv[2]
const count = Number(process.argv[3])
const send = (message: object): void => void process.send?.(message)

async function start(): Promise<{ ready: RssServerReady; close(): Promise<void> }> {
  if (kind === 'platform') {
    const dir = mkdtempSync(join(tmpdir(), 'standby-rss-'))
    const server = await startPlatformServer({
      port: 0,
      dbPath: join(dir, 'platform.db'),
      logger: new MemoryLogger(),
    })
    const auths = server.marketplace.db.transaction(() =>
      Array.from({ length: count }, (_, i) => {
        // The hash is never checked: these experts connect with tokens.
        const id = server.marketplace.createExpert({
          name: `Bench ${i}`,
          email: `bench${i}@example.test`,
          passwordHash: 'unused',
          timeZone: 'UTC',
        })
        return { token: server.tokens.issue(id, Date.now()), protocolVersion: PROTOCOL_VERSION }
      }),
    )()
    return {
      ready: { type: 'ready', url: server.url, readyEvent: 'welcome', auths },
      async close() {
        await server.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const bare = await startBareSocketIo()
  return {
    ready: {
      type: 'ready',
      url: bare.url,
      readyEvent: 'ready',
      auths: Array.from({ length: count }, (_, index) => ({ index })),
    },
    close: bare.close,
  }
}

// A parent that is gone waits for nothing: ending with it leaves no server listening behind.
process.once('disconnect', () => process.exit(0))
const server = await start()
process.on('message', (message: { type: string }) => {
  if (message.type === 'rss') {
    ;(globalThis as { gc?: () => void }).gc?.()
    send({ type: 'rss', rss: process.memoryUsage().rss })
  }
  if (message.type === 'close') void server.close().then(() => process.exit(0))
})
send(server.ready)
