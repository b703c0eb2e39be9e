import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { CacheStore } from '../../../../../src/main/core/ports/cache-store'
import type { AppNotification } from '../../../../../src/main/core/ports/notifier'
import { StandingAlerts } from '../../../../../src/main/core/standing/standing-alerts'
import { oneNoticeOfAKind } from '../../../../../src/main/core/one-notice-of-a-kind'
import { createRecordingNotifier } from '../../../../../src/main/node/adapters/recording-notifier'
import { cacheMigrations } from '../../../../../src/main/db/migrations'
import { SqliteCacheStore } from '../../../../../src/main/db/sqlite-cache-store'
import { ManualClock } from '../../../../../src/shared/clock'
import type { PlatformEvent, ReviewStats, Session } from '../../../../../src/shared/protocol'
import { migrate } from '../../../../../src/shared/sqlite/migrate'
import { failWrites } from '../../../../support/cache-faults'
import { anExpert, aRequest, aSession, endedSession, FIXTURE_NOW } from '../../../../support/fixtures'
import { reviewFigures } from '../../../../support/review-fixtures'
import { linesLogger } from '../../db/cache-test-kit'

/** A cache and the alerts over it, as the core has them; `restart` builds new alerts over the same cache. */
function setUp(wrap: (cache: CacheStore) => CacheStore = (cache) => cache) {
  const db = new Database(':memory:')
  migrate(db, cacheMigrations, { what: 'cache', remedy: '' })
  const cache = new SqliteCacheStore(db, linesLogger())
  const read = wrap(cache)
  const shown: AppNotification[] = []
  // What the screen keeps, through the notifier the core hands its services.
  const screen = createRecordingNotifier()
  const onScreen = oneNoticeOfAKind(screen)
  const show = (n: AppNotification): void => {
    shown.push(n)
    onScreen.show(n)
  }
  const clock = new ManualClock(FIXTURE_NOW)
  const deps = { clock, notifier: { show }, log: linesLogger() }
  let alerts = new StandingAlerts(read, deps)
  let id = 0
  const apply = (events: ReadonlyArray<Omit<PlatformEvent, 'id' | 'at'>>): void => {
    const applied = cache.applyEvents(
      events.map((e) => ({ ...e, id: ++id, at: clock.now() }) as PlatformEvent),
    )
    alerts.cacheChanged({ kind: 'events', events: applied.applied })
  }
  return {
    cache,
    shown,
    screen,
    /** The platform reports these review figures. */
    figures(reviews: ReviewStats | null): void {
      const expert = anExpert()
      apply([
        { type: 'expert.updated', payload: { expert: { ...expert, stats: { ...expert.stats, reviews } } } },
      ])
    },
    session(session: Session): void {
      apply([{ type: 'session.updated', payload: { session } }])
    },
    restart(): void {
      alerts = new StandingAlerts(read, deps)
    },
    snapshotAgain(): void {
      alerts.cacheChanged({ kind: 'replaced' })
    },
    /** The expert signs out (or another signs in): the cache is emptied. */
    emptied(): void {
      cache.clear()
      id = 0
      alerts.cacheChanged({ kind: 'replaced', emptied: true })
    },
  }
}

const titles = (shown: ReadonlyArray<AppNotification>) => shown.map((n) => n.title)

