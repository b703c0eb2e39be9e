/**
 * What the slowest rounds of a fan-out bench had in common: a garbage-collection pause in the
 * process holding the client sockets (the bench's own stand-in for a thousand separate machines),
 * one in the process running the servers, or neither. A p99 set by the first is the bench's, not
 * the server's; the figures let a reader tell which before chasing the wrong one.
 */

import { PerformanceObserver } from 'node:perf_hooks'
import { slowestRounds } from './round-parts'

/** One measured round: when it was sent, and when its first and its last recipient had it (epoch ms). */
export interface Round {
  readonly started: number
  readonly first: number
  readonly last: number
  /** How long the servers' thread and the clients' waited for a core around the round (ms), if known. */
  readonly waited?: { readonly server: number; readonly client: number }
  /** When the servers' first send of the round began and its last one ended (epoch ms), if known. */
  readonly sends?: { readonly from: number; readonly until: number }
  /** How many heartbeat pings reached the clients during the round, if known. */
  readonly pings?: number
}

/** A garbage-collection pause (epoch ms). */
export interface Pause {
  readonly start: number
  readonly duration: number
}

/** The slowest rounds and what overlapped them. */
export interface TailCauses {
  /** How many rounds count as the slowest. */
  readonly rounds: number
  /** The fastest of them, in ms. */
  readonly from: number
  /** Of them, those during which the clients' process paused (whatever else happened). */
  readonly clientPause: number
  /** Those during which only the servers' process paused. */
  readonly serverPauseOnly: number
  /** Those with no pause in either. */
  readonly neither: number
}

const overlaps = (round: Round, pause: Pause): boolean =>
  pause.start < round.last && pause.start + pause.duration > round.started

const slowestOf = slowestRounds

/** The slowest `share` of `rounds` (at least one), and the pauses they overlapped. */
export function tailCauses(
  rounds: ReadonlyArray<Round>,
  clientPauses: ReadonlyArray<Pause>,
  serverPauses: ReadonlyArray<Pause>,
  share = 0.01,
): TailCauses {
  const slowest = slowestOf(rounds, share)
  const client = slowest.filter((r) => clientPauses.some((p) => overlaps(r, p)))
  const serverOnly = slowest.filter((r) => !client.includes(r) && serverPauses.some((p) => overlaps(r, p)))
  const last = slowest.at(-1)
  return {
    rounds: slowest.length,
    from: last === undefined ? Number.NaN : last.last - last.started,
    clientPause: client.length,
    serverPauseOnly: serverOnly.length,
    neither: slowest.length - client.length - serverOnly.length,
  }
}

/** What the two processes are called in a bench's output: the clients' and the servers' by default. */
export interface ProcessNames {
  readonly client: string
  readonly server: string
}

/** One line per side, for the bench's output. */
export function formatTailCauses(
  name: string,
  causes: TailCauses,
  names: ProcessNames = { client: "the clients' process", server: "the servers'" },
): string {
  return (
    `  ${name.padEnd(18)} slowest ${causes.rounds} (from ${causes.from.toFixed(2)} ms): ` +
    `${causes.clientPause} during a GC pause of ${names.client}, ` +
    `${causes.serverPauseOnly} during one of ${names.server} only, ${causes.neither} during neither`
  )
}

/** This process's garbage-collection pauses from now until the returned function is called. */
export function watchPauses(): () => Pause[] {
  const pauses: Pause[] = []
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      pauses.push({ start: performance.timeOrigin + entry.startTime, duration: entry.duration })
    }
  })
  observer.observe({ entryTypes: ['gc'] })
  return () => {
    observer.disconnect()
    return pauses
  }
}

/**
 * How often and how long one process paused, in one line: a reader can then tell whether the
 * slowest rounds' pauses are the process's ordinary ones or rare long ones.
 */
export function formatPauses(name: string, pauses: ReadonlyArray<Pause>): string {
  if (pauses.length === 0) return `  ${name}: no GC pause`
  const durations = pauses.map((p) => p.duration).sort((a, b) => a - b)
  const median = durations[Math.floor((durations.length - 1) / 2)] as number
  const longest = durations.at(-1) as number
  return (
    `  ${name}: ${pauses.length} GC pauses, median ${median.toFixed(2)} ms, ` +
    `longest ${longest.toFixed(2)} ms, ${durations.reduce((a, b) => a + b, 0).toFixed(0)} ms in all`
  )
}

/**
 * How long the servers' thread and the clients' waited for a core in a median round and in a
 * median one of the slowest `share`, in one line. A tail whose waits are much longer than the
 * median round's waited for a core rather than worked. Where a thread's waits could not be read
 * (no Linux /proc), the line says so, so that a missing figure is not taken for a bench that
 * forgot to measure it.
 */
export function formatCoreWaits(name: string, rounds: ReadonlyArray<Round>, share = 0.01): string {
  const knows = (r: Round, thread: Thread): boolean => Number.isFinite(r.waited?.[thread])
  const known = rounds.filter((r) => knows(r, 'server') || knows(r, 'client'))
  const label = `  ${name.padEnd(18)} waited for a core`
  if (known.length === 0) return `${label}: unavailable here (${WAITS_SOURCE})`
  const slowest = slowestOf(known, share)
  const figures = (thread: Thread): string => {
    const all = known.filter((r) => knows(r, thread))
    const tail = slowest.filter((r) => knows(r, thread))
    if (all.length === 0 || tail.length === 0) return 'unavailable'
    return `${medianWait(all, thread)} / ${medianWait(tail, thread)} ms`
  }
  return (
    `${label}, median of every round / of the slowest ${slowest.length}: ` +
    `the servers' thread ${figures('server')}, the clients' ${figures('client')}`
  )
}

type Thread = 'server' | 'client'

/** Where the waits come from, for a reader on a system that has none. */
const WAITS_SOURCE = "read from Linux's /proc/<pid>/task/<tid>/schedstat"

/** The lower median of `thread`'s waits over `rounds` (each of which knows it), in ms. */
function medianWait(rounds: ReadonlyArray<Round>, thread: Thread): string {
  const sorted = rounds.map((r) => r.waited?.[thread] ?? 0).sort((a, b) => a - b)
  return (sorted[Math.floor((sorted.length - 1) / 2)] as number).toFixed(2)
}
