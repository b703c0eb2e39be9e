// An availability picked here, lost with its connection, meets the expert's newer choice made on
// another device while Standby reconnected: the newer choice stands, and the pick is not sent again.
import { describe, expect, it } from 'vitest'
import { availabilityOvertaking } from '../../../../src/main/core/availability-overtaken'
import type { CacheUpdate } from '../../../../src/main/core/sync/cache-push'
import type { SyncState } from '../../../../src/main/core/sync/sync-state'
import { Listeners } from '../../../../src/shared/listeners'
import {
  PROTOCOL_VERSION,
  WELCOME_EVENT,
  type Availability,
  type PlatformEvent,
} from '../../../../src/shared/protocol'
import { anExpert, expertUpdated, FIXTURE_NOW } from '../../../support/fixtures'
import { memoryLink } from '../../../support/memory-link'

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** A sync the test moves by hand: its state, and the events its catch-up brings. */
function handSync() {
  const sync = {
    state: { kind: 'live', since: FIXTURE_NOW } as SyncState,
    states: new Listeners<SyncState>(),
    changes: new Listeners<CacheUpdate>(),
  }
  const set = (state: SyncState): void => {
    sync.state = state
    sync.states.emit(state)
  }
  return { sync, set }
}

/**
 * "Available" picked here, its connection dropped before it reached the platform; on the next
 * connection the catch-up brings `meanwhile` (the expert's own choices, in order). Returns the
 * pick's outcome and how many times the command went out.
 */
async function pickLostThenCaughtUp(
  meanwhile: ReadonlyArray<Availability | readonly [Availability, string]>,
  failingBefore = false,
  earlierHere: ReadonlyArray<Availability> = [],
  laterHere?: Availability,
  sentHere: ReadonlyArray<string> = [],
) {
  const { link, connections, clock } = memoryLink()
  link.start()
  const connection = connections[0]!
  const welcome = { protocolVersion: PROTOCOL_VERSION, expertId: 'exp_ada', latestEventId: 0 }
  connection.accept()
  connection.send(WELCOME_EVENT, { ...welcome, serverTime: FIXTURE_NOW })
  const { sync, set } = handSync()
  if (failingBefore) sync.state = { kind: 'failing', message: 'Could not save', nextAttemptAt: FIXTURE_NOW }
  const overtaking = availabilityOvertaking(sync, clock, 'online', earlierHere, (key) =>
    sentHere.includes(key),
  )
  const pick = link.command(
    'availability.set',
    { availability: 'online', onlineUntil: null },
    undefined,
    overtaking,
  )
  let outcome: Awaited<typeof pick> | undefined
  void pick.then((o) => (outcome = o))
  await turn()
  connection.drop()
  await turn()
  clock.advance(1_000)
  connection.accept()
  connection.send(WELCOME_EVENT, { ...welcome, serverTime: FIXTURE_NOW + 1_000 })
  await turn()
  // A sync that was failing goes straight to live once a catch-up works.
  if (!failingBefore) set({ kind: 'catching_up' })
  // The expert picks again here on the new connection while its catch-up is under way.
  if (laterHere !== undefined) overtaking.pickedLater(laterHere)
  // A choice given with a key is one whose event names its command's key, as the platform does.
  const events = meanwhile.map((choice, i): PlatformEvent => {
    const [availability, key] = typeof choice === 'string' ? [choice] : choice
    const expert = anExpert({ availability, availabilityCause: 'chosen' })
    if (key === undefined) return expertUpdated(i + 1, expert)
    return { id: i + 1, at: FIXTURE_NOW, type: 'expert.updated', payload: { expert, idempotencyKey: key } }
  })
  if (events.length > 0) sync.changes.emit({ kind: 'events', events })
  set({ kind: 'live', since: FIXTURE_NOW + 1_000 })
  await turn()
  const sent = connection.requests.filter((r) => r.name === 'command').length
  overtaking.stop()
  return { outcome, sent }
}

describe('an availability picked here whose command was lost with its connection', () => {
  it('is not sent again once the catch-up shows the expert chose otherwise on another device, and says so', async () => {
    const { outcome, sent } = await pickLostThenCaughtUp(['away'])
    expect(sent).toBe(1)
    expect(outcome).toMatchObject({
      ok: false,
      error: {
        code: 'overtaken',
        message:
          'You chose away on another device while Standby was reconnecting, so that newer choice stands and available was not sent again. Pick available again if you meant it.',
      },
    })
  })

  it('is not sent again either when the sync was failing before and goes straight to live', async () => {
    const { outcome, sent } = await pickLostThenCaughtUp(['away'], true)
    expect(sent).toBe(1)
    expect(outcome).toMatchObject({ ok: false, error: { code: 'overtaken' } })
  })

  it('is sent again, once, when nothing was chosen meanwhile, or the last choice was the same', async () => {
    for (const meanwhile of [[], ['away', 'online']] as const) {
      const { outcome, sent } = await pickLostThenCaughtUp(meanwhile)
      expect(sent, meanwhile.join()).toBe(2)
      expect(outcome, meanwhile.join()).toBeUndefined()
    }
  })

  it('is sent again when the choice the catch-up brings is an earlier pick made here whose answer was lost', async () => {
    // "Away" then "Available" here; "Away" reached the platform before the drop, "Available" did not.
    const { outcome, sent } = await pickLostThenCaughtUp(['away'], false, ['away'])
    expect(sent).toBe(2)
    expect(outcome).toBeUndefined()
  })

  it('still stands aside for a choice on another device after an earlier pick made here arrived', async () => {
    const { outcome, sent } = await pickLostThenCaughtUp(['away', 'busy'], false, ['away'])
    expect(sent).toBe(1)
    expect(outcome).toMatchObject({ ok: false, error: { code: 'overtaken' } })
  })

  it('tells a same-value choice on another device from an earlier pick made here that never arrived, by its key', async () => {
    // "Away" then "Available" here, both lost; the phone chose away meanwhile, after them.
    const { outcome, sent } = await pickLostThenCaughtUp(
      [['away', 'phone-choice']],
      false,
      ['away'],
      undefined,
      ['away-here'],
    )
    expect(sent).toBe(1)
    expect(outcome).toMatchObject({ ok: false, error: { code: 'overtaken' } })
  })

  it('takes a choice whose key it sent itself for its own, even one answered before the drop', async () => {
    // An earlier "Away" here was answered, yet its event came only with the catch-up.
    const { outcome, sent } = await pickLostThenCaughtUp([['away', 'away-here']], false, [], undefined, [
      'away-here',
    ])
    expect(sent).toBe(2)
    expect(outcome).toBeUndefined()
  })

  it('is not sent again over a pick made here after it, whatever the catch-up brings', async () => {
    for (const meanwhile of [[], ['away'], ['online']] as const) {
      const { outcome, sent } = await pickLostThenCaughtUp(meanwhile, false, [], 'away')
      expect(sent, meanwhile.join()).toBe(1)
      expect(outcome, meanwhile.join()).toMatchObject({
        ok: false,
        error: { code: 'overtaken', message: 'You picked away since, so available was not sent again.' },
      })
    }
  })
})
