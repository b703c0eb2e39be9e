/**
 * The engine.io handshake each connection opens with, read before engine.io-client reads it.
 * engine.io-client takes it on trust: text that is not JSON, or not an object, throws where no
 * handler can catch it (from ws's message event), ending the process; a heartbeat it cannot keep
 * (a number as text, negative, longer than a timer holds) arms its ping timer at once, so the
 * connection closes as a "ping timeout" as soon as it opens, and the expert is told the network
 * is slow or down, again at every attempt.
 */

/** The longest wait a Node timer holds: a longer one fires at once. */
const MOST_TIMER_MS = 2 ** 31 - 1

/**
 * What an unusable handshake is replaced with, so that engine.io-client opens on it without
 * throwing or timing out while its connection is closed: a heartbeat of its own defaults.
 */
const STAND_IN = JSON.stringify({ sid: '', upgrades: [], pingInterval: 25_000, pingTimeout: 20_000 })

/** A handshake as engine.io-client may read it, or what is wrong with it, for a sentence. */
export type HandshakeReading =
  { readonly ok: true; readonly data: string } | { readonly ok: false; readonly problem: string }

/** A heartbeat time in ms as the handshake gave it, when a timer can keep it. */
function heartbeatMs(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined
}

/** Read the data of an engine.io open packet. */
export function readHandshake(data: unknown): HandshakeReading {
  let parsed: unknown
  try {
    parsed = typeof data === 'string' ? JSON.parse(data) : undefined
  } catch {
    parsed = undefined
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return { ok: false, problem: 'a handshake that could not be read' }
  const fields = parsed as Record<string, unknown>
  const interval = heartbeatMs(fields.pingInterval)
  const timeout = heartbeatMs(fields.pingTimeout)
  if (
    interval === undefined ||
    timeout === undefined ||
    interval + timeout === 0 ||
    interval + timeout > MOST_TIMER_MS
  )
    return { ok: false, problem: 'a handshake asking for a heartbeat no connection can keep' }
  // The app connects over WebSocket alone, so there is nothing to upgrade to; engine.io-client
  // throws on a list that is missing or not a list.
  return { ok: true, data: JSON.stringify({ ...fields, upgrades: [] }) }
}

/** Why a connection whose handshake had `problem` was closed, for the expert and the log. */
export function closedForHandshake(problem: string): string {
  return `the platform opened the connection with ${problem}, so Standby closed it; if this goes on, tell the platform's support`
}

/** The part of engine.io-client's socket this file uses. */
interface Engine {
  on(event: 'packet', listener: (packet: { type: string; data?: unknown }) => void): unknown
  close(): unknown
}

/**
 * Read every handshake `engine` receives before engine.io-client does (its 'packet' listeners hear
 * a packet first). One that cannot be used, and a second on one connection, are replaced with a
 * stand-in, `refused` is told why, and the connection is closed once engine.io-client has opened
 * it, so that socket.io hears the close (before it opens, socket.io would wait out its timeout).
 */
export function guardHandshakes(engine: Engine, refused: (problem: string) => void): void {
  let opened = false
  engine.on('packet', (packet) => {
    if (packet.type !== 'open') return
    const reading: HandshakeReading = opened
      ? { ok: false, problem: 'a second handshake on a connection already open' }
      : readHandshake(packet.data)
    opened = true
    if (reading.ok) {
      packet.data = reading.data
      return
    }
    packet.data = STAND_IN
    refused(reading.problem)
    queueMicrotask(() => void engine.close())
  })
}
