// Pushes a hostile or broken platform sends that each pass the protocol's schema, or break it in a
// way the link fuzz does not reach (names, binary, a second welcome), fed to a whole core over
// socket.io: for each, the core stays online, the good invite pushed after it shows once, nothing
// the hostile push says is shown to the expert (at most one notice that something was skipped),
// what the expert already holds stays as it was, and the log says so in a few lines, not many.
import { describe, expect, it } from 'vitest'
import { LIVE_EVENT, type PlatformEvent } from '../../../../src/shared/protocol'
import { LONGEST_INVITE_OPEN_MS } from '../../../../src/main/core/sync/invite-expiry-bound'
import type { Logger } from '../../../../src/main/core/ports/logger'
import { useCleanup } from '../../../support/cleanup'
import {
  aMessage,
  anExpert,
  anInvite,
  aRequest,
  aSession,
  expertUpdated,
  inviteClosed,
  inviteCreated,
  messageCreated,
  sessionUpdated,
} from '../../../support/fixtures'
import { snapshotThenNothing, startHostilePlatform } from '../../../support/hostile-platform'
import { startTestCore } from '../../../support/test-core'
import type { Socket } from 'socket.io'

const HOUR = 3_600_000

/** A session Ada holds from the start, whose ids the attacks collide with. */
function heldSession(now: number) {
  return aSession({ id: 'ses_held', request: aRequest({ id: 'req_held', title: 'Held', createdAt: now }) })
}

/** The client's message Ada holds from the start, in the held session's thread. */
function heldMessage(now: number) {
  return aMessage({ id: 'msg_held', requestId: 'req_held', body: 'Can you look at my query?', sentAt: now })
}

const CONTRADICTS = /contradicts itself/
const UNREADABLE = /could not be read/
const MALFORMED = /platform sent a malformed update/

/** A hostile push: what the platform emits on the socket, from event 2 on; returns the next free event id. */
type Attack = (socket: Socket, now: number) => number

const emit =
  (...events: ((now: number) => PlatformEvent)[]): Attack =>
  (socket, now) => {
    for (const event of events) socket.emit(LIVE_EVENT, event(now))
    return events.length + 2
  }

/**
 * An invite a hostile push carries that the expert is still shown (its expiry brought in): its id,
 * and the latest it may stay open after the time the push was read.
 */
interface KeptInvite {
  readonly id: string
  readonly openAtMostMs: number
}

