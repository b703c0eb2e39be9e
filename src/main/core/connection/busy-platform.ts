/**
 * A platform too busy to let Standby in just now (it answered the WebSocket's upgrade with 503, or
 * 429, and a Retry-After): told as busy, with Standby trying again by itself after the wait asked,
 * where a bare status said the platform might be down and to tell its support. ws drops the
 * answer's body, so the platform's own sentence is not there to quote.
 */
import { describeWait } from '../../../shared/wait-words'

/**
 * The longest wait asked by a busy platform that Standby keeps to: a wrong header (a proxy's, a
 * day long) must not keep an expert unreachable for that long.
 */
export const MOST_ASKED_WAIT_MS = 5 * 60_000

/** The code the transport reports a busy answer by: its status and the seconds it asked for. */
export function busyCode(status: string, retryAfterSeconds: number): string {
  return `HTTP ${status}, Retry-After ${retryAfterSeconds}`
}

/** A busy answer read back from its code: its status and the wait asked (capped), or undefined. */
export function readBusyCode(code: string): { readonly status: string; readonly waitMs: number } | undefined {
  const busy = /^HTTP (\d{3}), Retry-After (\d{1,9})$/.exec(code)
  if (busy === null) return undefined
  return { status: busy[1] ?? '', waitMs: Math.min(MOST_ASKED_WAIT_MS, Number(busy[2]) * 1_000) }
}

/** Why the attempt failed, for the expert: the platform at `platformUrl` is busy, and what Standby does. */
export function busyPlatform(platformUrl: string, status: string, waitMs: number): string {
  return `The platform at ${platformUrl} is too busy to let Standby in just now (HTTP ${status}) and asked it to wait ${describeWait(waitMs)}. Standby tries again by itself after that wait; if this goes on for long, tell the platform's support.`
}
