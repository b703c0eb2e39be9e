import type { LookupFunction } from 'node:net'
import { describe, expect, it } from 'vitest'
import { nameLookups } from '../../../../src/main/node/name-lookups'

/** A system lookup that answers only when told, recording each one started. */
function heldLookups() {
  const started: Array<{ hostname: string; answer: (address: string) => void }> = []
  const underlying: LookupFunction = (hostname, _options, done) =>
    void started.push({ hostname, answer: (address) => done(null, address, 4) })
  return { started, lookups: nameLookups(underlying) }
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
})
