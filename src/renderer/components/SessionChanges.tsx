/** A booked session's changes ahead of time on its card: Cancel, Propose new time, and a proposal's state. */
import type { Session } from '../../shared/protocol/entities'
import { rescheduleLine } from '../logic/session-changes'
import { CancelSession } from './CancelSession'
import { ProposeTime } from './ProposeTime'
import { TheirWords } from './TheirWords'

/** Cancel and Propose new time, side by side. */
export function SessionChanges({ session }: { readonly session: Session }) {
  return (
    <div className="session-changes">
      <ProposeTime session={session} />
      <CancelSession session={session} />
    </div>
  )
}

/** Where the expert's proposal of another time stands; nothing when there is none. */
export function RescheduleStatus({ session }: { readonly session: Session }) {
  const line = rescheduleLine(session)
  if (line === null) return null
  return (
    <p className={`muted reschedule reschedule-${session.reschedule?.state ?? 'none'}`}>
      <TheirWords text={line} />
    </p>
  )
}
