/** How the window shows an invite or session it was asked to (a deep link): the section, what to focus, what to say. */
import type { ShowItem } from '../../shared/ipc/contract'
import type { Session } from '../../shared/protocol/entities'
import type { View } from '../store/navigation'

/** What the window does for one ShowItem. Ids are visible ASCII, which JSON quotes as a valid CSS string. */
export interface ShowPlan {
  readonly view: View
  /** The element to focus (a card's data attribute), when the item is on screen. */
  readonly focus: string | null
  /** What to tell the expert when the item is no longer open. */
  readonly notice: string | null
}

/** The plan for `item`; a live session opens the live section, a booked one Upcoming. */
export function planShowItem(
  item: Pick<ShowItem, 'kind' | 'id' | 'open'>,
  upcoming: ReadonlyArray<Session>,
): ShowPlan {
  if (item.kind === 'invite') {
    return item.open
      ? { view: 'invites', focus: `[data-invite-id=${JSON.stringify(item.id)}]`, notice: null }
      : { view: 'invites', focus: null, notice: 'That invite is no longer open' }
  }
  const session = upcoming.find((candidate) => candidate.id === item.id)
  if (!item.open || session === undefined) {
    return { view: 'upcoming', focus: null, notice: 'That session is no longer booked' }
  }
  if (session.state === 'live') return { view: 'live', focus: null, notice: null }
  return { view: 'upcoming', focus: `[data-session-id=${JSON.stringify(item.id)}]`, notice: null }
}
