/** The expert's recent response figures, per window, beside the platform's average response time. */
import type { RecentResponseStats, ResponseWindow } from '../../shared/protocol/entities'
import { formatResponseTime } from '../logic/format'
import { platformAverageOf } from '../logic/wait-cue'

/** Median and p90 response time, acceptance rate and missed invites over the last 7 and 30 days. */
export function RecentStats({ recent }: { readonly recent: RecentResponseStats }) {
  const windows: ReadonlyArray<ResponseWindow> = [recent.last7Days, recent.last30Days]
  const rows: ReadonlyArray<{ label: string; cell: (w: ResponseWindow) => string }> = [
    { label: 'Median response', cell: (w) => time(w.medianMs) },
    { label: '9 in 10 answered within', cell: (w) => time(w.p90Ms) },
    { label: 'Acceptance rate', cell: (w) => percent(w.acceptanceRate) },
    { label: 'Missed invites', cell: (w) => w.missed.toLocaleString() },
  ]
  return (
    <table className="recent-stats tabular">
      <caption>
        Recent answers, beside the platform’s average response of{' '}
        {formatResponseTime(platformAverageOf({ recent }))}
      </caption>
      <thead>
        <tr>
          <td />
          <th scope="col">Last 7 days</th>
          <th scope="col">Last 30 days</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            {windows.map((w, i) => (
              <td key={i}>{row.cell(w)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function time(ms: number | null): string {
  return ms === null ? 'No answers' : formatResponseTime(ms)
}

function percent(rate: number | null): string {
  return rate === null ? 'No invites' : `${Math.round(rate * 100)}%`
}
