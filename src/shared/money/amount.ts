/**
 * Amounts of money in whole minor units: the protocol's bounds and the arithmetic that keeps a
 * sum or a product inside them. Free of zod, so the window's first paint can use it.
 */

/**
 * The largest amount, in minor units, either way: far beyond any session's earnings, and small
 * enough that a rule multiplying it by a percent stays a safe integer.
 */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000

/** `amount` kept inside the protocol's range, so a sum or a product never leaves it. */
export function clampMinor(amount: number): number {
  if (Number.isNaN(amount)) return 0
  return Math.round(Math.min(MAX_AMOUNT_MINOR, Math.max(-MAX_AMOUNT_MINOR, amount)))
}
