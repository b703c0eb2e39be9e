import type { LookupFunction } from 'node:net'
import { describe, expect, it } from 'vitest'
import { nameLookups } from '../../../../src/main/node/name-lookups'

/** A system lookup that answers only when told, recording each one started. */
function heldLookups() {
  const started: Array<{ hostname: string; answer: (address: string) => void }> = []
  const underlying: LookupFunction = (hostname, _options, done) =>
    void started.push({ hostname, answer: (address) => done(null, address, 4) })
  const on = { network: 'wifi/192.0.2.10' }
  return { started, on, lookups: nameLookups(underlying, () => on.network) }
}

describe('the platform’s name lookups', () => {
  it('start no second lookup of a name while one is under way, and answer every attempt that joined it', () => {
    const { started, lookups } = heldLookups()
    const heard: string[] = []
    for (let attempt = 0; attempt < 3; attempt++)
      lookups.lookup('never.example', { family: 4 }, (_error, address) => heard.push(String(address)))
    expect(started).toHaveLength(1)
    expect(lookups.pending('never.example')).toBe(true)
    started[0]!.answer('192.0.2.7')
    expect(heard).toEqual(['192.0.2.7', '192.0.2.7', '192.0.2.7'])
    expect(lookups.pending('never.example')).toBe(false)
  })

  it('look a name up afresh once the last lookup answered, and other names beside it', () => {
    const { started, lookups } = heldLookups()
    lookups.lookup('one.example', {}, () => {})
    lookups.lookup('two.example', {}, () => {})
    expect(started.map((lookup) => lookup.hostname)).toEqual(['one.example', 'two.example'])
    started[0]!.answer('192.0.2.1')
    lookups.lookup('one.example', {}, () => {})
    expect(started).toHaveLength(3)
    expect(lookups.pending('two.example')).toBe(true)
  })

  it('look a name up afresh on a new network while the last network’s lookup still hangs', () => {
    const { started, on, lookups } = heldLookups()
    const heard: string[] = []
    lookups.lookup('platform.example', {}, (_error, address) => heard.push(`old ${String(address)}`))
    on.network = 'cable/198.51.100.4'
    lookups.lookup('platform.example', {}, (_error, address) => heard.push(`new ${String(address)}`))
    expect(started).toHaveLength(2)
    started[1]!.answer('203.0.113.9')
    expect(heard).toEqual(['new 203.0.113.9'])
    // The old network's lookup, answered at last, answers its own attempt and leaves the new one's alone.
    lookups.lookup('platform.example', {}, () => {})
    expect(started).toHaveLength(3)
    started[0]!.answer('192.0.2.99')
    expect(heard).toEqual(['new 203.0.113.9', 'old 192.0.2.99'])
    expect(lookups.pending('platform.example')).toBe(true)
  })

  it('look a name up afresh after a lookup the system refused before it began, rather than join one that never answers', () => {
    let refuse = true
    const started: string[] = []
    const lookups = nameLookups(
      (hostname, _options, done) => {
        if (refuse) throw new TypeError('The "options.family" argument must be one of: 0, 4, 6')
        started.push(hostname)
        done(null, '192.0.2.5', 4)
      },
      () => 'wifi/192.0.2.10',
    )
    expect(() => lookups.lookup('platform.example', {}, () => {})).toThrow(/options.family/)
    expect(lookups.pending('platform.example')).toBe(false)
    refuse = false
    const heard: string[] = []
    lookups.lookup('platform.example', {}, (_error, address) => heard.push(String(address)))
    expect(heard).toEqual(['192.0.2.5'])
  })
})
