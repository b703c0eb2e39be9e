/**
 * Why a page of events that should have moved the cache on moved it nowhere. Asking again would
 * get the same page; what the expert can do depends on whose the fault is. Items of kinds this
 * version does not know come from a platform ahead of the app: only updating Standby helps, so
 * catching up stops. Items with no readable place in the stream are the platform's fault, which
 * it can fix without the app: they are asked for again after the growing wait, and the expert is
 * told to report it rather than to update an app that is not to blame.
 */
import type { ReplayPage } from '../connection/replay-page'
import { StreamNotFollowable } from './snapshot-assembly'

/** The error a catch-up stops with after `page` left the cursor at `before`. */
export function stalledPage(page: Extract<ReplayPage, { kind: 'events' }>, before: number): Error {
  if (page.unplaced === 0) {
    return new StreamNotFollowable(
      `The platform's events stop making sense after event ${before}, so Standby cannot catch up. Try again later.`,
    )
  }
  if (page.unplacedOfUnknownKind === page.unplaced) {
    return new StreamNotFollowable(
      'The platform sent kinds of events this version of Standby does not know. Update Standby to go on receiving invites.',
    )
  }
  return new Error(
    `The platform sent events after event ${before} that are malformed (they have no readable id), a fault of the platform rather than of Standby; if this goes on, tell the platform's support`,
  )
}
