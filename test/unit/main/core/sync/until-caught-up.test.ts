// What a command refused as "done already" waits for: the cache caught up with the platform, through
// a catch-up that fails and is tried again, but not past a sync that cannot get there by waiting.
import { describe, expect, it } from 'vitest'
import { Listeners } from '../../../../../src/shared/listeners'
import type { SyncState } from '../../../../../src/main/core/sync/sync-engine'
import { untilCaughtUp } from '../../../../../src/main/core/sync/until-caught-up'

/** A sync in `state`, whose `move` changes its state as the engine does, telling its listeners. */
function aSync(state: SyncState) {
  const sync = { state, states: new Listeners<SyncState>(() => {}) }
  const move = (next: SyncState): void => {
    sync.state = next
    sync.states.emit(next)
  }
  return { sync, move }
}

/** Whether `wait` has resolved, once every pending turn has run. */
async function resolved(wait: Promise<void>): Promise<boolean> {
  let done = false
  void wait.then(() => (done = true))
  for (let i = 0; i < 5; i++) await Promise.resolve()
  return done
}

const failing: SyncState = {
  kind: 'failing',
  message: 'The platform could not read its events.',
  nextAttemptAt: 0,
}

describe('untilCaughtUp', () => {
  it('waits through a catch-up that fails and is tried again, until the sync is live', async () => {
    const { sync, move } = aSync({ kind: 'catching_up' })
    const wait = untilCaughtUp(sync, new AbortController().signal)
    move(failing)
    move({ kind: 'catching_up' })
    expect(await resolved(wait)).toBe(false)
    move({ kind: 'live', since: 0 })
    expect(await resolved(wait)).toBe(true)
    expect(sync.states.size).toBe(0)
  })

  it('does not wait on a sync that waiting brings no closer: none, live, stuck or stopped', async () => {
    const stop = new AbortController().signal
    expect(await resolved(untilCaughtUp(undefined, stop))).toBe(true)
    expect(await resolved(untilCaughtUp(aSync({ kind: 'live', since: 0 }).sync, stop))).toBe(true)
    expect(
      await resolved(untilCaughtUp(aSync({ kind: 'stuck', message: 'Unreadable events.' }).sync, stop)),
    ).toBe(true)
    const { sync, move } = aSync(failing)
    const wait = untilCaughtUp(sync, stop)
    move({ kind: 'idle' })
    expect(await resolved(wait)).toBe(true)
  })

  it('ends when the wait runs out, and stops listening to the sync', async () => {
    const { sync } = aSync({ kind: 'catching_up' })
    const stop = new AbortController()
    const wait = untilCaughtUp(sync, stop.signal)
    expect(sync.states.size).toBe(1)
    stop.abort()
    expect(await resolved(wait)).toBe(true)
    expect(sync.states.size).toBe(0)
  })
})
