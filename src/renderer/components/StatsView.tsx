/**
 * My stats: earnings this week, this month and per week, average response time beside the
 * platform's ~60 s, recent response figures, sessions done, rating.
 */
import type { ExpertStats } from '../../shared/protocol/entities'
import { formatResponseTime } from '../logic/format'
import { platformAverageOf } from '../logic/wait-cue'
import { useAppState } from '../store/context'
import { EarningsStats } from './EarningsStats'
import { EmptyState } from './InvitesView'
import { RecentStats } from './RecentStats'
import { ReviewFigures } from './ReviewFigures'

/** The My stats section. */
export function StatsView() {
  const { expert } = useAppState()
  return (
    <div className="view">
      <header className="view-header">
        <h1 className="view-title">My stats</h1>
        <p className="muted">As the platform last reported them.</p>
      </header>
      {expert === null ? (
        <EmptyState title="No figures yet" body="They appear once Standby has synced with the platform." />
      ) : (
        <StatsGrid stats={expert.stats} timeZone={expert.timeZone} />
      )}
    </div>
  )
}

function StatsGrid({ stats, timeZone }: { readonly stats: ExpertStats; readonly timeZone: string }) {
  return (
    <dl className="stats">
      {stats.earnings !== null && (
        <div className="stat stat-wide">
          <dt>Earnings</dt>
          <dd>
            <EarningsStats summary={stats.earnings} timeZone={timeZone} />
          </dd>
        </div>
      )}
      <div className="stat stat-wide">
        <dt>Average response time</dt>
        <dd>
          <ResponseTime ms={stats.averageResponseMs} platformMs={platformAverageOf(stats)} />
        </dd>
      </div>
      {stats.recent !== null && (
        <div className="stat stat-wide">
          <dt>Recent response times</dt>
          <dd>
            <RecentStats recent={stats.recent} />
          </dd>
        </div>
      )}
      <div className="stat">
        <dt>Sessions done</dt>
        <dd className="stat-value">{stats.sessionsDone.toLocaleString()}</dd>
      </div>
      <div className="stat">
        <dt>Rating</dt>
        <dd className="stat-value">
          {stats.rating === null ? (
            <span className="muted stat-none">No reviews yet</span>
          ) : (
            <>
              {stats.rating.toLocaleString(undefined, { maximumFractionDigits: 1 })}
              <span className="stat-unit"> / 5</span>
            </>
          )}
        </dd>
      </div>
      <ReviewFigures reviews={stats.reviews} />
    </dl>
  )
}

/** The expert's average response time beside the platform's (`platformMs`, as platformAverageOf gives it). */
export function ResponseTime({
  ms,
  platformMs,
}: {
  readonly ms: number | null
  readonly platformMs: number
}) {
  if (ms === null) return <span className="muted stat-none">No answers yet</span>
  const platform = platformMs
  const scale = Math.max(ms, platform) * 1.1
  const faster = ms <= platform
  return (
    <div className="compare">
      <p className="stat-value">{formatResponseTime(ms)}</p>
      <p className={faster ? 'good-text' : 'warning-text'}>
        {faster ? 'Faster than' : 'Slower than'} the platform’s average of about{' '}
        {formatResponseTime(platform)}
      </p>
      <div className="bars" aria-hidden="true">
        <Bar label="You" value={ms} scale={scale} tone={faster ? 'good' : 'warn'} />
        <Bar label="Platform" value={platform} scale={scale} tone="neutral" />
      </div>
    </div>
  )
}

function Bar({ label, value, scale, tone }: { label: string; value: number; scale: number; tone: string }) {
  return (
    <div className="bar-row">
      <span className="bar-label">{label}</span>
      <span className="bar-track">
        <span className={`bar-fill bar-${tone}`} style={{ width: `${Math.round((value / scale) * 100)}%` }} />
      </span>
      <span className="bar-value tabular">{formatResponseTime(value)}</span>
    </div>
  )
}
