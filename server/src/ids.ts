/**
 * Identifiers the platform issues: a short prefix that says what it names, the time of issue, then
 * random characters.
 */
import { randomUUID } from 'node:crypto'

/**
 * A fresh id such as "inv_mik3q0x7c3f2a9c1e7b4". The time first keeps ids issued together next to
 * each other in every index on them, so a fan-out's invites share a few index pages instead of
 * dirtying one each; the random tail keeps them unguessable. randomUUID draws from a cached
 * entropy pool, so it stays cheap in a fan-out.
 */
export function newId(prefix: string): string {
  // A UUID's last group: twelve random hex digits, without the dashes to strip.
  return `${prefix}_${Date.now().toString(36).padStart(9, '0')}${randomUUID().slice(24)}`
}
