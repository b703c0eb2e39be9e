/**
 * When the app warns the expert that their standing is at risk: once when the review average
 * crosses below the platform's threshold (staying below says nothing more; coming back up and
 * dropping again warns again), and once for each chargeback.
 */
import type { ReviewStats, Session } from '../../../shared/protocol'
import { averageBelowThreshold } from '../../../shared/rules/standing'

/** The warning that the review average is below the threshold, kept while it stays below. */
export const LOW_AVERAGE_WARNING = 'low_average'

/** The warning about the chargeback recorded against one session. */
export function chargebackWarning(sessionId: string): string {
  return `chargeback:${sessionId}`
}

/**
 * What the average asks for: `warn` on a crossing below, `rearm` once it is back at or above the
 * threshold after a warning (so the next crossing warns again), else `none`. Without figures from
 * the platform nothing is known, so nothing changes.
 */
export function lowAverageStep(stats: ReviewStats | null, warned: boolean): 'warn' | 'rearm' | 'none' {
  const below = averageBelowThreshold(stats)
  if (below === null) return 'none'
  if (below) return warned ? 'none' : 'warn'
  return warned ? 'rearm' : 'none'
}

/** Of the sessions with a chargeback, those not warned about yet. */
export function chargebacksToWarn(
  chargedBack: ReadonlyArray<Session>,
  warned: ReadonlyArray<string>,
): ReadonlyArray<Session> {
  const given = new Set(warned)
  return chargedBack.filter((s) => s.chargeback !== null && !given.has(chargebackWarning(s.id)))
}
