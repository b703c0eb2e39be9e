// Child process for the fan-out bench: holds many socket.io client connections away from the
// server's event loop, and reports when the last of each invite's recipients has it.
// Plain JavaScript so it starts with bare `node`, without a TypeScript loader.
import { PerformanceObserver } from 'node:perf_hooks'
import { io } from 'socket.io-client'
import { afterLoopTurn } from './after-loop-turn.mjs'

const now = () => performance.timeOrigin + performance.now()

// This process's garbage-collection pauses, so the bench can tell a slow round that was the
// clients' doing from one that was the server's.
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    process.send({ type: 'pause', start: performance.timeOrigin + entry.startTime, duration: entry.duration })
  }
}).observe({ entryTypes: ['gc'] })
// A parent that is gone reads nothing more: ending with it leaves no sockets open behind.
process.once('disconnect', () => process.exit(0))
const sockets = []
// Sockets by the URL they connect to, so that a side whose server the bench closes is let go first.
const groups = new Map()
// Drops after ready, told together once this poll of the loop is done: a server that times out its
// sockets drops many at once, and the bench's message counts them.
let drops = []
const arrivals = new Map()
// Asked for by the core bench, whose core reports so (after-loop-turn.mjs): told once the
// loop has turned again, so the collection V8 schedules after a delivery runs before the bench
// sends the next invite, not inside its round. Times are taken at arrival either way.
let reportAfterLoopTurn = false
// When each heartbeat ping arrived since the last report: sent with the next delivery, so that the
// bench can tell rounds that met the servers' pings (and the answers they cost) from rounds that did not.
let pings = []

// Closed on the bench's word: their disconnects are not drops.
const released = new WeakSet()

function dropped(url, of, reason) {
  if (drops.length === 0)
    setImmediate(() => {
      process.send({ type: 'dropped', drops })
      drops = []
    })
  drops.push({ url, of, reason })
}

// `expected` is per group of sockets: one process may hold several servers' clients, so that
// every side of a comparison is received by the same process, with the same pauses.
function record(requestId, expected) {
  const at = now()
  const entry = arrivals.get(requestId) ?? { count: 0, first: at, last: at }
  entry.count++
  entry.last = at
  arrivals.set(requestId, entry)
  if (entry.count === expected) {
    arrivals.delete(requestId)
    const delivered = { type: 'delivered', requestId, first: entry.first, last: entry.last, pings }
    pings = []
    if (reportAfterLoopTurn) afterLoopTurn(() => process.send(delivered))
    else process.send(delivered)
  }
}

process.on('message', async (message) => {
  if (message.type === 'connect') {
    const { expected } = message
    reportAfterLoopTurn = message.reportAfterLoopTurn === true
    const connected = message.auths.map(
      (auth) =>
        new Promise((resolve, reject) => {
          const socket = io(message.url, {
            auth,
            transports: ['websocket'],
            reconnection: false,
            forceNew: true,
          })
          socket.on('platform-event', (event) => {
            if (event.type === 'invite.created') record(event.payload.invite.request.id, expected)
          })
          socket.on('invite', (payload) => record(payload.request.id, expected))
          socket.io.on('ping', () => pings.push(now()))
          socket.once(message.readyEvent, () => {
            resolve()
            // Reconnection is off, and a socket gone after ready would leave every later round short
            // of a recipient: the bench waited for good. Told, so that it fails saying why.
            socket.once('disconnect', (reason) => {
              if (!released.has(socket)) dropped(message.url, message.auths.length, reason)
            })
          })
          socket.once('connect_error', (error) => reject(new Error(`could not connect: ${error.message}`)))
          // Without reconnection, a socket dropped before its ready event never gets it.
          socket.once('disconnect', (reason) =>
            reject(new Error(`dropped before '${message.readyEvent}': ${reason}`)),
          )
          sockets.push(socket)
          if (!groups.has(message.url)) groups.set(message.url, [])
          groups.get(message.url).push(socket)
        }),
    )
    // Told, not thrown: an unhandled rejection would end this process with the parent still waiting.
    await Promise.all(connected).then(
      () => process.send({ type: 'ready' }),
      (error) => process.send({ type: 'failed', reason: `${message.url}: ${error.message}` }),
    )
  }
  if (message.type === 'release') {
    for (const s of groups.get(message.url) ?? []) {
      released.add(s)
      s.close()
    }
    groups.delete(message.url)
    process.send({ type: 'released', url: message.url })
  }
  if (message.type === 'close') {
    for (const s of sockets) {
      released.add(s)
      s.close()
    }
    process.exit(0)
  }
})
