/**
 * Private notes typed but not yet saved, by session id. A save that fails (offline, refused) or
 * an editor that unmounts (a History row scrolled away, a card that moved lists) keeps the text
 * here, so it is never lost before the platform has it; a successful save or Discard drops it.
 */

/** Unsaved note texts, by session id. */
export interface NoteDrafts {
  get(sessionId: string): string | undefined
  set(sessionId: string, text: string): void
  drop(sessionId: string): void
}

/** An empty set of drafts. */
export function createNoteDrafts(): NoteDrafts {
  const drafts = new Map<string, string>()
  return {
    get: (sessionId) => drafts.get(sessionId),
    set: (sessionId, text) => void drafts.set(sessionId, text),
    drop: (sessionId) => void drafts.delete(sessionId),
  }
}

/** The page's drafts: one page, one set, kept for as long as the page is open. */
export const noteDrafts: NoteDrafts = createNoteDrafts()
