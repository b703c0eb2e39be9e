import { describe, expect, it } from 'vitest'
import { rawUpcomingPage } from '../../../bench/cache-raw-page'
import { AUTO_CANCEL_AFTER_MS } from '../../../src/shared/rules/session-timing'
import {
  aScheduledRequest,
  aSession,
  aSnapshot,
  FIXTURE_NOW,
  liveSession,
  MINUTE,
} from '../../support/fixtures'
import { manySessions } from '../../support/fixture-streams'
import { useFreshStores } from '../main/db/cache-test-kit'

describe("the cold-open bench's raw better-sqlite3 page", () => {
  const freshStore = useFreshStores()

  it('is the page the app shows: the same sessions, in the same order, each with its request', () => {
    const { store, db } = freshStore()
    // A session live for two hours stays on the page, past the auto-cancel of a booked one.
    const longLive = liveSession(
      aSession({ id: 'ses_long', request: aScheduledRequest('req_long', FIXTURE_NOW - 120 * MINUTE) }),
      FIXTURE_NOW - 120 * MINUTE,
    )
    store.applySnapshot(aSnapshot({ sessions: [...manySessions(300), longLive], cursor: 1 }))

    const appPage = store.upcomingSessions(FIXTURE_NOW, 20)
    const rawPage = rawUpcomingPage(db, FIXTURE_NOW - AUTO_CANCEL_AFTER_MS, 20)

    expect(appPage.map((session) => session.id)).toContain('ses_long')
    expect(appPage).toHaveLength(20)
    expect(rawPage).toEqual(appPage)
  })
})
