import { describe, expect, it } from 'vitest'
import { cacheIsNotFor, recordCacheSource } from '../../../../src/main/core/cache-source'
import { aSnapshot } from '../../../support/fixtures'
import { linesLogger, useFreshStores } from '../db/cache-test-kit'

describe('whose data the cache holds, as it records the platform that filled it', () => {
  const freshStore = useFreshStores()

  it('a sign-in to the same platform is not taken for another one because an older Standby recorded its address with a trailing slash', () => {
    const { store } = freshStore()
    store.applySnapshot(aSnapshot({ cursor: 5 }))
    const expertId = store.expert()?.id ?? ''
    const log = linesLogger()
    // As an older Standby kept a base path typed with its slash, and sign-in now uses it without.
    for (const recorded of ['https://platform.example.com/base/', 'https://platform.example.com/base//']) {
      recordCacheSource(store, log, recorded)
      expect(cacheIsNotFor(store, log, 'https://platform.example.com/base', expertId), recorded).toBe(false)
    }
    expect(cacheIsNotFor(store, log, 'https://platform.example.com/other', expertId)).toBe(true)
    expect(cacheIsNotFor(store, log, 'https://other.example.com/base', expertId)).toBe(true)
  })

  it('a sign-in to the same host written with or without its final dot, or in capitals, is not taken for another platform', () => {
    const { store } = freshStore()
    store.applySnapshot(aSnapshot({ cursor: 5 }))
    const expertId = store.expert()?.id ?? ''
    const log = linesLogger()
    // "platform.example.com." is the same name written absolute: the same platform, the same cache.
    recordCacheSource(store, log, 'https://platform.example.com./base')
    expect(cacheIsNotFor(store, log, 'https://platform.example.com/base', expertId)).toBe(false)
    recordCacheSource(store, log, 'https://platform.example.com/base')
    expect(cacheIsNotFor(store, log, 'https://platform.example.com./base', expertId)).toBe(false)
    expect(cacheIsNotFor(store, log, 'https://PLATFORM.example.com:443/base', expertId)).toBe(false)
    expect(cacheIsNotFor(store, log, 'https://platform.example.com.evil.example/base', expertId)).toBe(true)
    expect(cacheIsNotFor(store, log, 'https://platform.example.com:8443/base', expertId)).toBe(true)
  })
})