/** A hostile push, and the title of the one notice it may bring the expert (none when null). */
const ATTACKS: ReadonlyArray<readonly [string, Attack, RegExp | null]> = [
  [
    'a message in a thread Ada has no invite or session for',
    emit((now) => messageCreated(2, aMessage({ id: 'msg_x', requestId: 'req_nowhere', sentAt: now }), now)),
    CONTRADICTS,
  ],
  [
    'an invite closed as accepted that was never sent, into a session Ada does not have',
    emit((now) => inviteClosed(2, 'inv_never', 'accepted', 'ses_nowhere', now)),
    null,
  ],
  [
    "another expert's session",
    emit((now) => sessionUpdated(2, aSession({ id: 'ses_m', expertId: 'exp_mallory', updatedAt: now }), now)),
    CONTRADICTS,
  ],
  [
    "another expert's profile",
    emit((now) => expertUpdated(2, anExpert({ id: 'exp_mallory' }), now)),
    CONTRADICTS,
  ],
  [
    "an invite whose request is the held session's",
    emit((now) =>
      inviteCreated(
        2,
        anInvite({ id: 'inv_steal', request: heldSession(now).request, expiresAt: now + HOUR }),
        now,
      ),
    ),
    CONTRADICTS,
  ],
  [
    "a second session for the held session's request, under another id",
    emit((now) => sessionUpdated(2, { ...heldSession(now), id: 'ses_second', updatedAt: now + 1 }, now)),
    CONTRADICTS,
  ],
  [
    'the held session moved to another request',
    emit((now) =>
      sessionUpdated(
        2,
        { ...heldSession(now), request: aRequest({ id: 'req_other', createdAt: now }), updatedAt: now },
        now,
      ),
    ),
    CONTRADICTS,
  ],
  [
    "the client's held message again, moved into another thread",
    emit((now) =>
      messageCreated(2, { ...heldMessage(now), requestId: 'req_other', body: 'Pay me here' }, now),
    ),
    CONTRADICTS,
  ],
  [
    "the client's held message again, as Ada's own",
    emit((now) => messageCreated(2, { ...heldMessage(now), from: 'expert', body: 'I will pay you' }, now)),
    CONTRADICTS,
  ],
  [
    'an event stamped in 2199 and one in 2000',
    emit(
      () => expertUpdated(2, anExpert({ id: 'exp_ada' }), Date.UTC(2199, 0, 1)),
      () => expertUpdated(3, anExpert({ id: 'exp_ada' }), Date.UTC(2000, 0, 1)),
    ),
    null,
  ],
  [
    'an event the core already applied, again with another payload',
    (socket, now) => {
      const invite = anInvite({ id: 'inv_dup', request: aRequest({ id: 'req_dup', createdAt: now }) })
      socket.emit(LIVE_EVENT, inviteCreated(1, { ...invite, expiresAt: now + HOUR }, now))
      return 2
    },
    null,
  ],
  [
    'messages of names the protocol does not have, binary where JSON is expected',
    (socket, now) => {
      const invite = anInvite({ id: 'inv_n', request: aRequest({ id: 'req_n', createdAt: now }) })
      socket.emit('platform-events', inviteCreated(2, invite, now))
      socket.emit('invite.created', invite)
      socket.emit(LIVE_EVENT, Buffer.from(JSON.stringify(inviteCreated(2, invite, now))))
      return 2
    },
    null,
  ],
  [
    'an event of a known kind with a binary payload',
    (socket, now) => {
      const invite = anInvite({ id: 'inv_n', request: aRequest({ id: 'req_n', createdAt: now }) })
      socket.emit(LIVE_EVENT, { ...inviteCreated(2, invite, now), payload: Buffer.alloc(1_000) })
      return 3
    },
    MALFORMED,
  ],
  [
    'an invite in a state this version does not know (a newer platform may send one)',
    emit((now) => {
      const invite = anInvite({ id: 'inv_s', request: aRequest({ id: 'req_s', createdAt: now }) })
      return inviteCreated(2, { ...invite, state: 'snoozed' as 'open' }, now)
    }),
    UNREADABLE,
  ],
  [
    'a second welcome, for another expert',
    (socket) => {
      socket.emit('welcome', { protocolVersion: 1, expertId: 'exp_mallory', latestEventId: 0, serverTime: 0 })
      return 2
    },
    null,
  ],
  [
    'the held session booked in 2199, then in 2000',
    emit(
      (now) =>
        sessionUpdated(
          2,
          { ...heldSession(now), bookedStart: Date.UTC(2199, 0, 1), updatedAt: now + 1 },
          now,
        ),
      (now) =>
        sessionUpdated(
          3,
          { ...heldSession(now), bookedStart: Date.UTC(2000, 0, 1), updatedAt: now + 2 },
          now,
        ),
    ),
    null,
  ],
  [
    'an invite that expired before it was sent',
    emit((now) => {
      const request = aRequest({ id: 'req_old', title: 'Old', createdAt: now })
      return inviteCreated(2, anInvite({ id: 'inv_old', request, sentAt: now, expiresAt: now - HOUR }), now)
    }),
    null,
  ],
  [
    'ten thousand messages of an unknown name',
    (socket) => {
      for (let i = 0; i < 10_000; i++) socket.emit('noise', { i })
      return 2
    },
    null,
  ],
]

