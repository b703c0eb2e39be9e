/** The full window's navigation, with counts that say where attention is needed. */
import type { Expert } from '../../shared/protocol/entities'
import { presenceLabel } from '../../shared/labels'
import type { View } from '../store/navigation'

/** Props of Sidebar. */
export interface SidebarProps {
  readonly view: View
  readonly onNavigate: (view: View) => void
  readonly openInvites: number
  readonly liveSessions: number
  readonly booked: number
  /** Whether more sessions are booked than Upcoming lists, so `booked` is not all of them. */
  readonly bookedLater?: boolean
  readonly expert: Expert | null
}

const ITEMS: ReadonlyArray<{ view: View; label: string }> = [
  { view: 'live', label: 'Live session' },
  { view: 'invites', label: 'Invites' },
  { view: 'upcoming', label: 'Upcoming' },
  { view: 'history', label: 'History' },
  { view: 'stats', label: 'My stats' },
  { view: 'settings', label: 'Settings' },
]

/** The sidebar. */
export function Sidebar(props: SidebarProps) {
  const counts: Partial<Record<View, number>> = {
    live: props.liveSessions,
    invites: props.openInvites,
    upcoming: props.booked,
  }
  // The host lists only the soonest sessions: a bare count would read as all that are booked. The
  // count is of the booked ones listed (a live one is not booked), as Upcoming shows them.
  const more: Partial<Record<View, boolean>> = { upcoming: props.bookedLater === true }
  return (
    <aside className="sidebar">
      <div className="brand" aria-hidden="true">
        <span className="brand-mark" />
        Standby
      </div>
      <nav aria-label="Sections">
        <ul className="nav-list">
          {ITEMS.filter((item) => item.view !== 'live' || props.liveSessions > 0).map((item) => {
            const count = counts[item.view] ?? 0
            return (
              <li key={item.view}>
                <button
                  type="button"
                  className={`nav-item nav-${item.view}`}
                  aria-current={props.view === item.view ? 'page' : undefined}
                  onClick={() => props.onNavigate(item.view)}
                >
                  {item.view === 'live' && <span className="live-dot" aria-hidden="true" />}
                  <span className="nav-label">{item.label}</span>
                  {count > 0 && (
                    <span className="nav-count">
                      {/* More are booked past those listed, so the count is a floor it exceeds. */}
                      {more[item.view] === true && <span className="visually-hidden">more than </span>}
                      {count}
                      {more[item.view] === true && <span aria-hidden="true">+</span>}
                    </span>
                  )}
                </button>
              </li>
            )
          })}
        </ul>
      </nav>
      {props.expert !== null && (
        <button
          type="button"
          className="me"
          // The narrow layout shows only the presence: the label names the expert whatever shows.
          aria-label={`${props.expert.name} ${presenceLabel(props.expert)}`}
          onClick={() => props.onNavigate('settings')}
        >
          <span className={`availability-dot availability-${props.expert.availability}`} aria-hidden="true" />
          <span className="me-text">
            <span className="me-name">{props.expert.name}</span>{' '}
            <span className="muted">{presenceLabel(props.expert)}</span>
          </span>
        </button>
      )}
    </aside>
  )
}
