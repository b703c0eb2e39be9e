/**
 * Per-phase timers inside the platform's real write path: listens on the diagnostics channel the
 * platform marks its steps on (server/src/phase-trace.ts) and keeps, per fan-out, how long each
 * step took, so the bench can say where a fan-out's time goes.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { WRITE_PHASE_CHANNEL, type PhaseMark, type WritePhase } from '../server/src/phase-trace'
import { median, ms } from './stats'

/** The steps of one write and how long each took, in the order they ended. */
export type PhaseTimes = ReadonlyArray<readonly [WritePhase | 'validated', number]>

/** Records the phases of every write from `start()` until `stop()`. */
export class WritePhases {
  private readonly writes: PhaseTimes[] = []
  private current: Array<readonly [WritePhase | 'validated', number]> | undefined
  private last = 0
  private calledAt = 0
  private readonly latest = new Map<WritePhase, number>()
  private readonly onMark = (message: unknown): void => {
    const { phase, at } = message as PhaseMark
    this.latest.set(phase, at)
    if (phase === 'begun') {
      this.current = [['validated', at - this.calledAt]]
    } else if (this.current !== undefined) {
      this.current.push([phase, at - this.last])
      if (phase === 'lookups written') {
        this.writes.push(this.current)
        this.current = undefined
      }
    }
    this.last = at
  }

  /** Start listening. */
  start(): void {
    subscribe(WRITE_PHASE_CHANNEL, this.onMark)
  }

  /** Note that the next write is being asked for now (its input checks count from here). */
  calling(): void {
    this.calledAt = performance.now()
  }

  /** Stop listening. */
  stop(): void {
    unsubscribe(WRITE_PHASE_CHANNEL, this.onMark)
  }

  /** Each phase's median over the writes recorded, and its share of the summed medians. */
  summary(): ReadonlyArray<{ phase: string; median: number; share: number }> {
    // The write with the most steps names them: a step some writes skip (the stream lookups,
    // written for several fan-outs at once) counts as taking no time in the others.
    const longest = this.writes.reduce<PhaseTimes>((a, w) => (w.length > a.length ? w : a), [])
    const names = longest.map(([phase]) => phase)
    const medians = names.map((phase) => ({
      phase,
      median: median(this.writes.map((w) => w.find(([p]) => p === phase)?.[1] ?? 0)),
    }))
    const total = medians.reduce((sum, m) => sum + m.median, 0)
    return medians.map((m) => ({ ...m, share: m.median / total }))
  }

  /** The longest time `phase` took in any one write (0 if none was recorded). */
  longest(phase: WritePhase | 'validated'): number {
    return Math.max(0, ...this.writes.map((w) => w.find(([p]) => p === phase)?.[1] ?? 0))
  }

  /**
   * When `phase` last ended, on the epoch clock the bench's rounds use (ms); undefined if it never
   * did while listening.
   */
  latestAt(phase: WritePhase): number | undefined {
    const at = this.latest.get(phase)
    return at === undefined ? undefined : performance.timeOrigin + at
  }

  /** How many writes recorded took longer than `ms` in `phase`, and how many were recorded. */
  over(phase: WritePhase | 'validated', ms: number): { readonly count: number; readonly of: number } {
    const count = this.writes.filter((w) => (w.find(([p]) => p === phase)?.[1] ?? 0) > ms).length
    return { count, of: this.writes.length }
  }

  /**
   * The last write recorded, split at the end of `phase`: the time from the call until then, and
   * the time after it until the write was done; undefined when no write was recorded.
   */
  lastSplitAt(phase: WritePhase): { readonly until: number; readonly after: number } | undefined {
    const write = this.writes.at(-1)
    if (write === undefined) return undefined
    const cut = write.findIndex(([p]) => p === phase) + 1
    const sum = (steps: PhaseTimes): number => steps.reduce((total, [, took]) => total + took, 0)
    return { until: sum(write.slice(0, cut)), after: sum(write.slice(cut)) }
  }

  /** The summary as lines to print. */
  lines(): ReadonlyArray<string> {
    return this.summary().map(
      ({ phase, median: m, share }) =>
        `  ${phase.padEnd(20)} ${ms(m).padStart(10)}  ${(share * 100).toFixed(0).padStart(3)} %`,
    )
  }
}
