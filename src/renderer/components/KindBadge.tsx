/** The instant/scheduled badge that cards and lists put before a request's title. */
import { kindLabel } from '../../shared/labels'
import type { SessionKind } from '../../shared/protocol/entities'

/** Props of KindBadge. */
export interface KindBadgeProps {
  readonly kind: SessionKind
  /** Muted, for places where the kind is a detail rather than the news. */
  readonly quiet?: boolean
}

/** The kind badge. */
export function KindBadge({ kind, quiet = false }: KindBadgeProps) {
  return <span className={`badge badge-${kind}${quiet ? ' badge-quiet' : ''}`}>{kindLabel(kind)}</span>
}
