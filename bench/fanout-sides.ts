/**
 * The two sides of the fan-out bench (bench/platform-fanout.ts): the Standby platform with its
 * expert accounts, and bare socket.io doing the same fan-out with the same payload.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PROTOCOL_VERSION, type Invite } from '../src/shared/protocol'
import { hashPassword } from '../server/src/auth'
import { MemoryLogger } from '../server/src/logger'
import { startPlatformServer, type PlatformServer } from '../server/src/platform-server'
import { startBareSocketIo } from './bare-socket-io'
import type { ClientFleet } from './client-fleet'

/** One side of the comparison: sends a fan-out and names the request to wait for. */
export interface FanOutSide {
  readonly fleet: ClientFleet
  send(round: number): string
}

/** The platform's side of the comparison, with what the bench asks of it beyond a fan-out. */
export interface PlatformSide extends FanOutSide {
  readonly server: PlatformServer
  readonly expertIds: ReadonlyArray<string>
  /** Connect the expert sockets. */
  connect(): Promise<void>
  sample(): Invite
  close(): Promise<void>
}

/** A platform with `experts` accounts whose sockets `fleet` holds; closing it leaves the fleet open. */
export async function platformSide(
  experts: number,
  fanOut: number,
  fleet: ClientFleet,
): Promise<PlatformSide> {
  const dir = mkdtempSync(join(tmpdir(), 'standby-bench-'))
  const server = await startPlatformServer({
    port: 0,
    dbPath: join(dir, 'platform.db'),
    logger: new MemoryLogger(),
    marketplace: { defaultFanOut: fanOut },
  })
  const hash = await hashPassword('bench')
  const clientId = server.marketplace.createClient({ name: 'Bench Client', timeZone: 'UTC' })
  const accounts = server.marketplace.db.transaction(() =>
    Array.from({ length: experts }, (_, i) => {
      const id = server.marketplace.createExpert({
        name: `Bench ${i}`,
        email: `bench${i}@example.test`,
        passwordHash: hash,
        timeZone: 'UTC',
        tags: i < fanOut ? ['fanout'] : ['other'],
      })
      return { id, token: server.tokens.issue(id, Date.now()), protocolVersion: PROTOCOL_VERSION }
    }),
  )()
  let sample: Invite | undefined
  server.marketplace.events.subscribe((_, e) => {
    if (e.type === 'invite.created') sample ??= e.payload.invite
  })
  return {
    fleet,
    server,
    expertIds: accounts.slice(0, fanOut).map((a) => a.id),
    connect: () =>
      fleet.connect(
        server.url,
        accounts.map(({ token, protocolVersion }) => ({ token, protocolVersion })),
        'welcome',
        fanOut,
        { name: 'Standby platform' },
      ),
    sample: () => {
      if (sample === undefined) throw new Error('no invite was sent yet')
      return sample
    },
    send: (round) =>
      server.marketplace.createRequest({
        clientId,
        title: `Fan-out ${round}`,
        description:
          'A request of ordinary size: a few sentences describing what is wrong and what was tried.',
        kind: 'instant',
        tags: ['fanout'],
      }).request.id,
    async close() {
      await fleet.release(server.url)
      await server.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Bare socket.io with its own server, its sockets held by `fleet`; closing it leaves the fleet open. */
export async function rawSide(
  experts: number,
  fanOut: number,
  sample: Invite,
  fleet: ClientFleet,
  name = 'bare socket.io',
): Promise<FanOutSide & { connect(): Promise<void>; close(): Promise<void> }> {
  const { io, url, close } = await startBareSocketIo()
  return {
    fleet,
    connect: () =>
      fleet.connect(
        url,
        Array.from({ length: experts }, (_, index) => ({ index })),
        'ready',
        fanOut,
        { name },
      ),
    send(round) {
      const requestId = `raw-${round}`
      // The same work per recipient as the platform: one emit of a full invite to each one's room.
      for (let i = 0; i < fanOut; i++) {
        io.to(`c${i}`).emit('invite', {
          ...sample,
          id: `${requestId}-${i}`,
          request: { ...sample.request, id: requestId },
        })
      }
      return requestId
    },
    async close() {
      await fleet.release(url)
      await close()
    },
  }
}
