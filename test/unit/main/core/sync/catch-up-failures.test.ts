import { describe, expect, it } from 'vitest'
import type { AppNotification } from '../../../../../src/main/core/ports/notifier'
import {
  CacheWriteFailed,
  CatchUpFailures,
  cacheWrite,
} from '../../../../../src/main/core/sync/catch-up-failures'
import { StreamNotFollowable } from '../../../../../src/main/core/sync/snapshot-assembly'
import { recordingLog } from '../../../../support/recording-log'

/** An error as better-sqlite3 throws it. */
const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { code })
const diskFull = () => new CacheWriteFailed(sqliteError('SQLITE_FULL', 'database or disk is full'))

function failures(random = 0) {
  const shown: AppNotification[] = []
  const log = recordingLog()
  return {
    shown,
    log,
    failures: new CatchUpFailures({ notifier: { show: (n) => shown.push(n) }, log, random: () => random }),
  }
}

const waits = (f: CatchUpFailures, count: number, error: () => unknown): number[] =>
  Array.from({ length: count }, () => {
    const next = f.failed(error())
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
    const next = f.failed(diskFull())
    expect(next).toMatchObject({
      kind: 'retry',
      smallerPages: false,
      line: expect.stringMatching(/database or disk is full\). Free some space on the disk/),
    })
    f.failed(diskFull())
    expect(shown).toEqual([
      {
        kind: 'notice',
        noticeId: 'cache-write-failed',
        title: 'Standby cannot save new invites',
        body: expect.stringMatching(/^Saving to this computer failed \(database or disk is full\)/),
      },
    ])
    expect(log.lines.filter((l) => l.startsWith('error Could not save'))).toHaveLength(2)
    f.caughtUp()
    f.caughtUp()
    expect(shown.map((n) => n.kind)).toEqual(['notice', 'notice_withdrawn'])
  })

  it('say what to do about a read-only profile, and tell a link that failed in the connection line alone', () => {
    const { failures: f, shown } = failures()
    const readOnly = new CacheWriteFailed(
      sqliteError('SQLITE_READONLY', 'attempt to write a readonly database'),
    )
    expect(f.failed(readOnly)).toMatchObject({
      line: expect.stringMatching(/profile folder is writable/),
    })
    const { failures: link, shown: none } = failures()
    expect(link.failed(new Error('not connected'))).toMatchObject({
      line: expect.stringMatching(/^Standby could not catch up with the platform \(not connected\)/),
      smallerPages: true,
    })
    expect(none).toEqual([])
    expect(shown).toHaveLength(1)
  })

  it('stop on a stream that cannot be followed', () => {
    const { failures: f } = failures()
    expect(f.failed(new StreamNotFollowable('Update Standby.'))).toEqual({
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
