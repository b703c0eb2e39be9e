/**
 * A process frozen past a deadline (a loaded machine, SIGSTOP, a debugger) fires its overdue
 * timers before it reads its sockets. The platform answered meanwhile, on another thread here, so
 * its answer waits in the socket when the process runs again: a probe or a connection attempt must
 * read it, not give the connection up, or a busy machine keeps the expert connecting.
 */
import { connect, type Socket } from 'node:net'
import { Worker } from 'node:worker_threads'
import { afterEach, expect, it } from 'vitest'
import { AttemptDeadline } from '../../../../../src/main/core/connection/attempt-deadline'
import { ConnectionCheck } from '../../../../../src/main/core/connection/connection-check'
import { sendCommand } from '../../../../../src/main/core/connection/link-command'
import { requestReplay } from '../../../../../src/main/core/connection/replay-request'
import { steadyNow, systemClock } from '../../../../../src/shared/clock'

/** A loopback server on its own thread that answers each line, then marks in shared memory that it wrote it. */
const SERVER = `
const { parentPort, workerData } = require('node:worker_threads')
const net = require('node:net')
const written = new Int32Array(workerData)
const server = net.createServer((socket) => {
  socket.on('data', () =>
    socket.write('pong\\n', () => {
      Atomics.store(written, 0, 1)
      Atomics.notify(written, 0)
    }),
  )
})
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port))
`

/** How long the probe or the attempt waits for its answer here. */
const TIMEOUT_MS = 50
let worker: Worker | undefined
let socket: Socket | undefined

afterEach(async () => {
  socket?.destroy()
  await worker?.terminate()
})

/** A connected socket to the server, and a way to freeze this thread until it has answered. */
async function platformOnAnotherThread() {
  const shared = new SharedArrayBuffer(4)
  const written = new Int32Array(shared)
  const server = new Worker(SERVER, { eval: true, workerData: shared })
  worker = server
  const port = await new Promise<number>((resolve) => server.once('message', resolve))
  const link = connect(port, '127.0.0.1')
  socket = link
  await new Promise<void>((resolve) => link.once('connect', resolve))
  /**
   * Freeze from the check phase, as a stopped process resumes: the loop's next turn fires the
   * overdue timers first and reads the socket after them. Frozen until the server has written its
   * answer and `until` (steady clock) is past.
   */
  const freeze = (until: number): Promise<void> =>
    new Promise<void>((resolve) =>
      setImmediate(() => {
        while (Atomics.load(written, 0) === 0) Atomics.wait(written, 0, 0)
        const parked = new Int32Array(new SharedArrayBuffer(4))
        for (let left = until - steadyNow(systemClock); left > 0; left = until - steadyNow(systemClock))
          Atomics.wait(parked, 0, 0, left)
        resolve()
      }),
    )
  return { link, freeze }
}

it('reads an answer that came while the process was frozen past the probe’s deadline, and keeps the connection', async () => {
  const { link, freeze } = await platformOnAnotherThread()
  const said: string[] = []
  let verdict: () => void = () => undefined
  const judged = new Promise<void>((resolve) => (verdict = resolve))
  const check = new ConnectionCheck(
    systemClock,
    { silenceLimitMs: 60_000, probeTimeoutMs: TIMEOUT_MS },
    {
      send: () =>
        new Promise<void>((resolve) => {
          link.once('data', () => resolve())
          link.write('ping\n')
        }),
      checking: () => said.push('checking'),
      answered: () => {
        said.push('answered')
        verdict()
      },
      dead: () => {
        said.push('dead')
        verdict()
      },
    },
  )
  check.start()
  const sentAt = steadyNow(systemClock)
  check.probe('a test')
  await freeze(sentAt + 2 * TIMEOUT_MS)
  await judged
  check.stop()
  expect(said).toEqual(['checking', 'answered'])
})

it('lets a connection in whose handshake was answered while the process was frozen past the attempt’s deadline', async () => {
  const { link, freeze } = await platformOnAnotherThread()
  const deadline = new AttemptDeadline(systemClock, TIMEOUT_MS)
  let verdict: (what: string) => void = () => undefined
  const judged = new Promise<string>((resolve) => (verdict = resolve))
  link.once('data', () => {
    deadline.crossing()
    deadline.cancel()
    verdict('let in')
  })
  deadline.begin()
  const sentAt = steadyNow(systemClock)
  deadline.arm((why) => verdict(`given up (${why})`))
  link.write('hello\n')
  await freeze(sentAt + 2 * TIMEOUT_MS)
  expect(await judged).toBe('let in')
})

/** A connection whose every question is answered by the server on the other thread with `answer`. */
function answering(link: Socket, answer: unknown) {
  return {
    connect: () => undefined,
    disconnect: () => undefined,
    request: () =>
      new Promise((resolve) => {
        link.once('data', () => resolve(answer))
        link.write('question\n')
      }),
  }
}

/** The rest of a link's wire, on the system clock, telling no one. */
const WIRE = {
  clock: systemClock,
  log: { info: () => undefined, warn: () => undefined, error: () => undefined },
  reading: () => undefined,
  timed: () => undefined,
  answered: () => undefined,
}

it('reads a replay’s answer that came while the process was frozen past its give-up, instead of dropping the connection', async () => {
  const { link, freeze } = await platformOnAnotherThread()
  const gaveUp: string[] = []
  const sentAt = steadyNow(systemClock)
  const replay = requestReplay(
    {
      ...WIRE,
      // Any answer will do: what matters is that one is read rather than the connection given up.
      connection: answering(link, { ok: false, error: { code: 'busy', message: 'Busy.' } }),
      slowAfterMs: 60_000,
      pageCrossingMs: 60_000,
      giveUpAfterMs: TIMEOUT_MS,
      giveUp: (reason) => gaveUp.push(reason),
    },
    0,
    {},
    {},
  ).then(
    () => 'read',
    () => 'read',
  )
  await freeze(sentAt + 2 * TIMEOUT_MS)
  expect(await replay).toBe('read')
  expect(gaveUp).toEqual([])
})

it('takes a command’s answer that came while the process was frozen past its wait, instead of telling the expert it went unanswered', async () => {
  const { link, freeze } = await platformOnAnotherThread()
  const result = { availability: 'online', onlineUntil: null }
  const sentAt = steadyNow(systemClock)
  const outcome = sendCommand(
    { ...WIRE, connection: answering(link, { ok: true, result }), ackTimeoutMs: TIMEOUT_MS },
    'availability.set',
    { availability: 'online', onlineUntil: null },
    'key-1',
  )
  await freeze(sentAt + 2 * TIMEOUT_MS)
  expect(await outcome).toEqual({ ok: true, result })
})
