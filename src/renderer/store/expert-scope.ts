/**
 * What a page holds for the expert signed in (notices about their invites, their history, their
 * unread counts, their unsaved notes, a notification's focus request, the commands they have on
 * their way) lives as long as that expert: when they sign out, in this page or the other, or
 * another expert is found signed in (a sign-in over theirs, a re-read after the link was down),
 * all of it goes at once, by one listener, and the scope's number moves on so that an answer
 * still on its way for the gone expert, or a component of theirs, cannot bring any of it back.
 */
import type { Expert } from '../../shared/protocol/entities'
import type { Unsubscribe } from '../../shared/listeners'
import { createValueStore, readableOf, type ReadableStore } from './value-store'

/** Something a page holds for one expert, dropped when that expert is gone. */
export interface ExpertScoped {
  /** The expert is gone; `another` when a new one is signed in already (read their data then). */
  forget(another: boolean): unknown
}

/** Calls `gone(another)` each time the expert shown is replaced by nobody or by someone else. */
export function onExpertGone(
  app: ReadableStore<{ readonly expert: Expert | null }>,
  gone: (another: boolean) => void,
): Unsubscribe {
  let expertId = app.getSnapshot().expert?.id ?? null
  return app.subscribe(() => {
    const now = app.getSnapshot().expert?.id ?? null
    const was = expertId
    expertId = now
    if (was !== null && now !== was) gone(now !== null)
  })
}

/**
 * The page's expert scope: a number that moves on each time the expert is gone, after everything
 * in `held` has forgotten them. Components of the signed-in part of a page are keyed by it.
 */
export function createExpertScope(
  app: ReadableStore<{ readonly expert: Expert | null }>,
  held: ReadonlyArray<ExpertScoped>,
): ReadableStore<number> {
  const scope = createValueStore(0)
  onExpertGone(app, (another) => {
    for (const store of held) void store.forget(another)
    scope.set(scope.getSnapshot() + 1)
  })
  return readableOf(scope)
}
