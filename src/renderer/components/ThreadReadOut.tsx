/**
 * The thread's hidden live region: what the client wrote in the latest change, for a screen reader
 * to read out as it comes. Held only long enough to be read, then emptied: the same messages are in
 * the log, and a reader going through the page in browse mode would otherwise read each twice.
 */
import { useState } from 'react'
import { useNow } from '../store/context'
import type { ReadOut } from './use-thread-log'

// Long enough for a screen reader to have taken the change; it reads what was added, and emptying
// the region afterwards is not read (additions only).
const HELD_MS = 15_000

/** The region, always in the page so a screen reader watches it before anything is added. */
export function ThreadReadOut({ readOut, clientName }: { readOut: ReadOut; clientName: string }) {
  return (
    <div className="visually-hidden" aria-live="polite" aria-relevant="additions">
      {readOut.came > 0 && (
        <Heard key={readOut.latest.at(-1)?.id} readOut={readOut} clientName={clientName} />
      )}
    </div>
  )
}

/** One change's read-out, gone from the page once it has been read. */
function Heard({ readOut, clientName }: { readOut: ReadOut; clientName: string }) {
  const now = useNow()
  // Taken anew when the clock is set back: held as long again from there, not until the clock is
  // back where it stood, which leaves it in the page, read twice, for as long as the clock went back.
  const [since, setSince] = useState(now)
  if (now < since) setSince(now)
  if (now - since >= HELD_MS) return null
  return (
    <>
      {readOut.came > readOut.latest.length && (
        <p>
          {readOut.came} new messages from <bdi>{clientName}</bdi>; the latest {readOut.latest.length} follow,
          all are in the thread.
        </p>
      )}
      {readOut.latest.map((message) => (
        <p key={message.id}>
          <bdi>{clientName}</bdi>: <bdi>{message.body}</bdi>
        </p>
      ))}
    </>
  )
}
