/** Identifiers the platform issues: a short prefix that says what it names, then random characters. */
import { randomUUID } from 'node:crypto'

/** A fresh id such as "inv_3f2a9c1e7b4d4e0a8c1f". randomUUID draws from a cached entropy pool, so it stays cheap in a fan-out. */
export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 20)}`
}
