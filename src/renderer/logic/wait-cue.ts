/**
 * How long an open instant invite has waited, against the platform's average time to an answer:
 * calm at first, a quiet cue from half the average on, a stronger one once past it.
 */
import type { ExpertStats } from '../../shared/protocol/entities'
import { formatResponseTime, formatTimer } from './format'

/** The platform's average time from invite to answer, as its help text states it. */
export const PLATFORM_AVERAGE_RESPONSE_MS = 60_000

/**
 * The platform's average time to an answer as it last reported it, else as its help text states
 * it: one figure for every place that compares against it (the wait cue, My stats). A reported
 * zero is no average (every wait would be past it), so it counts as none.
 */
export function platformAverageOf(stats: Pick<ExpertStats, 'recent'> | null | undefined): number {
  const reported = stats?.recent?.platformAverageMs
  return reported !== undefined && reported > 0 ? reported : PLATFORM_AVERAGE_RESPONSE_MS
}

/** How strongly the card should nudge the expert to answer. */
export type WaitLevel = 'calm' | 'quiet' | 'strong'

/** The cue for an invite that has waited `waitedMs` on the platform's clock. */
export interface WaitCue {
  readonly level: WaitLevel
  /** Text that says the level in words, so colour is never the only signal. */
  readonly text: string
}

/** The cue for an invite sent at `sentAt`, at `now` on the platform's clock. */
export function waitCue(sentAt: number, now: number, averageMs = PLATFORM_AVERAGE_RESPONSE_MS): WaitCue {
  const waited = Math.max(0, now - sentAt)
  const average = formatResponseTime(averageMs)
  const clock = formatTimer(waited)
  if (waited >= averageMs) {
    return { level: 'strong', text: `Waiting ${clock}, past the platform’s average of ${average}` }
  }
  if (waited >= averageMs / 2) {
    return { level: 'quiet', text: `Waiting ${clock}, nearing the platform’s average of ${average}` }
  }
  return { level: 'calm', text: `Waiting ${clock}; the platform’s average is ${average}` }
}
