/**
 * One line of text in a History row, cut to the row. The row has a fixed height (the list is
 * virtual) and a width no part of it may pass, so a client's words cannot be an inline <bdi> in
 * a cut line: its box would be as long as their words, reaching past the row's edge. Each piece is
 * its own box instead, the client's cut with an ellipsis before the app's words around them, so
 * "… cancelled: “…”" stays readable. The whole line is in the text a screen reader reads and in
 * the tooltip.
 */
import type { NoticeText } from '../logic/isolate'
import { isolatedSentence } from '../logic/isolate'

/** A one-line part of a History row: `text` whole in its content and its title, each piece cut to fit. */
export function HistoryLine({ text, className }: { readonly text: NoticeText; readonly className: string }) {
  const parts = typeof text === 'string' ? [text] : text
  return (
    <span className={`history-line ${className}`} title={isolatedSentence(text)}>
      {parts.map((part, i) =>
        typeof part === 'string' ? <span key={i}>{part}</span> : <bdi key={i}>{part.theirs}</bdi>,
      )}
    </span>
  )
}
