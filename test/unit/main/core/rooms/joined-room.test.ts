import { expect, it } from 'vitest'
import { oneNoticeOfAKind } from '../../../../../src/main/core/one-notice-of-a-kind'
import { openJoinedRoom } from '../../../../../src/main/core/rooms/joined-room'
import type { RoomOpener } from '../../../../../src/main/core/rooms/room-opener'
import { createRecordingNotifier } from '../../../../../src/main/node/adapters/recording-notifier'
import { aSession } from '../../../../support/fixtures'
import { recordingLog } from '../../../../support/recording-log'

it('tells each session whose room did not open on its own: a second failing does not take the first one’s notice away', async () => {
  const screen = createRecordingNotifier()
  const rooms = {
    open: async (session: { readonly id: string }) => ({
      ok: false,
      error: { code: 'invalid_state', message: `No browser opened the room of ${session.id}.` },
    }),
  } as unknown as RoomOpener
  const deps = { rooms, notifier: oneNoticeOfAKind(screen), log: recordingLog() }
  await openJoinedRoom(deps, aSession({ id: 'ses_a' }))
  await openJoinedRoom(deps, aSession({ id: 'ses_b' }))
  expect(screen.noticesOnScreen.map((n) => n.body)).toEqual([
    expect.stringContaining('ses_a'),
    expect.stringContaining('ses_b'),
  ])
})
