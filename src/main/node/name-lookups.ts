/**
 * The platform's name, looked up once at a time. A lookup runs on one of the few threads libuv
 * shares with file work, and one that no name server answers holds its thread until the system's
 * resolver gives up: an attempt to an address whose name never resolves, given up at the connect
 * timeout and tried again, started one more lookup at every try, each holding a thread, until the
 * app's file work (the log, the settings) waited behind them. An attempt whose name is still being
 * looked up joins that lookup instead, and hears its answer with the others; but not one asked of
 * another network (the computer's addresses changed since it began), whose name server may never
 * answer where the new network's would at once.
 */
import dns from 'node:dns'
import type { LookupFunction } from 'node:net'
import { networkInterfaces } from 'node:os'
import { networkFingerprint } from './network-watch'

type Answer = Parameters<Parameters<LookupFunction>[2]>

/** One lookup under way, and everyone waiting for its answer. */
interface Underway {
  readonly hostname: string
  /** The network it was asked on (network-watch.ts). */
  readonly network: string
  readonly waiting: Array<(...answer: Answer) => void>
}

/** Lookups that never run twice at once for the same name and options. */
export interface NameLookups {
  /** Looks a name up as net.connect's `lookup` option does, joining a lookup of it under way. */
  readonly lookup: LookupFunction
  /** Whether a lookup of `hostname` is under way (not yet answered). */
  pending(hostname: string): boolean
}

/**
 * Lookups through `underlying` (the system's, read at each call), one at a time for each name on
 * each `network` (the computer's addresses as one string).
 */
export function nameLookups(
  underlying: LookupFunction = (hostname, options, done) => dns.lookup(hostname, options, done),
  network: () => string = currentNetwork,
): NameLookups {
  const underway = new Map<string, Underway>()
  return {
    lookup(hostname, options, done) {
      const key = `${hostname}\n${JSON.stringify(options)}`
      const on = network()
      const joined = underway.get(key)
      if (joined !== undefined && joined.network === on) {
        joined.waiting.push(done)
        return
      }
      // One asked of another network still answers whoever joined it, and no one after.
      const started: Underway = { hostname, network: on, waiting: [done] }
      underway.set(key, started)
      const ended = (): void => {
        if (underway.get(key) === started) underway.delete(key)
      }
      try {
        underlying(hostname, options, (...answer: Answer) => {
          ended()
          for (const waiting of started.waiting) waiting(...answer)
        })
      } catch (error) {
        // Refused before it began, it will never answer: left under way, every later attempt
        // would join it and wait for ever. The attempt that asked hears the refusal as it would have.
        ended()
        throw error
      }
    },
    pending: (hostname) => [...underway.values()].some((lookup) => lookup.hostname === hostname),
  }
}

/** The computer's network as one string; one that cannot be read is no change. */
function currentNetwork(): string {
  try {
    return networkFingerprint(networkInterfaces())
  } catch {
    return ''
  }
}

/** The lookups of every platform connection in this process. */
export const platformNames = nameLookups()
