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

/** Call `onChange` whenever the set of addresses changes; returns the function that stops watching. */
export function watchNetwork(
  onChange: () => void,
  read: () => ReturnType<typeof networkInterfaces> = networkInterfaces,
  everyMs = WATCH_EVERY_MS,
): () => void {
  let last = networkFingerprint(read())
  const timer = setInterval(() => {
    const now = networkFingerprint(read())
    if (now === last) return
    last = now
    onChange()
  }, everyMs)
  // Watching must never keep a process alive on its own.
  timer.unref()
  return () => clearInterval(timer)
}
