import { describe, expect, it } from 'vitest'
import { connectionOnPlatformClock } from '../../../src/renderer/logic/platform-time'
import { FIXTURE_NOW } from '../../support/fixtures'

const HOUR = 3_600_000

describe('connection times on the platform’s clock', () => {
  it('moves the retry moment and the last sync by the offset, and leaves the rest', () => {
    expect(
      connectionOnPlatformClock(
        {
          status: 'reconnecting',
          nextAttemptAt: FIXTURE_NOW,
          attempt: 2,
          reason: 'gone',
          lastSyncedAt: null,
        },
        2 * HOUR,
      ),
    ).toEqual({
      status: 'reconnecting',
      nextAttemptAt: FIXTURE_NOW + 2 * HOUR,
      attempt: 2,
      reason: 'gone',
      lastSyncedAt: null,
    })
    expect(
      connectionOnPlatformClock(
        { status: 'offline', nextAttemptAt: null, reason: 'gone', lastSyncedAt: FIXTURE_NOW },
        -HOUR,
      ),
    ).toEqual({ status: 'offline', nextAttemptAt: null, reason: 'gone', lastSyncedAt: FIXTURE_NOW - HOUR })
    const signedOut = { status: 'signed_out', reason: null } as const
    expect(connectionOnPlatformClock(signedOut, HOUR)).toBe(signedOut)
  })
})
