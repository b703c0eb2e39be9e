/** Short notices ("Taken by another expert: …") shown in a live region, each for a few seconds. */
import { createValueStore, readableOf, type ReadableStore } from './value-store'

/** How a notice is coloured and announced. */
export type NoticeTone = 'info' | 'success' | 'warning' | 'error'

/** One notice. */
export interface Notice {
  readonly id: number
  readonly text: string
  readonly tone: NoticeTone
}

/** The notices on screen. */
export interface NoticeStore extends ReadableStore<ReadonlyArray<Notice>> {
  push(text: string, tone?: NoticeTone): void
  dismiss(id: number): void
  /** The expert they were about is gone: none of them is for whoever is at the computer now. */
  forget(): void
}

/** Notices fade after `ttlMs` of wall time; this is presentation only, no rule depends on it. */
export function createNoticeStore(ttlMs = 12_000, max = 4): NoticeStore {
  const store = createValueStore<ReadonlyArray<Notice>>([])
  let nextId = 1
  const dismiss = (id: number): void => store.set(store.getSnapshot().filter((notice) => notice.id !== id))
  return {
    ...readableOf(store),
    push(text, tone = 'info') {
      const notice = { id: nextId++, text, tone }
      store.set([...store.getSnapshot(), notice].slice(-max))
      window.setTimeout(() => dismiss(notice.id), ttlMs)
    },
    dismiss,
    forget: () => store.set([]),
  }
}

/**
 * The notices as the components of one expert scope see them: what they push once the scope has
 * moved on (a Decline's "Declined: …" answered after its expert signed out) is dropped.
 */
export function noticesOfScope(
  notices: NoticeStore,
  scope: ReadableStore<number>,
  ours: number,
): NoticeStore {
  return {
    ...notices,
    push(text, tone) {
      if (scope.getSnapshot() === ours) notices.push(text, tone)
    },
  }
}
