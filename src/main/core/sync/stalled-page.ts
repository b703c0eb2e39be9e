/**
 * Why a page of events that should have moved the cache on moved it nowhere; what the expert can
 * do depends on whose the fault is. A page that says more follow but holds none past the cursor
 * may be a platform whose newest events are not readable yet, or one that is broken: it is asked
 * for again after the growing wait, and the expert told from the second, never in a hot loop nor
 * given up on for good, as the platform can mend it without the app. Items of kinds this
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
    return new Error(`the platform said it has events after event ${before} but sent none of them`)
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
