import { describe, expect, it } from 'vitest'
import type { AppNotification } from '../../../../../src/main/core/ports/notifier'
import {
  CacheWriteFailed,
  CatchUpFailures,
  STILL_FAILING_NOTICE_AFTER_MS,
  cacheWrite,
} from '../../../../../src/main/core/sync/catch-up-failures'
import { StreamNotFollowable } from '../../../../../src/main/core/sync/snapshot-assembly'
import { ManualClock } from '../../../../../src/shared/clock'
import { recordingLog } from '../../../../support/recording-log'

/** An error as better-sqlite3 throws it. */
const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { code })
const diskFull = () => new CacheWriteFailed(sqliteError('SQLITE_FULL', 'database or disk is full'))

function failures(random = 0) {
  const shown: AppNotification[] = []
  const log = recordingLog()
  const clock = new ManualClock(Date.UTC(2026, 11, 6))
  return {
    shown,
    log,
    clock,
    failures: new CatchUpFailures({
      clock,
      notifier: { show: (n) => shown.push(n) },
      log,
      random: () => random,
    }),
  }
}

const waits = (f: CatchUpFailures, count: number, error: () => unknown): number[] =>
  Array.from({ length: count }, () => {
    const next = f.failed(error(), 0)
    return next.kind === 'retry' ? next.wait : -1
  })

