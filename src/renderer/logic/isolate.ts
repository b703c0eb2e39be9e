/**
 * A client's words inside the app's sentences, kept apart so a right-to-left name cannot pull the
 * app's words, a number or the next name into its run: as pieces the page shows in <bdi>
 * (`noticeText`, components/TheirWords.tsx), or, where no element can hold them, between isolates.
 */

/** Words a client chose (a title, a name) inside a notice of the app's own. */
export interface Theirs {
  readonly theirs: string
}

/** Marks `text` as a client's words, for `noticeText`. */
export const theirs = (text: string): Theirs => ({ theirs: text })

/** A piece of a notice: the app's words, or a client's, which are shown isolated (<bdi>). */
export type NoticePart = string | Theirs

/** What a notice says: one string of the app's, or pieces (`noticeText`). */
export type NoticeText = string | ReadonlyArray<NoticePart>

/**
 * A notice's words from a template whose values are the app's words or a client's (`theirs`):
 * noticeText`Cancelled “${theirs(title)}”; ${theirs(name)} is told.` A client's words written right
 * to left would otherwise pull the app's words, or the next name, into their run.
 */
export function noticeText(
  strings: TemplateStringsArray,
  ...values: ReadonlyArray<NoticePart>
): NoticePart[] {
  const parts: NoticePart[] = []
  strings.forEach((text, i) => {
    if (text !== '') parts.push(text)
    const value = values[i]
    if (value !== undefined && value !== '') parts.push(value)
  })
  return parts
}

/** A notice's pieces as one sentence. */
export function noticeSentence(parts: NoticeText): string {
  if (typeof parts === 'string') return parts
  return parts.map((part) => (typeof part === 'string' ? part : part.theirs)).join('')
}

/**
 * A client's words where no element can hold them, so no <bdi> either (an <option>'s text, a
 * native control's label): set between the first-strong isolate and the pop-directional isolate
 * (U+2068, U+2069), which do what <bdi> does. The text keeps its own direction, taken from its
 * first letter, and a right-to-left name neither runs into what is drawn beside it nor lays out the
 * line. Stored text never holds an isolate of its own (text-normalise.ts drops them), so the pop
 * closes this one.
 */
export function isolated(text: string): string {
  return `\u2068${text}\u2069`
}

/**
 * `parts` as one string where no element can isolate the words they quote (a tooltip's `title`):
 * each quoted piece set between isolates, as `isolated` does.
 */
export function isolatedSentence(parts: NoticeText): string {
  if (typeof parts === 'string') return parts
  return parts.map((part) => (typeof part === 'string' ? part : isolated(part.theirs))).join('')
}
