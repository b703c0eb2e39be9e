import { describe, expect, it } from 'vitest'
import {
  entriesWithRoomsOnPlatform,
  snapshotWithRoomsOnPlatform,
} from '../../../../../src/main/core/sync/rooms-on-platform'
import { anInvite, aSession, aSnapshot, inviteCreated, sessionUpdated } from '../../../../support/fixtures'
import { recordingLog } from '../../../../support/recording-log'

const PLATFORM = 'http://127.0.0.1:4455'

describe('rooms checked on arrival', () => {
  it('keeps a room on the platform signed in to, as a path or a whole URL, and everything else as sent', () => {
    const log = recordingLog()
    const entries = [
      sessionUpdated(1, aSession({ id: 'ses_1', roomUrl: '/rooms/ses_1?key=k' })),
      sessionUpdated(2, aSession({ id: 'ses_2', roomUrl: `${PLATFORM}/rooms/ses_2?key=k` })),
      sessionUpdated(3, aSession({ id: 'ses_3', roomUrl: null })),
      inviteCreated(4, anInvite()),
      { type: 'unreadable' as const, id: 5, problem: 'bad' },
    ]
    expect(entriesWithRoomsOnPlatform(entries, PLATFORM, log)).toEqual(entries)
    expect(log.lines).toEqual([])
  })

  it('drops a room on another site from events and snapshots alike, keeping the session, with a log line', () => {
    const log = recordingLog()
    const foreign = aSession({
      id: 'ses_1',
      state: 'live',
      roomUrl: 'https://evil.example/rooms/1?key=stolen',
    })
    const [event] = entriesWithRoomsOnPlatform([sessionUpdated(1, foreign)], PLATFORM, log)
    expect(event).toMatchObject({
      type: 'session.updated',
      payload: { session: { ...foreign, roomUrl: null } },
    })
    const snapshot = snapshotWithRoomsOnPlatform(aSnapshot({ sessions: [foreign] }), PLATFORM, log)
    expect(snapshot.sessions).toEqual([{ ...foreign, roomUrl: null }])
    expect(log.lines).toHaveLength(2)
    expect(log.text()).toMatch(
      /Dropped the room of session ses_1: it is not on the platform signed in to \(http:\/\/127.0.0.1:4455\)/,
    )
    expect(log.text()).not.toContain('stolen')
  })
})