describe('standing alerts', () => {
  it('warns once per crossing below the threshold, saying what happened and what to do', () => {
    const app = setUp()
    app.figures(reviewFigures(4.3))
    expect(app.shown).toEqual([])
    app.figures(reviewFigures(3.9))
    expect(app.shown).toEqual([
      {
        kind: 'notice',
        title: 'Your rating dropped below 4.0',
        body: 'Your average over your last 30 reviewed sessions is 3.9. Poor reviews and chargebacks can lead to removal from the platform: take only sessions you can quickly help with.',
      },
    ])
    app.figures(reviewFigures(3.6))
    app.figures(reviewFigures(3.9))
    expect(app.shown).toHaveLength(1)

    app.figures(reviewFigures(4.1))
    app.figures(reviewFigures(3.95))
    expect(titles(app.shown)).toEqual(['Your rating dropped below 4.0', 'Your rating dropped below 4.0'])
    expect(app.shown[1]?.body).toMatch(/is 3\.95\./)
  })

  it('does not warn again after a restart, a snapshot or figures from a platform without reviews', () => {
    const app = setUp()
    app.figures(reviewFigures(3.5))
    app.restart()
    app.snapshotAgain()
    app.figures(reviewFigures(3.4))
    app.figures(null)
    app.figures(reviewFigures(3.4))
    expect(app.shown).toHaveLength(1)
  })

  it('warns once for each chargeback, whatever else updates its session', () => {
    const app = setUp()
    const ended = endedSession(aSession({ id: 'ses_1' }), FIXTURE_NOW)
    app.session(ended)
    expect(app.shown).toEqual([])
    const chargedBack = { ...ended, chargeback: { reason: 'Disputed', recordedAt: FIXTURE_NOW } }
    app.session(chargedBack)
    expect(app.shown).toEqual([
      {
        kind: 'notice',
        noticeId: 'chargeback:ses_1',
        title: 'A chargeback was recorded',
        body: `${ended.client.name} disputed the payment for “${ended.request.title}” and got it back. Poor reviews and chargebacks can lead to removal from the platform: take only sessions you can quickly help with.`,
      },
    ])
    app.session({ ...chargedBack, review: { rating: 1, comment: '', reviewedAt: FIXTURE_NOW } })
    app.restart()
    app.snapshotAgain()
    expect(app.shown).toHaveLength(1)

    const another = endedSession(aSession({ id: 'ses_2', request: aRequest({ id: 'req_2' }) }), FIXTURE_NOW)
    app.session({ ...another, chargeback: { reason: '', recordedAt: FIXTURE_NOW } })
    expect(app.shown).toHaveLength(2)
    // Told once each: the second does not take the first one's place on screen.
    expect(app.screen.noticesOnScreen.map((n) => n.body)).toEqual([
      expect.stringContaining(`“${ended.request.title}”`),
      expect.stringContaining(`“${another.request.title}”`),
    ])
  })

  it('reads, for a chargeback that arrives, its own session, not every session charged back before', () => {
    let read = 0
    const app = setUp(
      (cache) =>
        new Proxy(cache, {
          get(target, key, receiver) {
            const value: unknown = Reflect.get(target, key, receiver)
            if (typeof value !== 'function') return value
            return (...args: unknown[]) => {
              const answer: unknown = value.apply(target, args)
              if (Array.isArray(answer)) read += answer.filter((item) => typeof item === 'object').length
              else if (typeof answer === 'object' && answer !== null && 'chargeback' in answer) read += 1
              return answer
            }
          },
        }),
    )
    const count = 300
    for (let n = 0; n < count; n++) {
      const ended = endedSession(
        aSession({ id: `ses_c${n}`, request: aRequest({ id: `req_c${n}` }) }),
        FIXTURE_NOW,
      )
      app.session({ ...ended, chargeback: { reason: '', recordedAt: FIXTURE_NOW } })
    }
    expect(app.shown).toHaveLength(count)
    // Reading every earlier one at each would be tens of thousands.
    expect(read).toBeLessThanOrEqual(3 * count)
    // A snapshot still looks at them all, and finds each warned already.
    app.snapshotAgain()
    expect(app.shown).toHaveLength(count)
  })

  it('warns once when the warning cannot be recorded (a full disk), and records it once the disk allows', () => {
    const app = setUp()
    const disk = failWrites(app.cache, 'markStandingWarned')
    app.figures(reviewFigures(3.9))
    const ended = endedSession(aSession({ id: 'ses_1' }), FIXTURE_NOW)
    app.session({ ...ended, chargeback: { reason: 'Disputed', recordedAt: FIXTURE_NOW } })
    app.figures(reviewFigures(3.8))
    expect(titles(app.shown)).toEqual(['Your rating dropped below 4.0', 'A chargeback was recorded'])

    disk.free()
    app.figures(reviewFigures(3.7))
    app.restart()
    app.snapshotAgain()
    expect(app.shown).toHaveLength(2)
  })

  it('a warning the disk could not record for one expert does not stand for the next one signed in', () => {
    const app = setUp()
    const disk = failWrites(app.cache, 'markStandingWarned')
    app.figures(reviewFigures(3.9))
    app.emptied()
    disk.free()
    app.figures(reviewFigures(3.8))
    expect(titles(app.shown)).toEqual(['Your rating dropped below 4.0', 'Your rating dropped below 4.0'])
  })
})
