/**
 * Private notes typed but not yet saved, by session id. A save that fails (offline, refused) or
 * an editor that unmounts (a History row scrolled away, a card that moved lists) keeps the text
 * here, so it is never lost before the platform has it; a successful save or Discard drops it,
 * and so does the expert's sign-out (expert-scope.ts): the next one at the computer is not shown it.
 */

/** Unsaved note texts, by session id. */
export interface NoteDrafts {
  get(sessionId: string): string | undefined
  set(sessionId: string, text: string): void
  drop(sessionId: string): void
  /** Their expert is gone: an unsaved note is theirs alone. */
  forget(): void
}

/** An empty set of drafts: one a page, in its services. */
export function createNoteDrafts(): NoteDrafts {
  const drafts = new Map<string, string>()
  return {
    get: (sessionId) => drafts.get(sessionId),
    set: (sessionId, text) => void drafts.set(sessionId, text),
    drop: (sessionId) => void drafts.delete(sessionId),
    forget: () => drafts.clear(),
  }
}
