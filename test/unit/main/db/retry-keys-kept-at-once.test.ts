import { describe, expect, it } from 'vitest'
import { keptRetryKeys } from '../../../../src/main/core/connection/kept-retry-keys'
import { MOST_PICK_KEYS, pickKeys } from '../../../../src/main/core/connection/pick-keys'
import { MOST_KEPT_RETRY_KEYS } from '../../../../src/main/db/repositories/retry-key-repository'
import { ManualClock } from '../../../../src/shared/clock'
import { PICKED_HERE } from '../../../../src/shared/pick-key-rows'
import { countRows, useFreshStores } from './cache-test-kit'

const signIn = { platformUrl: 'https://platform.example', expertId: 'exp_1' }

describe('a retry key kept at the same moment as the others (or with the clock set back)', () => {
  const freshStore = useFreshStores()

  it.each([
    ['in the same millisecond as the rest', 0],
    ['after the clock was set back', -3_600_000],
  ])('is kept, not the first pushed out, when kept %s', (_, step) => {
    const { store, db, log } = freshStore()
    const clock = new ManualClock(10_000_000)
    const kept = keptRetryKeys(store, signIn, clock, log)
    for (let n = 0; n < MOST_KEPT_RETRY_KEYS; n++) kept.keep(`invite.decline {"id":"inv_${n}"}`, `key-${n}`)
    clock.step(step)
    // Its name sorts after every other command's: it must still not be the one that goes.
    const message = 'message.send {"body":"On my way","requestId":"req_1"}'
    kept.keep(message, 'key-of-the-message')
    expect(keptRetryKeys(store, signIn, clock, log).find(message)).toBe('key-of-the-message')
    expect(countRows(db, 'retry_keys')).toBe(MOST_KEPT_RETRY_KEYS)
  })

  it('keeps the newest pick however its key is spelt, when the picks came within one millisecond', () => {
    const { store, log } = freshStore()
    const clock = new ManualClock(10_000_000)
    const picks = pickKeys(keptRetryKeys(store, signIn, clock, log))
    for (let n = 0; n < MOST_PICK_KEYS; n++) picks.add(`b-pick-${n}`)
    picks.add('z-the-last-pick')
    // After a restart: the last pick's event names its key, and it is known as this device's own.
    expect(pickKeys(keptRetryKeys(store, signIn, clock, log)).has('z-the-last-pick')).toBe(true)
  })
})

describe('a cache holding more keys of one kind than it keeps (an older version’s picks, an edited file)', () => {
  const freshStore = useFreshStores()

  it('is brought within both bounds by the next key kept, whichever its kind', () => {
    const { store, db, log } = freshStore()
    const insert = db.prepare('INSERT INTO retry_keys (scope, command, key, kept_at) VALUES (?, ?, ?, ?)')
    const scope = JSON.stringify(['https://platform.example', 'exp_1'])
    db.transaction(() => {
      for (let n = 0; n < 10 * MOST_KEPT_RETRY_KEYS; n++)
        insert.run(scope, `${PICKED_HERE}pick-${n}`, `pick-${n}`, n)
    })()
    const clock = new ManualClock(10_000_000)
    keptRetryKeys(store, signIn, clock, log).keep('message.send {"body":"On my way"}', 'key-of-the-message')
    expect(countRows(db, 'retry_keys')).toBe(MOST_PICK_KEYS + 1)
    // The newest picks are the ones left.
    expect(
      pickKeys(keptRetryKeys(store, signIn, clock, log)).has(`pick-${10 * MOST_KEPT_RETRY_KEYS - 1}`),
    ).toBe(true)
  })
})
