// Upcoming read from the cache through the host: the soonest sessions, and whether later ones are booked.
import { describe, expect, it } from 'vitest'
import { createAppApi, type AppApiDeps, type HostInfo } from '../../../../src/main/core/app-api'
import type { StandbyCore } from '../../../../src/main/core/standby-core'
import { withChange } from '../../../../src/renderer/logic/cache-change'
import { invokeContract } from '../../../../src/shared/ipc/contract'
import { UPCOMING_SESSIONS_LISTED } from '../../../../src/shared/ipc/list-limits'
import { aRequest, aSession, FIXTURE_NOW, sessionUpdated } from '../../../support/fixtures'
import { useFreshStores, type TestStore } from './cache-test-kit'

const fresh = useFreshStores()
const MINUTE = 60_000

/** The nth booked session, starting n minutes after FIXTURE_NOW and an hour on. */
const booked = (n: number) =>
  aSession({
    id: `ses_${String(n).padStart(4, '0')}`,
    request: aRequest({ id: `req_${n}` }),
    bookedStart: FIXTURE_NOW + 60 * MINUTE + n * MINUTE,
    state: 'booked',
  })

/** A store holding `count` booked sessions. */
function bookedOf(count: number): TestStore {
  const cache = fresh()
  cache.store.applyEvents(Array.from({ length: count }, (_, n) => sessionUpdated(n + 1, booked(n))))
  return cache
}

/** What the host answers the window's sessions.upcoming, as the contract lets it through. */
function upcomingAnswer({ store }: TestStore) {
  const core = { cache: store, platformClock: { now: () => FIXTURE_NOW } }
  const api = createAppApi(core as unknown as StandbyCore, {} as HostInfo, {} as AppApiDeps)
  return invokeContract['sessions.upcoming'].response.parse(api['sessions.upcoming'](undefined))
}

describe('Upcoming read from the cache', () => {
  it('says nothing of later sessions when exactly as many are booked as the window lists', () => {
    const read = upcomingAnswer(bookedOf(UPCOMING_SESSIONS_LISTED))
    expect(read.sessions).toHaveLength(UPCOMING_SESSIONS_LISTED)
    expect(read.later).toBe(false)
  })

  it('says later sessions are booked when one more is, and lists the soonest', () => {
    const read = upcomingAnswer(bookedOf(UPCOMING_SESSIONS_LISTED + 1))
    expect(read.sessions).toHaveLength(UPCOMING_SESSIONS_LISTED)
    expect(read.sessions[0]?.id).toBe(booked(0).id)
    expect(read.sessions.at(-1)?.id).toBe(booked(UPCOMING_SESSIONS_LISTED - 1).id)
    expect(read.later).toBe(true)
  })

  it('still says so when one of the listed stored rows fails to read', () => {
    const cache = bookedOf(UPCOMING_SESSIONS_LISTED + 1)
    cache.db.prepare(`UPDATE sessions SET json = '{"id": "bad", oops' WHERE id = ?`).run(booked(7).id)
    const read = upcomingAnswer(cache)
    expect(read.sessions).toHaveLength(UPCOMING_SESSIONS_LISTED - 1)
    expect(read.later).toBe(true)
  })
})

describe('Upcoming as pushes change it in the window', () => {
  const lists = (count: number) => ({
    expert: null,
    invites: { open: [], missed: [] },
    upcoming: Array.from({ length: count }, (_, n) => booked(n)),
    upcomingLater: false,
  })
  const push = (...sessions: ReturnType<typeof booked>[]) => ({ invites: [], sessions })

  it('says nothing of later sessions when a push makes the list exactly full', () => {
    const after = withChange(lists(UPCOMING_SESSIONS_LISTED - 1), push(booked(UPCOMING_SESSIONS_LISTED - 1)))
    expect(after.upcoming).toHaveLength(UPCOMING_SESSIONS_LISTED)
    expect(after.upcomingLater).toBe(false)
  })

  it('lets the latest go and says later ones are booked when a push makes one too many', () => {
    const after = withChange(lists(UPCOMING_SESSIONS_LISTED), push(booked(UPCOMING_SESSIONS_LISTED)))
    expect(after.upcoming).toHaveLength(UPCOMING_SESSIONS_LISTED)
    expect(after.upcoming.at(-1)?.id).toBe(booked(UPCOMING_SESSIONS_LISTED - 1).id)
    expect(after.upcomingLater).toBe(true)
    // One of those shown passing does not bring the later ones into the list: it still says so.
    const ended = { ...booked(0), state: 'ended' as const }
    expect(withChange(after, push(ended)).upcomingLater).toBe(true)
  })

  it('takes no pushed session after its latest once it says later ones are booked: those come between', () => {
    const full = { ...lists(UPCOMING_SESSIONS_LISTED), upcomingLater: true }
    const far = booked(UPCOMING_SESSIONS_LISTED + 50)
    const after = withChange(full, push({ ...booked(0), state: 'ended' as const }, far))
    expect(after.upcoming.map((s) => s.id)).not.toContain(far.id)
    expect(after.upcoming).toHaveLength(UPCOMING_SESSIONS_LISTED - 1)
    expect(after.upcomingLater).toBe(true)
  })
})
