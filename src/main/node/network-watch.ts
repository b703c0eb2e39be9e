/**
 * Noticing a network change in plain Node, which has no event for it: the machine's external
 * addresses are read every few seconds and a change of the set (Wi-Fi to cable, a new network, a
 * VPN, the cable pulled) is reported. Electron's main process has no such event either, so its
 * power adapter uses this too.
 */
import { networkInterfaces } from 'node:os'

/** How often the addresses are read: cheap, and well inside the time the app has to notice. */
const WATCH_EVERY_MS = 3_000

/** The machine's non-loopback addresses, as one comparable string. */
export function networkFingerprint(interfaces: ReturnType<typeof networkInterfaces>): string {
  const addresses: string[] = []
  for (const [name, entries] of Object.entries(interfaces)) {
    for (const entry of entries ?? []) if (!entry.internal) addresses.push(`${name}/${entry.address}`)
  }
  return addresses.sort().join(',')
}

/** What the log says when the system will not list the network addresses. */
export const UNREADABLE_NETWORK =
  "The system would not list this computer's network addresses; a network change is noticed by the connection's own checks until it does"

/**
 * Call `onChange` whenever the set of addresses changes; returns the function that stops watching.
 * The system may refuse to list them (Node throws; some sandboxes and containers do it always,
 * others now and then while an interface goes away): such a read is no change, since nothing can
 * be compared, and `onUnreadable` hears the first failure only, however often it comes back.
 */
export function watchNetwork(
  onChange: () => void,
  read: () => ReturnType<typeof networkInterfaces> = networkInterfaces,
  everyMs = WATCH_EVERY_MS,
  onUnreadable: (error: unknown) => void = () => undefined,
): () => void {
  let told = false
  /** The fingerprint now, or null when the system would not say. */
  const fingerprint = (): string | null => {
    try {
      return networkFingerprint(read())
    } catch (error) {
      if (!told) onUnreadable(error)
      told = true
      return null
    }
  }
  // Null until one read succeeds: the first one then sets what later ones are compared with.
  let last = fingerprint()
  const timer = setInterval(() => {
    const now = fingerprint()
    if (now === null || now === last) return
    const first = last === null
    last = now
    if (!first) onChange()
  }, everyMs)
  // Watching must never keep a process alive on its own.
  timer.unref()
  return () => clearInterval(timer)
}
