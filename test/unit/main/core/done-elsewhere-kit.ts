/** A cache for done-elsewhere.ts's tests, holding one invite and its session, caught up on demand. */
import type { DoneElsewhereDeps } from '../../../../src/main/core/done-elsewhere'
import { ManualClock } from '../../../../src/shared/clock'
import type { Invite, Session } from '../../../../src/shared/protocol'
import { FIXTURE_NOW } from '../../../support/fixtures'

/** The longest the catch-up is waited for. */
export const WAIT_MS = 10_000

const silent = { info: () => {}, warn: () => {}, error: () => {} }

/** What the cache holds. */
export interface Held {
  readonly invite: Invite
  readonly session: Session | null
}

/**
 * A cache holding `before`, which becomes `caughtUp` once the catch-up under way is over; up to
 * date with the platform then unless `upToDate` says otherwise (a catch-up failing or stuck).
 */
export function cacheCatchingUp(before: Held, caughtUp: Held, upToDate = true): DoneElsewhereDeps {
  let held = before
  return {
    log: silent,
    caughtUp: async () => {
      held = caughtUp
    },
    clock: new ManualClock(FIXTURE_NOW),
    catchUpWaitMs: WAIT_MS,
    stillFollowing: () => true,
    upToDate: () => upToDate,
    cache: {
      invite: (id) => (held.invite.id === id ? held.invite : null),
      session: (id) => (held.session?.id === id ? held.session : null),
      threadPlace: (requestId) =>
        held.session?.request.id === requestId
          ? { kind: 'session', sessionId: held.session.id, state: held.session.state }
          : null,
    },
  }
}
