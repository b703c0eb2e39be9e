/**
 * Reading an HTTP Retry-After header: whole seconds or an HTTP date. It comes from the network, so
 * anything else is ignored and a far-off wait is cut to a day (a wrong header must not keep the app
 * quiet for a year).
 */

/** The longest wait a Retry-After is taken to ask for. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60_000

/** The wait a Retry-After header asks for in milliseconds, or undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | undefined {
  const text = header?.trim() ?? ''
  if (text === '' || text.length > 64) return undefined
  let waitMs: number
  if (/^\d+$/.test(text)) waitMs = Number(text) * 1_000
  else {
    // An HTTP date names a weekday and a month; a bare number or other text is not one.
    const at = /^[A-Za-z]{3},/.test(text) ? Date.parse(text) : Number.NaN
    if (Number.isNaN(at)) return undefined
    waitMs = at - nowMs
  }
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, waitMs))
}
