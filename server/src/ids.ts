/** Identifiers the platform issues: a short prefix that says what it names, then random bytes. */
import { randomBytes } from 'node:crypto'

/** A fresh id such as "inv_3kq9Zp1xYw0b". */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`
}