/** Invites sent open until 2199, of each kind: kept, with their expiry brought in. */
const LONG_INVITES = (['instant', 'scheduled'] as const).map(
  (kind) =>
    [
      `${kind === 'instant' ? 'an' : 'a'} ${kind} invite open until 2199: kept, open no longer than such an invite stays`,
      emit((now) => {
        const times = kind === 'instant' ? [] : [now + 2 * HOUR]
        const request = aRequest({
          id: 'req_long',
          title: 'Long',
          kind,
          proposedTimes: times,
          createdAt: now,
        })
        const invite = anInvite({ id: 'inv_long', request, sentAt: now, expiresAt: Date.UTC(2199, 0, 1) })
        return inviteCreated(2, invite, now)
      }),
      null,
      { id: 'inv_long', openAtMostMs: LONGEST_INVITE_OPEN_MS[kind] },
    ] as const,
)

/** Every row: a push, its notice, and the invite in it that is kept (none when null). */
const ROWS: ReadonlyArray<readonly [string, Attack, RegExp | null, KeptInvite | null]> = [
  ...ATTACKS.map(([name, attack, told]) => [name, attack, told, null] as const),
  ...LONG_INVITES,
]

describe('hostile pushes to a whole core', () => {
  const defer = useCleanup()

  it.each(ROWS)(
    '%s: stays online, shows the next good invite once and nothing else, logs a few lines',
    async (_, attack, told, kept) => {
      const now = Date.now()
      const lines: string[] = []
      const write = (message: string) => void lines.push(message)
      const log: Logger = { info: write, warn: write, error: write }
      const platform = await startHostilePlatform({
        welcome: () => ({ latestEventId: 1 }),
        replay: snapshotThenNothing({
          sessions: [heldSession(now)],
          recentMessages: [heldMessage(now)],
          takenAt: now,
        }),
      })
      defer(() => platform.close())
      const core = await startTestCore({ platformUrl: platform.url, token: 't', expertId: 'exp_ada', log })
      defer(() => core.close(true))
      await core.waitForState((s) => s.status === 'online')
      await core.runtime.core.settled()
      const before = lines.length
      const [socket] = await platform.io.fetchSockets()
      const next = attack(socket as unknown as Socket, now)
      const good = anInvite({
        id: 'inv_good',
        request: aRequest({ id: 'req_good', title: 'Good', createdAt: now }),
        expiresAt: now + HOUR,
      })
      socket!.emit(LIVE_EVENT, inviteCreated(next, good, now))
      await core.waitForNotifications(1)
      await core.runtime.core.settled()
      expect(core.runtime.core.connection.status).toBe('online')
      const notices = told === null ? [] : [expect.stringMatching(told)]
      const keptShown = kept === null ? [] : [expect.stringMatching(/Long/)]
      expect(core.adapters.notifier.shown.map((n) => n.title)).toEqual([
        ...notices,
        ...keptShown,
        expect.stringMatching(/Good/),
      ])
      const open = core.runtime.cache.openInvites(now).map((i) => i.id)
      expect(open.toSorted()).toEqual(kept === null ? ['inv_good'] : ['inv_good', kept.id].toSorted())
      if (kept !== null) {
        const runsOut = core.runtime.cache.invite(kept.id)?.expiresAt ?? 0
        expect(runsOut).toBeGreaterThan(now)
        // Brought in from 2199 to the platform's time as estimated here, a little off this computer's.
        expect(runsOut).toBeLessThan(Date.now() + kept.openAtMostMs + HOUR)
        expect(lines.slice(before)).toContainEqual(
          expect.stringMatching(/Invite inv_long said it stays open until 2199/),
        )
      }
      expect(core.runtime.cache.expert()?.id).toBe('exp_ada')
      expect(core.runtime.cache.session('ses_held')?.request.id).toBe('req_held')
      expect(core.runtime.cache.messages('req_held')).toEqual([heldMessage(now)])
      expect(core.runtime.cache.messages('req_nowhere')).toEqual([])
      expect(lines.length - before).toBeLessThan(12)
      expect(lines.slice(before).every((line) => line.length < 2_000)).toBe(true)
    },
  )
})
