// An invite's expiry years away is brought in to the longest its kind stays open, in a stream
// batch and in a snapshot alike; an ordinary one is left as the platform sent it.
import { describe, expect, it } from 'vitest'
import {
  LONGEST_INVITE_OPEN_MS,
  entriesWithExpiriesBounded,
  snapshotWithExpiriesBounded,
} from '../../../../../src/main/core/sync/invite-expiry-bound'
import {
  aSnapshot,
  anInvite,
  aRequest,
  FIXTURE_NOW,
  inviteCreated,
  MINUTE,
} from '../../../../support/fixtures'
import { recordingLog } from '../../../../support/recording-log'

const FAR = Date.UTC(2199, 0, 1)

describe('an invite open until years away', () => {
  it('runs out at the longest an instant invite stays open, with a log line; an ordinary one is as sent', () => {
    const log = recordingLog()
    const far = anInvite({ id: 'inv_far', expiresAt: FAR })
    const ordinary = anInvite({ id: 'inv_ok', expiresAt: FIXTURE_NOW + 5 * MINUTE })
    const entries = entriesWithExpiriesBounded(
      [inviteCreated(1, far), inviteCreated(2, ordinary)],
      FIXTURE_NOW,
      log,
    )
    expect(entries.map((e) => (e.type === 'invite.created' ? e.payload.invite.expiresAt : null))).toEqual([
      FIXTURE_NOW + LONGEST_INVITE_OPEN_MS.instant,
      FIXTURE_NOW + 5 * MINUTE,
    ])
    expect(log.lines).toEqual([expect.stringMatching(/Invite inv_far said it stays open until 2199-01-01/)])
  })

  it('is brought in from a snapshot too, a scheduled one to the longest a scheduled invite stays open', () => {
    const log = recordingLog()
    const request = aRequest({ id: 'req_s', kind: 'scheduled', proposedTimes: [FIXTURE_NOW + 60 * MINUTE] })
    const snapshot = aSnapshot({ openInvites: [anInvite({ id: 'inv_s', request, expiresAt: FAR })] })
    const bounded = snapshotWithExpiriesBounded(snapshot, FIXTURE_NOW, log)
    expect(bounded.openInvites[0]?.expiresAt).toBe(FIXTURE_NOW + LONGEST_INVITE_OPEN_MS.scheduled)
  })

  it("keeps open to its own expiry an invite of the longest setting sent while this computer's estimate of the platform's time lags", () => {
    // Before the platform's time is measured the computer's clock stands in, and it may be behind:
    // the invite was sent an hour after "now" here, and is open the longest an instant one may be.
    const log = recordingLog()
    const sentAt = FIXTURE_NOW + 60 * MINUTE
    const longest = anInvite({ sentAt, expiresAt: sentAt + LONGEST_INVITE_OPEN_MS.instant })
    const [entry] = entriesWithExpiriesBounded([inviteCreated(1, longest)], FIXTURE_NOW, log)
    expect(entry?.type === 'invite.created' && entry.payload.invite.expiresAt).toBe(longest.expiresAt)
    expect(log.lines).toEqual([])
    // One sent "years ahead" with it is still brought in: its sentAt counts no further than a day.
    const hostile = anInvite({ id: 'inv_h', sentAt: FAR, expiresAt: FAR })
    const [cut] = entriesWithExpiriesBounded([inviteCreated(2, hostile)], FIXTURE_NOW, log)
    expect(cut?.type === 'invite.created' && cut.payload.invite.expiresAt).toBe(
      FIXTURE_NOW + 2 * LONGEST_INVITE_OPEN_MS.instant,
    )
  })
})
