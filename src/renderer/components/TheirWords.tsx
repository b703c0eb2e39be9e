/** A sentence of the app's with a client's words in it, each of theirs isolated in a <bdi>. */
import { Fragment } from 'react'
import type { NoticeText } from '../logic/isolate'

/** The sentence's pieces in a row: the app's words as they are, a client's in a <bdi>. */
export function TheirWords({ text }: { readonly text: NoticeText }) {
  if (typeof text === 'string') return text
  return text.map((part, i) =>
    typeof part === 'string' ? <Fragment key={i}>{part}</Fragment> : <bdi key={i}>{part.theirs}</bdi>,
  )
}
