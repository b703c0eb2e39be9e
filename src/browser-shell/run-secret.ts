/**
 * This run's secret, which only the page the shell opened knows: every IPC connection, the first
 * frame's data and the test hooks are checked against it here.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'

/** A fresh secret for one run of the shell. */
export function newRunSecret(): string {
  return randomBytes(24).toString('base64url')
}

/** True only for exactly `secret`; anything else (missing, a list of headers, wrong) is false. */
export function matchesRunSecret(secret: string, presented: unknown): boolean {
  const given = Buffer.from(typeof presented === 'string' ? presented : '')
  const expected = Buffer.from(secret)
  // Compared in constant time, so the answer's timing says nothing about how much was right.
  return given.length === expected.length && timingSafeEqual(given, expected)
}
