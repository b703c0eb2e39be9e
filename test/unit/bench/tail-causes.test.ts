import { describe, expect, it } from 'vitest'
import {
  formatCoreWaits,
  formatPauses,
  formatTailCauses,
  tailCauses,
  type Round,
} from '../../../bench/tail-causes'

/** Rounds one second apart, each `ms` long. */
const rounds = (lengths: ReadonlyArray<number>): Round[] =>
  lengths.map((ms, i) => ({ started: i * 1_000, first: i * 1_000 + 0.1, last: i * 1_000 + ms }))

describe('tailCauses', () => {
  const fast = Array.from({ length: 97 }, () => 1)
  const all = rounds([...fast, 9, 8, 7])

  it('takes the slowest share of the rounds and says which pause each overlapped', () => {
    const causes = tailCauses(
      all,
      [{ start: 97_000 + 2, duration: 5 }], // inside the slowest round
      [
        { start: 97_000 + 1, duration: 1 }, // the same round: it counts for the clients
        { start: 98_000 - 1, duration: 2 }, // straddles the start of the second slowest
        { start: 50_000, duration: 3 }, // a fast round's: not among the slowest
      ],
      0.03,
    )
    expect(causes).toEqual({ rounds: 3, from: 7, clientPause: 1, serverPauseOnly: 1, neither: 1 })
  })

  it('does not count a pause that ended before the round or began after it', () => {
    const causes = tailCauses(
      all,
      [
        { start: 97_000 - 2, duration: 2 },
        { start: 97_000 + 9, duration: 1 },
      ],
      [],
      0.01,
    )
    expect(causes).toEqual({ rounds: 1, from: 9, clientPause: 0, serverPauseOnly: 0, neither: 1 })
  })

  it('takes at least one round, and says so in one line', () => {
    const causes = tailCauses(rounds([2, 3]), [], [], 0.01)
    expect(causes.rounds).toBe(1)
    expect(formatTailCauses('bare socket.io', causes)).toBe(
      "  bare socket.io     slowest 1 (from 3.00 ms): 0 during a GC pause of the clients' process, 0 during one of the servers' only, 1 during neither",
    )
  })

  // The core bench's two processes are the core and the platform: its line names them.
  it('names the two processes as the bench calls them', () => {
    const causes = tailCauses(rounds([2, 3]), [{ start: 1_000, duration: 1 }], [], 0.01)
    expect(
      formatTailCauses('Standby', causes, { client: "the core's process", server: "the platform's" }),
    ).toBe(
      "  Standby            slowest 1 (from 3.00 ms): 1 during a GC pause of the core's process, 0 during one of the platform's only, 0 during neither",
    )
  })
})

describe('formatPauses', () => {
  it('says how many pauses a process had, their median and the longest', () => {
    const pauses = [3, 1, 40, 2].map((duration, i) => ({ start: i * 1_000, duration }))
    expect(formatPauses("the clients' process", pauses)).toBe(
      "  the clients' process: 4 GC pauses, median 2.00 ms, longest 40.00 ms, 46 ms in all",
    )
  })

  it('says so when there was none', () => {
    expect(formatPauses("the servers' process", [])).toBe("  the servers' process: no GC pause")
  })
})

describe('formatCoreWaits', () => {
  it('sets the slowest rounds’ waits for a core beside every round’s', () => {
    const fast = rounds(Array.from({ length: 98 }, () => 1)).map((r) => ({
      ...r,
      waited: { server: 0.1, client: 0.2 },
    }))
    const slow = rounds([1, 9, 8])
      .slice(1)
      .map((r, i) => ({
        ...r,
        started: r.started + 98_000,
        last: r.last + 98_000,
        waited: { server: 5 + i, client: 0.3 },
      }))
    expect(formatCoreWaits('Standby platform', [...fast, ...slow], 0.02)).toBe(
      "  Standby platform   waited for a core, median of every round / of the slowest 2: the servers' thread 0.10 / 5.00 ms, the clients' 0.20 / 0.30 ms",
    )
  })

  it('says the waits are unavailable where no round could read them, as without Linux’s /proc', () => {
    const unavailable =
      "  bare socket.io     waited for a core: unavailable here (read from Linux's /proc/<pid>/task/<tid>/schedstat)"
    expect(formatCoreWaits('bare socket.io', rounds([1, 2]))).toBe(unavailable)
    const unreadable = rounds([1]).map((r) => ({ ...r, waited: { server: Number.NaN, client: Number.NaN } }))
    expect(formatCoreWaits('bare socket.io', unreadable)).toBe(unavailable)
  })

  it('gives the waits of the thread it could read and says the other’s are unavailable', () => {
    const serverOnly = rounds([1, 2, 9]).map((r, i) => ({
      ...r,
      waited: { server: i + 0.5, client: Number.NaN },
    }))
    expect(formatCoreWaits('Standby platform', serverOnly)).toBe(
      "  Standby platform   waited for a core, median of every round / of the slowest 1: the servers' thread 1.50 / 2.50 ms, the clients' unavailable",
    )
  })
})
