/**
 * The one log interface: the reference server, the app's core and both hosts' adapters write
 * through it. Lines say what happened and what the user (or operator) can do; never a token.
 */

/** Named values attached to a line, e.g. `{ expertId, reason }`. */
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>

/**
 * Where code writes what happened. `detail` is either named fields (`LogFields`) or the error
 * behind the line; each writer prints both kinds on the same line as the message.
 */
export interface Logger {
  /** Something worth knowing happened. */
  info(message: string, detail?: unknown): void
  /** Something was refused or went wrong, and the program carried on. */
  warn(message: string, detail?: unknown): void
  /** Something went wrong that a user or operator will notice. */
  error(message: string, detail?: unknown): void
}

/** True when `detail` is a plain object of named fields rather than an error or another value. */
export function isLogFields(detail: unknown): detail is LogFields {
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return false
  const proto: unknown = Object.getPrototypeOf(detail)
  return proto === Object.prototype || proto === null
}
