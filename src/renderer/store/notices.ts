/** Short notices ("Taken by another expert: …") shown in a live region, each for a few seconds. */
import { noticeSentence, type NoticePart, type NoticeText } from '../logic/isolate'
import { createValueStore, readableOf, type ReadableStore } from './value-store'

/** How a notice is coloured and announced. */
export type NoticeTone = 'info' | 'success' | 'warning' | 'error'

// A notice's words, with a client's kept apart from the app's, are the app's lines' words too.
export {
  noticeSentence,
  noticeText,
  theirs,
  type NoticePart,
  type NoticeText,
  type Theirs,
} from '../logic/isolate'

/** One notice. */
export interface Notice {
  readonly id: number
  /** Its words as one sentence (its Dismiss button's name, what tests and screen readers read). */
  readonly text: string
  /** The same words in pieces, a client's marked, as the notice shows them. */
  readonly parts: ReadonlyArray<NoticePart>
  readonly tone: NoticeTone
}

/** The notices on screen. */
export interface NoticeStore extends ReadableStore<ReadonlyArray<Notice>> {
  push(text: NoticeText, tone?: NoticeTone): void
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
    push(words, tone = 'info') {
      const parts = typeof words === 'string' ? [words] : words
      const notice = { id: nextId++, text: noticeSentence(parts), parts, tone }
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
