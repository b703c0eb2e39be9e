/** What a past session earned, signed: a fee the expert paid shows as a negative amount. */
import type { Session } from '../../shared/protocol/entities'
import { formatAmount } from '../logic/format'

/** The session's amount in History; empty when the platform has not said. */
export function SessionAmount({ session }: { readonly session: Session }) {
  const { earnings } = session
  if (earnings === null) return <span className="history-amount" />
  const paid = earnings.amountMinor < 0
  return (
    <span className={paid ? 'history-amount amount-paid' : 'history-amount'}>
      {paid && <span className="visually-hidden">You paid </span>}
      {formatAmount(earnings)}
    </span>
  )
}
