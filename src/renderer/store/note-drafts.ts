/**
 * Private notes typed but not yet saved, by session id. A save that fails (offline, refused) or
 * an editor that unmounts (a History row scrolled away, a card that moved lists) keeps the text
 * here, so it is never lost before the platform has it; a successful save or Discard drops it.
 *
 * Each draft belongs to the expert who typed it. A sign-out the expert did not choose (a sign-in
 * that ran out, one ended elsewhere) keeps it for when they sign in again, as a note typed before
 * a dropped link is kept; another expert is never shown it, and it goes as soon as another expert
 * is signed in (expert-scope.ts) or types a note of their own.
 */

/** Unsaved note texts, by session id. */
export interface NoteDrafts {
  get(sessionId: string): string | undefined
  set(sessionId: string, text: string): void
  drop(sessionId: string): void
  /** Their expert is gone; `another` when a new one is signed in already: then the drafts go. */
  forget(another: boolean): void
}

/** An empty set of drafts, for the expert `signedIn()` names: one a page, in its services. */
export function createNoteDrafts(signedIn: () => string | null): NoteDrafts {
  const drafts = new Map<string, { readonly expertId: string; readonly text: string }>()
  return {
    get(sessionId) {
      const draft = drafts.get(sessionId)
      return draft !== undefined && draft.expertId === signedIn() ? draft.text : undefined
    },
    set(sessionId, text) {
      const expertId = signedIn()
      if (expertId === null) return
      // Another expert's drafts, kept over a sign-out, go once someone else works here.
      for (const [id, draft] of drafts) if (draft.expertId !== expertId) drafts.delete(id)
      drafts.set(sessionId, { expertId, text })
    },
    drop: (sessionId) => void drafts.delete(sessionId),
    forget(another) {
      if (another) drafts.clear()
    },
  }
}
