/**
 * The expert's standing with the platform: whether their review average has dropped below the
 * platform's threshold, which way it is going, and the words every surface uses to warn about it
 * (the banner in the window and the one notification), so they say the same thing. The advice
 * echoes the platform's help text: poor reviews and chargebacks can get an expert removed.
 */
import type { ReviewStats } from '../protocol/reviews'

/** What the expert can do, as the platform's help text puts it. */
export const STANDING_ADVICE =
  'Poor reviews and chargebacks can lead to removal from the platform: take only sessions you can quickly help with.'

/**
 * Whether the review average is below the platform's threshold; null when the platform sent no
 * review figures, since then nothing is known either way.
 */
export function averageBelowThreshold(stats: ReviewStats | null): boolean | null {
  if (stats === null) return null
  return stats.average !== null && stats.average < stats.threshold
}

/**
 * A mean rating as written, with a second decimal when it has one, so an average just below the
 * threshold never reads as the threshold itself.
 */
export function formatAverage(average: number): string {
  return average.toLocaleString(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 2 })
}

/** Which way the average moved against the reviews before it; null when there is nothing to compare. */
export function reviewTrend(stats: ReviewStats): 'up' | 'down' | 'steady' | null {
  if (stats.average === null || stats.previousAverage === null) return null
  // Two means of whole stars that really differ do so by far more than this: anything less is rounding.
  const delta = stats.average - stats.previousAverage
  if (Math.abs(delta) < 0.0005) return 'steady'
  return delta > 0 ? 'up' : 'down'
}

/** A short warning: its headline and the sentence after it. */
export interface StandingWords {
  readonly title: string
  readonly body: string
}

/** What the expert is told when their average crosses below the threshold. */
export function lowAverageWords(stats: ReviewStats): StandingWords {
  const average = stats.average === null ? '' : ` is ${formatAverage(stats.average)}`
  return {
    title: `Your rating dropped below ${formatAverage(stats.threshold)}`,
    body: `Your average over your last ${stats.count} reviewed sessions${average}. ${STANDING_ADVICE}`,
  }
}

/** A session a chargeback was recorded against, as the warning names it. */
export interface ChargedBackSession {
  readonly title: string
  readonly clientName: string
}

/** What the expert is told when chargebacks are recorded against their sessions. */
export function chargebackWords(sessions: ReadonlyArray<ChargedBackSession>): StandingWords {
  const [first] = sessions
  if (sessions.length === 1 && first !== undefined) {
    return {
      title: 'A chargeback was recorded',
      body: `${first.clientName} disputed the payment for “${first.title}” and got it back. ${STANDING_ADVICE}`,
    }
  }
  return {
    title: `${sessions.length} chargebacks were recorded`,
    body: `Clients disputed the payment for ${sessions.length} of your sessions and got it back. ${STANDING_ADVICE}`,
  }
}

/** The banner's words while the standing is at risk (average below, or a recent chargeback); null otherwise. */
export function standingBannerWords(stats: ReviewStats | null): StandingWords | null {
  if (stats === null) return null
  const below = averageBelowThreshold(stats) === true
  const charged = stats.recentChargebacks > 0
  if (!below && !charged) return null
  const parts: string[] = []
  if (below && stats.average !== null) {
    parts.push(
      `your average over your last ${stats.count} reviewed sessions is ${formatAverage(stats.average)}, below the platform’s ${formatAverage(stats.threshold)}`,
    )
  }
  if (charged) {
    parts.push(
      stats.recentChargebacks === 1
        ? 'a chargeback was recorded in the last 30 days'
        : `${stats.recentChargebacks} chargebacks were recorded in the last 30 days`,
    )
  }
  const what = parts.join(', and ')
  return {
    title: 'Your standing is at risk:',
    body: `${what.charAt(0).toUpperCase()}${what.slice(1)}. ${STANDING_ADVICE}`,
  }
}
