/**
 * Reading an HTTP Retry-After header: whole seconds or an HTTP date. It comes from the network, so
 * anything else is ignored and a far-off wait is cut to a day (a wrong header must not keep the app
 * quiet for a year).
 */

/** The longest wait a Retry-After is taken to ask for. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60_000

/**
 * The wait a Retry-After header asks for in milliseconds, or undefined when absent or unreadable.
 * An HTTP date is counted from the answer's own Date header (`answeredAt`) when it has a readable
 * one: both were written by the same clock, and this computer's may be hours off it.
 */
export function parseRetryAfter(
  header: string | null | undefined,
  nowMs: number,
  answeredAt?: string | null,
): number | undefined {
  const text = header?.trim() ?? ''
  if (text === '' || text.length > 64) return undefined
  let waitMs: number
  if (/^\d+$/.test(text)) waitMs = Number(text) * 1_000
  else {
    const at = httpDate(text)
    if (at === undefined) return undefined
    waitMs = at - (httpDate(answeredAt?.trim() ?? '') ?? nowMs)
  }
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, waitMs))
}

/** The moment an HTTP date names, or undefined for anything else. */
function httpDate(text: string): number | undefined {
  // An HTTP date names a weekday and a month; a bare number or other text is not one.
  const at = text.length <= 64 && /^[A-Za-z]{3},/.test(text) ? Date.parse(text) : Number.NaN
  return Number.isNaN(at) ? undefined : at
}
