import { describe, expect, it } from 'vitest'
import { keptRetryKeys } from '../../../../../src/main/core/connection/kept-retry-keys'
import type { CacheStore } from '../../../../../src/main/core/ports/cache-store'
import { ManualClock } from '../../../../../src/shared/clock'
import { linesLogger } from '../../db/cache-test-kit'

type RetryKeyCache = Pick<CacheStore, 'retryKey' | 'keepRetryKey' | 'forgetRetryKey'>

/** A cache's retry keys in a map, by scope and command. */
function mapCache(): RetryKeyCache & { readonly rows: Map<string, { key: string; at: number }> } {
  const rows = new Map<string, { key: string; at: number }>()
  return {
    rows,
    retryKey: (scope, command) => rows.get(`${scope} ${command}`)?.key ?? null,
    keepRetryKey: (scope, command, key, at) => void rows.set(`${scope} ${command}`, { key, at }),
    forgetRetryKey: (scope, command) => void rows.delete(`${scope} ${command}`),
  }
}

describe('retry keys kept in the cache', () => {
  it('are found by the same expert on the same platform only, and kept at the time given', () => {
    const cache = mapCache()
    const clock = new ManualClock(1_000)
    const log = linesLogger()
    const mine = keptRetryKeys(cache, { platformUrl: 'https://a.example', expertId: 'exp_1' }, clock, log)
    mine.keep('message.send {"body":"hi"}', 'key-1')
    expect(mine.find('message.send {"body":"hi"}')).toBe('key-1')
    expect([...cache.rows.values()]).toEqual([{ key: 'key-1', at: 1_000 }])
    for (const other of [
      { platformUrl: 'https://a.example', expertId: 'exp_2' },
      { platformUrl: 'https://b.example', expertId: 'exp_1' },
    ])
      expect(keptRetryKeys(cache, other, clock, log).find('message.send {"body":"hi"}')).toBeNull()
    mine.forget('message.send {"body":"hi"}')
    expect(mine.find('message.send {"body":"hi"}')).toBeNull()
  })

  it('are found after a restart that spells the same platform with its host’s final dot', () => {
    const cache = mapCache()
    const clock = new ManualClock(1_000)
    const log = linesLogger()
    const before = { platformUrl: 'https://a.example/base', expertId: 'exp_1' }
    keptRetryKeys(cache, before, clock, log).keep('invite.decline {"id":"inv_1"}', 'key-1')
    const after = { platformUrl: 'https://a.example./base', expertId: 'exp_1' }
    expect(keptRetryKeys(cache, after, clock, log).find('invite.decline {"id":"inv_1"}')).toBe('key-1')
  })

  it('keep nothing, and say so in the log, when the cache cannot be read or written: the command still goes', () => {
    const broken: RetryKeyCache = {
      retryKey: () => {
        throw new Error('SQLITE_CORRUPT: database disk image is malformed')
      },
      keepRetryKey: () => {
        throw new Error('SQLITE_FULL: database or disk is full')
      },
      forgetRetryKey: () => {
        throw new Error('SQLITE_BUSY: database is locked')
      },
    }
    const log = linesLogger()
    const kept = keptRetryKeys(
      broken,
      { platformUrl: 'https://a.example', expertId: 'exp_1' },
      new ManualClock(0),
      log,
    )
    expect(kept.find('invite.decline {}')).toBeNull()
    expect(() => kept.keep('invite.decline {}', 'key-1')).not.toThrow()
    expect(() => kept.forget('invite.decline {}')).not.toThrow()
    expect(log.lines).toHaveLength(3)
    expect(log.lines[1]).toMatch(
      /^warn Could not keep a command’s retry key in the cache; .*check the platform first/,
    )
  })
})
