/**
 * The expert's recent response figures, computed from the invites' recorded sent and answered
 * times: median and p90 response time, acceptance rate and missed invites over the last 7 and
 * 30 days.
 */
import type { RecentResponseStats, ResponseWindow } from '../../../src/shared/protocol/entities'

/** The platform's average time from invite to answer, as its help text states it. */
export const PLATFORM_AVERAGE_RESPONSE_MS = 60_000

const DAY_MS = 24 * 60 * 60 * 1000

/** What the figures need of one invite. */
export interface InviteTimes {
  readonly sentAt: number
  readonly answeredAt: number | null
  readonly state: string
}

/** The figures for the invites sent within the last 7 and the last 30 days before `now`. */
export function recentResponseStats(invites: ReadonlyArray<InviteTimes>, now: number): RecentResponseStats {
  return {
    last7Days: responseWindow(invites, now, 7),
    last30Days: responseWindow(invites, now, 30),
    platformAverageMs: PLATFORM_AVERAGE_RESPONSE_MS,
  }
}

/** The figures for invites sent at most `days` days before `now` (an invite sent exactly then counts). */
export function responseWindow(
  invites: ReadonlyArray<InviteTimes>,
  now: number,
  days: number,
): ResponseWindow {
  const since = now - days * DAY_MS
  const inWindow = invites.filter((i) => i.sentAt >= since && i.sentAt <= now)
  // A wall clock set back between an invite and its answer must not give a negative time.
  const times = inWindow
    .filter((i) => i.answeredAt !== null)
    .map((i) => Math.max(0, (i.answeredAt ?? i.sentAt) - i.sentAt))
    .sort((a, b) => a - b)
  const accepted = inWindow.filter((i) => i.state === 'accepted').length
  const declined = inWindow.filter((i) => i.state === 'declined').length
  const missed = inWindow.filter((i) => i.state === 'expired').length
  // Taken and withdrawn invites were closed by others, so they count neither way.
  const decided = accepted + declined + missed
  return {
    medianMs: median(times),
    p90Ms: nearestRank(times, 0.9),
    answered: times.length,
    accepted,
    missed,
    acceptanceRate: decided === 0 ? null : accepted / decided,
  }
}

function median(sorted: ReadonlyArray<number>): number | null {
  const n = sorted.length
  if (n === 0) return null
  const mid = Math.floor(n / 2)
  const upper = sorted[mid] ?? 0
  return n % 2 === 1 ? upper : Math.round(((sorted[mid - 1] ?? 0) + upper) / 2)
}

function nearestRank(sorted: ReadonlyArray<number>, fraction: number): number | null {
  if (sorted.length === 0) return null
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)] ?? null
}
