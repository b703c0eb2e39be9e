/**
 * The failures of a command that leave it open whether the platform acted: it was sent, and no
 * answer Standby could read came back (the connection dropped, no answer in time, an answer that
 * made no sense). Sent again, the command goes under its first idempotency key, so the platform
 * answers with what it did rather than doing it twice (src/main/core/connection/retry-keys.ts).
 * Zod-free, so the renderer words such a failure the same way.
 */
import type { LocalErrorCode } from './command-outcome'

const UNSURE: ReadonlySet<string> = new Set<LocalErrorCode>(['dropped', 'timeout', 'invalid_response'])

/** Whether `failure` leaves it open whether the platform acted on the command. */
export function mayHaveHappened(failure: { readonly code: string }): boolean {
  return UNSURE.has(failure.code)
}
