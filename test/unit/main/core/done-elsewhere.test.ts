// A refusal of what the cache, once caught up, shows done as asked is told as done; any other
// refusal is told as the platform gave it.
import { describe, expect, it } from 'vitest'
import type { CommandOutcome } from '../../../../src/shared/command-outcome'
import { unlessDoneElsewhere, type DoneElsewhereDeps } from '../../../../src/main/core/done-elsewhere'
import type { Session } from '../../../../src/shared/protocol'
import { ManualClock } from '../../../../src/shared/clock'
import { anInvite, aSession, endedSession, FIXTURE_NOW, liveSession } from '../../../support/fixtures'
import { cacheCatchingUp, WAIT_MS, type Held } from './done-elsewhere-kit'

const ALREADY = {
  ok: false,
  error: { code: 'conflict', message: 'You already accepted this invite.' },
} as const

/** Let every promise that can settle, settle. */
async function settledTurns(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

describe('a refusal of what was done elsewhere', () => {
  const invite = anInvite()
  const session = aSession({ request: invite.request, state: 'live' })
  const accepted = { invite: { ...invite, state: 'accepted' as const }, session }

  it('reads the cache once the catch-up under way is over: the accept it brings is told as joined', async () => {
    const deps = cacheCatchingUp({ invite, session: null }, accepted)
    const told = await unlessDoneElsewhere(
      deps,
      'invite.accept',
      { inviteId: invite.id, proposedTime: null },
      ALREADY,
    )
    expect(told).toEqual({ ok: true, result: { session }, doneElsewhere: true })
  })

  it('tells a Decline with a reason, declined elsewhere first, as done elsewhere: the reason chosen here was not sent', async () => {
    const declined = { invite: { ...invite, state: 'declined' as const }, session: null }
    const deps = cacheCatchingUp({ invite, session: null }, declined)
    const refusal = {
      ok: false,
      error: { code: 'invalid_state', message: 'You already declined this invite.' },
    } as const
    expect(
      await unlessDoneElsewhere(deps, 'invite.decline', { inviteId: invite.id, reason: 'no_time' }, refusal),
    ).toEqual({ ok: true, result: { inviteId: invite.id }, doneElsewhere: true })
  })

  it('is told as refused when the caught-up cache still has the invite open (a booking that overlaps)', async () => {
    const deps = cacheCatchingUp({ invite, session: null }, { invite, session: null })
    const overlap = {
      ok: false,
      error: { code: 'conflict', message: 'That time overlaps your session “Tax return review”.' },
    } as const
    expect(
      await unlessDoneElsewhere(deps, 'invite.accept', { inviteId: invite.id, proposedTime: 5 }, overlap),
    ).toBe(overlap)
  })

  it('tells an End retried with a note of a lone U+FFFD, whose answer was lost, as done: the session reads it as no note', async () => {
    // The platform stored the note as sent; the app reads a lone U+FFFD as no note (ClosingNote).
    const ended = { ...endedSession(liveSession(session, FIXTURE_NOW), FIXTURE_NOW), closingNote: null }
    const deps = cacheCatchingUp(accepted, { ...accepted, session: ended })
    const already = {
      ok: false,
      error: { code: 'invalid_state', message: 'This session has already ended.' },
    } as const
    const end = (closingNote?: string) =>
      unlessDoneElsewhere(
        deps,
        'session.end',
        {
          sessionId: session.id,
          outcome: { kind: 'charged' },
          ...(closingNote === undefined ? {} : { closingNote }),
        },
        already,
      )
    const asDone = { ok: true, result: { session: ended }, doneElsewhere: true }
    expect(await end('\ufffd')).toEqual(asDone)
    expect(await end()).toEqual(asDone)
    // Ended without the note written here is still not the end asked for.
    expect(await end('Thanks \ufffd')).toBe(already)
  })

  it('is told as refused when the cache cannot be read', async () => {
    const deps = cacheCatchingUp(accepted, accepted)
    const broken: DoneElsewhereDeps = {
      ...deps,
      cache: {
        ...deps.cache,
        invite: () => {
          throw new Error('SQLITE_CORRUPT')
        },
      },
    }
    expect(
      await unlessDoneElsewhere(
        broken,
        'invite.accept',
        { inviteId: invite.id, proposedTime: null },
        ALREADY,
      ),
    ).toBe(ALREADY)
  })

  it('leaves other refusals, other commands and successes as they are, without waiting on the catch-up', async () => {
    let waited = false
    const deps: DoneElsewhereDeps = {
      ...cacheCatchingUp(accepted, accepted),
      caughtUp: async () => {
        waited = true
      },
    }
    const taken = {
      ok: false,
      error: { code: 'taken', message: 'Another expert already took this session.' },
    } as const
    const payload = { inviteId: invite.id, proposedTime: null }
    expect(await unlessDoneElsewhere(deps, 'invite.accept', payload, taken)).toBe(taken)
    const joined: CommandOutcome<{ session: Session }> = { ok: true, result: { session } }
    expect(await unlessDoneElsewhere(deps, 'invite.accept', payload, joined)).toBe(joined)
    const ended = {
      ok: false,
      error: { code: 'invalid_state', message: 'This session has already ended.' },
    } as const
    expect(await unlessDoneElsewhere(deps, 'session.join', { sessionId: session.id }, ended)).toBe(ended)
    expect(waited).toBe(false)
  })

  it('answers the press once the wait runs out, from the cache as it is, when the catch-up does not end', async () => {
    const clock = new ManualClock(FIXTURE_NOW)
    const payload = { inviteId: invite.id, proposedTime: null }
    // A slow link's catch-up, or a platform that never lets one end.
    const endless = (held: Held): DoneElsewhereDeps => ({
      ...cacheCatchingUp(held, held, false),
      clock,
      caughtUp: () => new Promise<void>(() => {}),
    })
    const told: unknown[] = []
    void unlessDoneElsewhere(endless({ invite, session: null }), 'invite.accept', payload, ALREADY).then(
      (outcome) => told.push(outcome),
    )
    void unlessDoneElsewhere(endless(accepted), 'invite.accept', payload, ALREADY).then((outcome) =>
      told.push(outcome),
    )
    await settledTurns()
    expect(told).toEqual([])
    clock.advance(WAIT_MS)
    await settledTurns()
    // Not done as far as this cache knows, which is behind: neither refused nor joined, but unconfirmed.
    expect(told).toEqual([
      { ok: false, error: expect.objectContaining({ code: 'unconfirmed' }) },
      { ok: true, result: { session }, doneElsewhere: true },
    ])
  })

  it('is told as refused when the expert signed out or in as another while the catch-up went on', async () => {
    let following = true
    const deps: DoneElsewhereDeps = {
      // The cache the wait ends on shows it done, but it is no longer the refused command's.
      ...cacheCatchingUp({ invite, session: null }, accepted),
      stillFollowing: () => following,
    }
    const caughtUp = deps.caughtUp
    const signedOutMeanwhile: DoneElsewhereDeps = {
      ...deps,
      caughtUp: async (stop) => {
        following = false
        await caughtUp(stop)
      },
    }
    const payload = { inviteId: invite.id, proposedTime: null }
    expect(await unlessDoneElsewhere(signedOutMeanwhile, 'invite.accept', payload, ALREADY)).toBe(ALREADY)
  })
})
