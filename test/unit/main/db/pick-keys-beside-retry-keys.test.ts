import { describe, expect, it } from 'vitest'
import { keptRetryKeys } from '../../../../src/main/core/connection/kept-retry-keys'
import { MOST_PICK_KEYS, pickKeys } from '../../../../src/main/core/connection/pick-keys'
import { MOST_KEPT_RETRY_KEYS } from '../../../../src/main/db/repositories/retry-key-repository'
import { ManualClock } from '../../../../src/shared/clock'
import { isPickKeyRow } from '../../../../src/shared/pick-key-rows'
import { countRows, useFreshStores } from './cache-test-kit'

const signIn = { platformUrl: 'https://platform.example', expertId: 'exp_1' }
const openMessage = 'message.send {"body":"On my way","requestId":"req_1"}'

describe('availability picks’ keys beside commands’ retry keys in the cache', () => {
  const freshStore = useFreshStores()

  it('never push out the key of a message whose outcome is still open, however many picks come after it', () => {
    const { store, db, log } = freshStore()
    const clock = new ManualClock(1_000)
    keptRetryKeys(store, signIn, clock, log).keep(openMessage, 'key-of-the-message')
    // Runs of Standby, each with a burst of picks (availability flicked back and forth), until the
    // picks alone would fill the cache's bound on commands' keys.
    const runs = Math.ceil(MOST_KEPT_RETRY_KEYS / MOST_PICK_KEYS) + 1
    for (let run = 0; run < runs; run++) {
      const picks = pickKeys(keptRetryKeys(store, signIn, clock, log))
      for (let n = 0; n < MOST_PICK_KEYS; n++) {
        clock.advance(1_000)
        picks.add(`pick-${run}-${n}`)
      }
    }
    // After the restart the message goes again under its first key: the platform does it once.
    expect(keptRetryKeys(store, signIn, clock, log).find(openMessage)).toBe('key-of-the-message')
    const last = pickKeys(keptRetryKeys(store, signIn, clock, log))
    expect(last.has(`pick-${runs - 1}-${MOST_PICK_KEYS - 1}`)).toBe(true)
    expect(last.has('pick-0-0')).toBe(false)
    expect(countRows(db, 'retry_keys')).toBe(MOST_PICK_KEYS + 1)
  })

  it('are not pushed out by commands’ keys either, each kind keeping its own newest', () => {
    const { store, db, log } = freshStore()
    const clock = new ManualClock(1_000)
    const kept = keptRetryKeys(store, signIn, clock, log)
    pickKeys(kept).add('pick-before-the-commands')
    for (let n = 0; n <= MOST_KEPT_RETRY_KEYS; n++) {
      clock.advance(1_000)
      kept.keep(`invite.decline {"id":"inv_${n}"}`, `key-${n}`)
    }
    expect(pickKeys(kept).has('pick-before-the-commands')).toBe(true)
    expect(kept.find('invite.decline {"id":"inv_0"}')).toBeNull()
    expect(kept.find(`invite.decline {"id":"inv_${MOST_KEPT_RETRY_KEYS}"}`)).toBe(
      `key-${MOST_KEPT_RETRY_KEYS}`,
    )
    const rows = db.prepare('SELECT command FROM retry_keys').pluck().all() as string[]
    expect(rows.filter((command) => !isPickKeyRow(command))).toHaveLength(MOST_KEPT_RETRY_KEYS)
  })
})