describe('failed catch-ups', () => {
  it('wait longer after each failure in a row, up to a minute, and from the start again once caught up', () => {
    const { failures: f } = failures()
    expect(waits(f, 8, diskFull)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000])
    f.caughtUp()
    expect(waits(f, 1, () => new Error('not connected'))).toEqual([1_000])
  })

  it('spread the waits of many apps by up to a quarter', () => {
    expect(waits(failures(0.999).failures, 7, diskFull).at(-1)).toBeCloseTo(45_000, -2)
  })

  it('tell a full disk once, with what to do, and withdraw the notice once saving works again', () => {
    const { failures: f, shown, log } = failures()
    // Shown at once, unlike a link's failure: a full disk is not fixed by trying again at once.
    const next = f.failed(diskFull(), 5_000)
    expect(next).toMatchObject({
      kind: 'retry',
      smallerPages: false,
      state: {
        kind: 'failing',
        message: expect.stringMatching(
          /database or disk is full\), so new invites wait\. Free some space on the disk/,
        ),
        nextAttemptAt: 6_000,
      },
    })
    f.failed(diskFull(), 6_000)
    expect(shown).toEqual([
      {
        kind: 'notice',
        noticeId: 'cache-write-failed',
        title: 'Standby cannot save new invites',
        body: expect.stringMatching(/^Saving to this computer failed \(database or disk is full\)/),
      },
    ])
    expect(log.lines.filter((l) => l.startsWith('error Could not save'))).toHaveLength(1)
    f.caughtUp()
    f.caughtUp()
    expect(shown.map((n) => n.kind)).toEqual(['notice', 'notice_withdrawn'])
  })

  it('say what to do about a read-only profile, and tell a link that failed in the connection line alone', () => {
    const { failures: f, shown } = failures()
    const readOnly = new CacheWriteFailed(
      sqliteError('SQLITE_READONLY', 'attempt to write a readonly database'),
    )
    expect(f.failed(readOnly, 0)).toMatchObject({
      state: { message: expect.stringMatching(/profile folder is writable/) },
    })
    const { failures: link, shown: none } = failures()
    link.failed(new Error('not connected'), 0)
    expect(link.failed(new Error('not connected'), 1_000)).toMatchObject({
      state: {
        message: expect.stringMatching(/^Standby could not catch up with the platform \(not connected\)/),
      },
      smallerPages: true,
    })
    expect(none).toEqual([])
    expect(shown).toHaveLength(1)
  })

  it('keep a single failure of the link out of sight, retried at once, and show the next one in a row', () => {
    const { failures: f, log } = failures()
    const link = () => new Error('The platform sent a malformed replay page')
    expect(f.failed(link(), 0)).toEqual({
      kind: 'retry',
      wait: 1_000,
      state: { kind: 'catching_up' },
      smallerPages: true,
    })
    expect(f.failed(link(), 1_000)).toMatchObject({
      state: {
        kind: 'failing',
        message: expect.stringMatching(
          /could not catch up .* If this goes on, the platform may be having trouble/,
        ),
        nextAttemptAt: 3_000,
      },
    })
    // Caught up in between: the next single failure is out of sight again.
    f.caughtUp()
    expect(f.failed(link(), 9_000)).toMatchObject({ state: { kind: 'catching_up' } })
    // Each streak's first failure is in the log, a hidden one included; the same failure again in
    // the same streak waits for the hourly reminder.
    expect(log.lines.filter((l) => l.includes('Catching up with the platform stopped'))).toHaveLength(2)
  })

  it.each([
    ['the platform failing', () => new Error('The platform sent a malformed replay page')],
    ['the disk full', diskFull],
  ])('log a catch-up that fails for a day with %s at a line an hour, not one a try', (_, error) => {
    const { failures: f, log, clock } = failures()
    const start = clock.now()
    while (clock.now() - start < 24 * 60 * 60 * 1000) {
      const next = f.failed(error(), clock.now())
      clock.advance(next.kind === 'retry' ? next.wait : 60_000)
    }
    expect(log.lines.length).toBeLessThanOrEqual(25)
    expect(log.lines.at(-1)).toMatch(
      /Still failing: \d+ attempts since 2026-12-06T00:00:00\.000Z failed this way\. /,
    )
    // Caught up, the next failure is told as a new one.
    f.caughtUp()
    f.failed(error(), clock.now())
    expect(log.lines.at(-1)).not.toMatch(/Still failing/)
  })

  it('tell a catch-up failing for long on an open connection once, and withdraw it once caught up', () => {
    const { failures: f, shown, clock } = failures()
    const stalled = () => new Error('the platform said it has events after event 9 but sent none of them')
    const failFor = (ms: number, connected = true): void => {
      const until = clock.now() + ms
      while (clock.now() < until) {
        const next = f.failed(stalled(), clock.now(), connected)
        clock.advance(next.kind === 'retry' ? next.wait : 60_000)
      }
    }
    // A hiccup, or a network that keeps dropping the connection, is the connection line's alone.
    failFor(STILL_FAILING_NOTICE_AFTER_MS / 2)
    failFor(STILL_FAILING_NOTICE_AFTER_MS * 2, false)
    f.caughtUp()
    failFor(STILL_FAILING_NOTICE_AFTER_MS / 2)
    expect(shown).toEqual([])
    failFor(STILL_FAILING_NOTICE_AFTER_MS * 10)
    expect(shown).toEqual([
      {
        kind: 'notice',
        noticeId: 'catch-up-failing',
        title: 'Standby cannot catch up with the platform',
        body: expect.stringMatching(
          /^Catching up keeps failing \(the platform said it has events after event 9 but sent none of them\), so new invites .* keeps trying .* tell the platform’s support/,
        ),
      },
    ])
    f.caughtUp()
    f.caughtUp()
    expect(shown.map((n) => [n.kind, n.kind === 'notice_withdrawn' && n.noticeId])).toEqual([
      ['notice', false],
      ['notice_withdrawn', 'catch-up-failing'],
    ])
  })

  it('say a try cut by a lost connection is tried again with the next connection, not after a wait', () => {
    const { failures: f, log } = failures()
    f.failed(new Error('socket has been disconnected'), 0, false)
    f.failed(diskFull(), 0, false)
    f.failed(new Error('The platform refused the replay: busy'), 0, true)
    expect(log.lines).toEqual([
      'warn Catching up with the platform stopped: socket has been disconnected; trying again once connected again',
      expect.stringMatching(/^error Could not save .*; trying again once connected again\.$/),
      'warn Catching up with the platform stopped: The platform refused the replay: busy; trying again in 4 s',
    ])
  })

  it('stop on a stream that cannot be followed', () => {
    const { failures: f } = failures()
    expect(f.failed(new StreamNotFollowable('Update Standby.'), 0)).toEqual({
      kind: 'stuck',
      message: 'Update Standby.',
    })
  })

  it('name a failure inside a cache write as the cache’s', () => {
    expect(() =>
      cacheWrite(() => {
        throw sqliteError('SQLITE_FULL', 'database or disk is full')
      }),
    ).toThrow(CacheWriteFailed)
    expect(cacheWrite(() => 7)).toBe(7)
  })
})
