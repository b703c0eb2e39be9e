/** Where syncing stands, as the connection line reads it. */

/** Where syncing stands. */
export type SyncState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'catching_up' }
  | { readonly kind: 'live'; readonly since: number }
  /** The platform's stream cannot be followed (events this version cannot read); retrying won't help. */
  | { readonly kind: 'stuck'; readonly message: string }
  /**
   * Catching up failed on a working connection (what the platform sent cannot be saved here, or
   * cannot be used); `message` says why and what to do, and it is tried again at `nextAttemptAt`.
   * A single failure of the link stays `catching_up` (catch-up-failures.ts): retried at once, it
   * would only flash by.
   */
  | { readonly kind: 'failing'; readonly message: string; readonly nextAttemptAt: number }
