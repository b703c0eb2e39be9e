/**
 * What a failed e2e test prints: each shell's log and connection state, the platform's log, and
 * what the test was still waiting for. A test that times out on a machine we cannot watch (CI)
 * otherwise says only that it timed out, not where.
 */

/** Something the report describes (a shell, a platform); `describe` runs only when a test failed. */
export interface ReportSource {
  describe(): string
}

const sources = new Set<ReportSource>()

/** Describe `source` if the running test fails; the returned function stops describing it. */
export function reportOnFailure(source: ReportSource): () => void {
  sources.add(source)
  return () => sources.delete(source)
}

/** Everything the sources say, then forget them: the next test reports its own. */
export function takeFailureReport(): string {
  const parts = [...sources].map((source) => source.describe())
  sources.clear()
  return parts.join('\n\n')
}

/** How many lines of each log a report keeps: the end is where a hang shows. */
const LOG_TAIL = 120

/** A logger that keeps its lines (with the real time, not a test clock's) for the report. */
export class RecordingLog {
  readonly lines: string[] = []

  readonly info = (message: string, detail?: unknown): void => this.record('info', message, detail)
  readonly warn = (message: string, detail?: unknown): void => this.record('warn', message, detail)
  readonly error = (message: string, detail?: unknown): void => this.record('error', message, detail)

  private record(level: string, message: string, detail: unknown): void {
    const extra =
      detail === undefined ? '' : ` ${detail instanceof Error ? detail.message : JSON.stringify(detail)}`
    this.lines.push(`${new Date().toISOString()} ${level} ${message}${extra}`)
  }
}

/** The last lines of `lines`, indented, and how many were left out. */
export function logTail(lines: ReadonlyArray<string>): string {
  const kept = lines.slice(-LOG_TAIL)
  const left = lines.length - kept.length
  return [...(left > 0 ? [`  (${left} earlier lines left out)`] : []), ...kept.map((l) => `  ${l}`)].join(
    '\n',
  )
}

/** Waits still pending, by what they wait for: a test that hangs names the wait it hangs in. */
export class PendingWaits {
  private readonly pending = new Map<number, string>()
  private next = 0

  /** `promise`, remembered as pending (described by `what`) until it settles. */
  track<T>(what: string, promise: Promise<T>): Promise<T> {
    const id = this.next++
    this.pending.set(id, `${new Date().toISOString()} ${what}`)
    return promise.finally(() => this.pending.delete(id))
  }

  describe(): string {
    return this.pending.size === 0 ? '  (none)' : [...this.pending.values()].map((w) => `  ${w}`).join('\n')
  }
}
