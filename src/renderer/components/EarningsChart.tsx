/**
 * Earnings per week as a small SVG bar chart, named and described for screen readers, with the
 * same figures in a table they can read row by row.
 */
import { useId } from 'react'
import type { EarningsSummary } from '../../shared/money/earnings-summary'
import { barLayout } from '../logic/earnings-chart'
import { formatAmount, formatDayIn, isoTime } from '../logic/format'

const PLOT = { width: 480, height: 120, gap: 8 }
const LABELS = 20

/**
 * The last weeks' earnings, oldest on the left; each week named by its Monday in `timeZone`, the
 * expert's zone the platform counted the weeks in.
 */
export function EarningsChart({
  summary,
  timeZone,
}: {
  readonly summary: EarningsSummary
  readonly timeZone: string
}) {
  const id = useId()
  const formatDay = (t: number): string => formatDayIn(t, timeZone)
  const money = (amountMinor: number): string => formatAmount({ amountMinor, currency: summary.currency })
  const { weeks } = summary
  const { bars, zeroY } = barLayout(
    weeks.map((w) => w.amountMinor),
    PLOT,
  )
  const first = weeks[0]
  const last = weeks[weeks.length - 1]
  const best = weeks.reduce(
    (a, b) => (b.amountMinor > a.amountMinor ? b : a),
    weeks[0] ?? { startsAt: 0, amountMinor: 0 },
  )
  const description =
    first === undefined || last === undefined
      ? 'No weeks to show.'
      : `${weeks.length} weeks from the week of ${formatDay(first.startsAt)} to this week. ` +
        `Best week: ${money(best.amountMinor)}, the week of ${formatDay(best.startsAt)}. ` +
        `This week so far: ${money(last.amountMinor)}.`
  return (
    // Focusable, so a keyboard can reach the chart (and scroll a window it makes taller) and a
    // screen reader announces its name there.
    <figure className="earnings-chart" tabIndex={0} aria-labelledby={`${id}-title`}>
      <svg
        className="earnings-svg"
        viewBox={`0 0 ${PLOT.width} ${PLOT.height + LABELS}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
      >
        <title id={`${id}-title`}>Earnings per week</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {bars.map((bar, i) => (
          <rect
            key={weeks[i]?.startsAt ?? i}
            className={bar.negative ? 'earnings-bar earnings-bar-paid' : 'earnings-bar'}
            x={bar.x}
            y={bar.y}
            width={bar.width}
            height={bar.height}
            rx={2}
          />
        ))}
        <line className="earnings-zero" x1={0} x2={PLOT.width} y1={zeroY} y2={zeroY} />
        {first !== undefined && (
          <text className="earnings-label" x={0} y={PLOT.height + LABELS - 4}>
            {formatDay(first.startsAt)}
          </text>
        )}
        <text className="earnings-label" x={PLOT.width} y={PLOT.height + LABELS - 4} textAnchor="end">
          This week
        </text>
      </svg>
      <table className="visually-hidden">
        <caption>Earnings per week, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Week of</th>
            <th scope="col">Earned</th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week.startsAt}>
              <th scope="row">
                <time dateTime={isoTime(week.startsAt)}>{formatDay(week.startsAt)}</time>
              </th>
              <td>{money(week.amountMinor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
