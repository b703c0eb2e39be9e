import { describe, expect, it } from 'vitest'
import { DROPPED, OFFLINE } from '../../../../../src/main/core/connection/link-command'
import {
  MOST_RETRY_KEYS,
  retryKeys,
  type KeptRetryKeys,
} from '../../../../../src/main/core/connection/retry-keys'
import type { CommandOutcome } from '../../../../../src/shared/command-outcome'

const timeout: CommandOutcome<never> = { ok: false, error: { code: 'timeout', message: 'No answer.' } }
const unreadable: CommandOutcome<never> = { ok: false, error: { code: 'invalid_response', message: '?' } }
const taken: CommandOutcome<never> = { ok: false, error: { code: 'taken', message: 'Gone.' } }

/** A cache's shelf of retry keys that refuses every key while `full` (a full disk, a damaged file). */
function shelfOfKeys(): { shelf: Map<string, string>; kept: KeptRetryKeys; full: { now: boolean } } {
  const shelf = new Map<string, string>()
  const full = { now: false }
  const kept: KeptRetryKeys = {
    find: (command) => shelf.get(command) ?? null,
    keep: (command, key) => !full.now && Boolean(shelf.set(command, key)),
    forget: (command) => void shelf.delete(command),
  }
  return { shelf, kept, full }
}

describe('retry keys', () => {
  it('keeps a key only while it is open whether the command happened', () => {
    let n = 0
    const keys = retryKeys(() => `key-${++n}`)
    const payload = { sessionId: 'ses_1' }
    for (const unsure of [timeout, DROPPED, unreadable]) {
      const key = keys.keyFor('session.startBilling', payload)
      keys.settled('session.startBilling', payload, key, unsure)
      expect(keys.keyFor('session.startBilling', payload)).toBe(key)
      keys.settled('session.startBilling', payload, key, { ok: true, result: {} })
    }
    for (const sure of [OFFLINE, taken]) {
      const key = keys.keyFor('session.startBilling', payload)
      keys.settled('session.startBilling', payload, key, sure)
      expect(keys.keyFor('session.startBilling', payload)).not.toBe(key)
    }
  })

  it('binds the key to the command and its payload', () => {
    const keys = retryKeys()
    const key = keys.keyFor('invite.decline', { inviteId: 'inv_1' })
    keys.settled('invite.decline', { inviteId: 'inv_1' }, key, timeout)
    expect(keys.keyFor('invite.decline', { inviteId: 'inv_2' })).not.toBe(key)
    expect(keys.keyFor('invite.decline', { inviteId: 'inv_1', reason: 'busy' })).not.toBe(key)
    expect(keys.keyFor('session.join', { inviteId: 'inv_1' })).not.toBe(key)
  })

  it('gives a retry the first key whatever order its payload’s keys come in (a notification’s press, then the window’s)', () => {
    const keys = retryKeys()
    const key = keys.keyFor('invite.accept', { inviteId: 'inv_1', proposedTime: null })
    keys.settled('invite.accept', { inviteId: 'inv_1', proposedTime: null }, key, timeout)
    expect(keys.keyFor('invite.accept', { proposedTime: null, inviteId: 'inv_1' })).toBe(key)
  })

  it('keeps at most a bounded number, forgetting the oldest', () => {
    const keys = retryKeys()
    const first = keys.keyFor('message.send', { requestId: 'req_0', body: 'x' })
    keys.settled('message.send', { requestId: 'req_0', body: 'x' }, first, timeout)
    for (let i = 1; i <= MOST_RETRY_KEYS; i++) {
      const payload = { requestId: `req_${i}`, body: 'x' }
      keys.settled('message.send', payload, keys.keyFor('message.send', payload), timeout)
    }
    expect(keys.keyFor('message.send', { requestId: 'req_0', body: 'x' })).not.toBe(first)
    const last = { requestId: `req_${MOST_RETRY_KEYS}`, body: 'x' }
    expect(keys.keyFor('message.send', last)).toBe(keys.keyFor('message.send', last))
  })

  it('finds a key kept by an earlier run, and forgets it there once the retry is answered', () => {
    const { shelf, kept } = shelfOfKeys()
    const payload = { requestId: 'req_1', body: 'On my way' }
    const before = retryKeys(() => 'first', kept)
    const key = before.keyFor('message.send', payload)
    before.settled('message.send', payload, key, timeout)
    // Standby restarts: this run's memory is gone, the cache's shelf is not.
    const after = retryKeys(() => 'fresh', kept)
    expect(after.held('message.send', payload)).toBe(true)
    expect(after.keyFor('message.send', payload)).toBe('first')
    after.settled('message.send', payload, 'first', { ok: true, result: {} })
    expect(shelf.size).toBe(0)
    expect(retryKeys(() => 'third', kept).keyFor('message.send', payload)).toBe('third')
  })

  it('keeps a key the cache refused (a full disk) in memory, and gives it to the cache at the next chance', () => {
    const { shelf, kept, full } = shelfOfKeys()
    full.now = true
    const first = { requestId: 'req_1', body: 'On my way' }
    const keys = retryKeys(() => 'first', kept)
    keys.settled('message.send', first, keys.keyFor('message.send', first), timeout)
    expect(shelf.size).toBe(0)
    expect(keys.keyFor('message.send', first)).toBe('first')
    full.now = false
    keys.settled('message.send', { requestId: 'req_2', body: 'Hi' }, 'second', timeout)
    // A restart now finds both, the one refused before among them.
    expect(retryKeys(() => 'fresh', kept).keyFor('message.send', first)).toBe('first')
    expect(shelf.size).toBe(2)
  })

  it('gives the cache the keys it refused when asked to (the link ends, the cache rebuilt under it)', () => {
    const { shelf, kept, full } = shelfOfKeys()
    full.now = true
    const payload = { requestId: 'req_1', body: 'On my way' }
    const keys = retryKeys(() => 'first', kept)
    keys.settled('message.send', payload, 'first', timeout)
    keys.saveHeld()
    expect(shelf.size).toBe(0)
    full.now = false
    keys.saveHeld()
    expect(retryKeys(() => 'fresh', kept).keyFor('message.send', payload)).toBe('first')
  })
})
