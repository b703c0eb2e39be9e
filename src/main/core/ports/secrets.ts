/**
 * Where the sign-in token lives. Never in settings and never in logs. Electron: safeStorage
 * (the OS keychain); Node: a file readable only by the user (0600).
 */

/** The stored sign-in: the platform it belongs to and its bearer token. */
export interface StoredSignIn {
  readonly platformUrl: string
  readonly token: string
  readonly expertId: string
}

/** A single secret slot for the sign-in. */
export interface Secrets {
  /**
   * The stored sign-in, or null when there is none or it is damaged (then it is cleared). An
   * encrypted sign-in the OS keychain cannot open right now is kept for a later start.
   */
  load(): Promise<StoredSignIn | null>
  /**
   * Why the last load found a saved sign-in it could not use, in words for the expert (what
   * happened, what became of it, and to sign in again); null when none was saved or it was used.
   */
  unusable?(): string | null
  save(signIn: StoredSignIn): Promise<void>
  clear(): Promise<void>
  /**
   * The sign-ins given up here whose revocation the platform has not confirmed yet, kept as safely
   * as the sign-in itself; a store without them keeps them for this run only.
   */
  loadOwed?(): Promise<readonly StoredSignIn[]>
  /** Keeps `owed` (replacing what was kept) for a later run; an empty list removes what was kept. */
  saveOwed?(owed: readonly StoredSignIn[]): Promise<void>
}
