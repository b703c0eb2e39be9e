/**
 * A loopback port for a server a test stops and starts again on the same port (a platform
 * restart). Port 0 would hand it a port from the kernel's ephemeral range, and while the server
 * is down the kernel may give that port to any socket that asks for "any port" (another test
 * file's server, an outgoing connection), so the restart would fail with EADDRINUSE now and
 * then. A port below that range is handed out by the kernel to no one.
 */
import { readFileSync } from 'node:fs'
import { isBlockedPort } from '../../src/shared/platform-url'

/** The lowest port this machine's kernel hands out by itself; IANA's range where it cannot be read. */
export function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0])
    return Number.isInteger(low) && low > 2048 ? low : 49152
  } catch {
    return 49152
  }
}

/** Ports tried before giving up: a port another test holds is passed over for the next. */
const ATTEMPTS = 50

/** Whether `error` is a listen refused because the port is in use. */
const inUse = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 'EADDRINUSE'

/**
 * A random port below the ephemeral range that fetch, browsers and the app connect to: a platform
 * on one they refuse (10080 is in this range) would fail its tests with "fetch failed: bad port".
 */
export function restartablePort(random: () => number = Math.random): number {
  const first = 10_000
  const span = ephemeralLow() - first
  for (;;) {
    const port = first + Math.floor(random() * span)
    if (!isBlockedPort(port)) return port
  }
}

/** `listenOn` a random port below the ephemeral range, another one while the port is in use. */
export async function onRestartablePort<T>(listenOn: (port: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await listenOn(restartablePort())
    } catch (error) {
      if (!inUse(error) || attempt === ATTEMPTS) throw error
    }
  }
}
