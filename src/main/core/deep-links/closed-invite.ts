/**
 * What the expert is told of a link to an invite that is no longer open, by how it closed: one they
 * accepted themselves has a session to go to, one they declined was their own choice, and only an
 * invite the cache no longer holds leaves Standby unable to say which.
 */
import type { InviteState } from '../../../shared/protocol/entities'

/** How an invite a link names closed: its state by the platform's time, or 'gone' from the cache's rows. */
export type ClosedInvite = Exclude<InviteState, 'open'> | 'gone'

/** Why there is nothing for the link to open, said of invite `id`. */
export function closedInviteText(id: string, how: ClosedInvite): string {
  const nothingLeft = 'so there is nothing left to join or book.'
  switch (how) {
    case 'accepted':
      return `You accepted invite ${id} already: its session is under Live session, Upcoming or History.`
    case 'declined':
      return `You declined invite ${id}, ${nothingLeft}`
    case 'taken':
      return `Another expert took invite ${id} before the link opened it, ${nothingLeft}`
    case 'withdrawn':
      return `The client withdrew invite ${id} before the link opened it, ${nothingLeft}`
    case 'expired':
      return `Invite ${id} ran out before the link opened it, ${nothingLeft}`
    case 'gone':
      return `Invite ${id} was taken, withdrawn or ran out before the link opened it, ${nothingLeft}`
  }
}
