/** My stats' earnings: this week, this month, and the last weeks as a chart. */
import type { EarningsSummary } from '../../shared/money/earnings-summary'
import { formatAmount } from '../logic/format'
import { EarningsChart } from './EarningsChart'

/** The earnings figures as the platform summed them, in the expert's time zone. */
export function EarningsStats({
  summary,
  timeZone,
}: {
  readonly summary: EarningsSummary
  /** The expert's time zone, in which the platform starts weeks and months. */
  readonly timeZone: string
}) {
  const money = (amountMinor: number): string => formatAmount({ amountMinor, currency: summary.currency })
  return (
    <div className="earnings">
      <dl className="earnings-figures">
        <div>
          <dt>This week</dt>
          <dd className="stat-value">{money(summary.thisWeekMinor)}</dd>
        </div>
        <div>
          <dt>This month</dt>
          <dd className="stat-value">{money(summary.thisMonthMinor)}</dd>
        </div>
      </dl>
      <EarningsChart summary={summary} timeZone={timeZone} />
    </div>
  )
}
