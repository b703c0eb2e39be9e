/**
 * Fan-out bench: 1,000 expert sockets on one platform, a request fanned out to 100 of them; the
 * time from creating the request until the last of the 100 has the invite. Bare socket.io doing
 * the same fan-out with the same payload runs in the same bench, and the ratio is printed.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Server } from 'socket.io'
import { PROTOCOL_VERSION, type Invite } from '../src/shared/protocol'
import { hashPassword } from '../server/src/auth'
import { MemoryLogger } from '../server/src/logger'
import { startPlatformServer } from '../server/src/platform-server'
import { ClientFleet } from './client-fleet'
import { mib, ms, percentile } from './stats'

const EXPERTS = 1_000
const FAN_OUT = 100
const ROUNDS = 500
const WARMUP = 20

const now = (): number => performance.timeOrigin + performance.now()

/** Latencies, one per round, after the warm-up rounds. */
async function measure(fleet: ClientFleet, send: (round: number) => string): Promise<number[]> {
  const latencies: number[] = []
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    const started = now()
    const requestId = send(round)
    const { last } = await fleet.delivered(requestId)
    if (round >= WARMUP) latencies.push(last - started)
  }
  return latencies
}

async function platformFanout(
  experts: number,
  fanOut: number,
): Promise<{ latencies: number[]; rss: number; sampleInvite: Invite }> {
  const dir = mkdtempSync(join(tmpdir(), 'standby-bench-'))
  const server = await startPlatformServer({
    port: 0,
    dbPath: join(dir, 'platform.db'),
    logger: new MemoryLogger(),
    marketplace: { defaultFanOut: fanOut },
  })
  const hash = await hashPassword('bench')
  const clientId = server.marketplace.createClient({ name: 'Bench Client', timeZone: 'UTC' })
  const auths = server.marketplace.db.transaction(() =>
    Array.from({ length: experts }, (_, i) => {
      const id = server.marketplace.createExpert({
        name: `Bench ${i}`,
        email: `bench${i}@example.test`,
        passwordHash: hash,
        timeZone: 'UTC',
        tags: i < fanOut ? ['fanout'] : ['other'],
      })
      return { token: server.tokens.issue(id, Date.now()), protocolVersion: PROTOCOL_VERSION }
    }),
  )()
  const fleet = new ClientFleet()
  await fleet.connect(server.url, auths, 'welcome', fanOut)
  let sampleInvite: Invite | undefined
  const unsubscribe = server.marketplace.events.subscribe((_, e) => {
    if (e.type === 'invite.created') sampleInvite ??= e.payload.invite
  })
  const latencies = await measure(fleet, (round) => {
    const { request } = server.marketplace.createRequest({
      clientId,
      title: `Fan-out ${round}`,
      description: 'A request of ordinary size: a few sentences describing what is wrong and what was tried.',
      kind: 'instant',
      tags: ['fanout'],
    })
    return request.id
  })
  unsubscribe()
  const rss = process.memoryUsage().rss
  await fleet.close()
  await server.close()
  rmSync(dir, { recursive: true, force: true })
  if (sampleInvite === undefined) throw new Error('no invite was sent')
  return { latencies, rss, sampleInvite }
}

async function rawFanout(sample: Invite): Promise<number[]> {
  const http = createServer()
  const io = new Server(http, { serveClient: false })
  io.on('connection', (socket) => {
    void socket.join(`c${String((socket.handshake.auth as { index: number }).index)}`)
    socket.emit('ready')
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  const fleet = new ClientFleet()
  await fleet.connect(
    url,
    Array.from({ length: EXPERTS }, (_, index) => ({ index })),
    'ready',
    FAN_OUT,
  )
  const latencies = await measure(fleet, (round) => {
    const requestId = `raw-${round}`
    // The same work per recipient as the platform: one emit of a full invite to each one's room.
    for (let i = 0; i < FAN_OUT; i++) {
      io.to(`c${i}`).emit('invite', {
        ...sample,
        id: `${requestId}-${i}`,
        request: { ...sample.request, id: requestId },
      })
    }
    return requestId
  })
  await fleet.close()
  await new Promise<void>((resolve) => io.close(() => resolve()))
  return latencies
}

const row = (name: string, values: number[]): string =>
  `${name.padEnd(30)} p50 ${ms(percentile(values, 50)).padStart(10)}   p99 ${ms(percentile(values, 99)).padStart(10)}`

/** Run the fan-out bench and print its figures. */
export async function benchPlatformFanout(): Promise<void> {
  console.log(
    `\n== Platform: one expert, request created -> invite on the expert's socket, ${ROUNDS} rounds ==`,
  )
  const single = await platformFanout(1, 1)
  console.log(row('Standby platform, 1 expert', single.latencies))
  console.log(
    `\n== Platform fan-out: ${EXPERTS} expert sockets, a request to ${FAN_OUT} of them, ${ROUNDS} rounds ==`,
  )
  const platform = await platformFanout(EXPERTS, FAN_OUT)
  const raw = await rawFanout(platform.sampleInvite)
  console.log(row('bare socket.io (baseline)', raw))
  console.log(row('Standby platform', platform.latencies))
  console.log(
    `ratio platform/baseline        p50 ${(percentile(platform.latencies, 50) / percentile(raw, 50)).toFixed(2)}x` +
      `        p99 ${(percentile(platform.latencies, 99) / percentile(raw, 99)).toFixed(2)}x   (target: p99 within 2x)`,
  )
  console.log(`platform server RSS with ${EXPERTS} sockets: ${mib(platform.rss)}`)
}
