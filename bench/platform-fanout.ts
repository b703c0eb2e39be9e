/**
 * Fan-out bench: 1,000 expert sockets on one platform, a request fanned out to 100 of them; the
 * time from creating the request until the last of the 100 has the invite. Bare socket.io doing
 * the same fan-out with the same payload to its own 1,000 sockets runs in the same bench, in
 * alternating blocks of rounds, so both see the same machine load and the ratio holds on a noisy
 * machine.
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
import { startPlatformServer, type PlatformServer } from '../server/src/platform-server'
import { ClientFleet } from './client-fleet'
import { mib, ms, percentile } from './stats'
import { WritePhases } from './write-phases'

const EXPERTS = 1_000
const FAN_OUT = 100
const BLOCKS = 10
const ROUNDS_PER_BLOCK = 50
const WARMUP = 20

const now = (): number => performance.timeOrigin + performance.now()

/** One side of the comparison: sends a fan-out and names the request to wait for. */
interface Side {
  readonly fleet: ClientFleet
  send(round: number): string
  close(): Promise<void>
}

/** `rounds` latencies of one side (after `warmup` unmeasured rounds). */
async function measure(
  side: Side,
  first: number,
  rounds: number,
  warmup = 0,
  phases?: WritePhases,
): Promise<number[]> {
  const latencies: number[] = []
  for (let round = first; round < first + warmup + rounds; round++) {
    phases?.calling()
    const started = now()
    const requestId = side.send(round)
    const { last } = await side.fleet.delivered(requestId)
    if (round >= first + warmup) latencies.push(last - started)
  }
  return latencies
}

async function platformSide(
  experts: number,
  fanOut: number,
): Promise<Side & { server: PlatformServer; sample(): Invite }> {
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
  let sample: Invite | undefined
  server.marketplace.events.subscribe((_, e) => {
    if (e.type === 'invite.created') sample ??= e.payload.invite
  })
  return {
    fleet,
    server,
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
      await fleet.close()
      await server.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function rawSide(sample: Invite): Promise<Side> {
  const http = createServer()
  const io = new Server(http, { serveClient: false })
  io.on('connection', (socket) => {
    void socket.join(`c${String((socket.handshake.auth as { index: number }).index)}`)
    socket.emit('ready')
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const fleet = new ClientFleet()
  await fleet.connect(
    `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    Array.from({ length: EXPERTS }, (_, index) => ({ index })),
    'ready',
    FAN_OUT,
  )
  return {
    fleet,
    send(round) {
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
    },
    async close() {
      await fleet.close()
      await new Promise<void>((resolve) => io.close(() => resolve()))
    },
  }
}

const row = (name: string, values: number[]): string =>
  `${name.padEnd(30)} p50 ${ms(percentile(values, 50)).padStart(10)}   p99 ${ms(percentile(values, 99)).padStart(10)}`

/** Run the fan-out bench and print its figures. */
export async function benchPlatformFanout(): Promise<void> {
  const rounds = BLOCKS * ROUNDS_PER_BLOCK
  console.log(
    `\n== Platform: one expert, request created -> invite on the expert's socket, ${rounds} rounds ==`,
  )
  const single = await platformSide(1, 1)
  console.log(row('Standby platform, 1 expert', await measure(single, 0, rounds, WARMUP)))
  await single.close()

  console.log(
    `\n== Platform fan-out: ${EXPERTS} expert sockets, a request to ${FAN_OUT} of them, ${rounds} rounds each,` +
      ` in ${BLOCKS} alternating blocks ==`,
  )
  const platform = await platformSide(EXPERTS, FAN_OUT)
  await measure(platform, 0, 0, WARMUP)
  const rss = process.memoryUsage().rss
  const raw = await rawSide(platform.sample())
  await measure(raw, 0, 0, WARMUP)
  const platformTimes: number[] = []
  const rawTimes: number[] = []
  const phases = new WritePhases()
  for (let block = 0; block < BLOCKS; block++) {
    const first = WARMUP + block * ROUNDS_PER_BLOCK
    rawTimes.push(...(await measure(raw, first, ROUNDS_PER_BLOCK)))
    phases.start()
    platformTimes.push(...(await measure(platform, first, ROUNDS_PER_BLOCK, 0, phases)))
    phases.stop()
  }
  await raw.close()
  await platform.close()
  console.log(row('bare socket.io (baseline)', rawTimes))
  console.log(row('Standby platform', platformTimes))
  console.log(
    `ratio platform/baseline        p50 ${(percentile(platformTimes, 50) / percentile(rawTimes, 50)).toFixed(2)}x` +
      `        p99 ${(percentile(platformTimes, 99) / percentile(rawTimes, 99)).toFixed(2)}x   (target: p99 within 2x)`,
  )
  console.log(`platform server RSS with ${EXPERTS} sockets: ${mib(rss)}`)
  console.log('phases of the platform fan-out (median per fan-out, share of their sum):')
  for (const line of phases.lines()) console.log(line)
}
