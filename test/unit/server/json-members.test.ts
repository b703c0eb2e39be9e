import { describe, expect, it } from 'vitest'
import { holdsTooManyMembers, MOST_JSON_MEMBERS } from '../../../server/src/json-members'

const objectOf = (members: number): string =>
  JSON.stringify(Object.fromEntries(Array.from({ length: members }, (_, i) => [`k${i}`, 0])))

describe('holdsTooManyMembers', () => {
  it('counts the members of every object, however nested, up to the bound', () => {
    expect(holdsTooManyMembers(objectOf(MOST_JSON_MEMBERS))).toBe(false)
    expect(holdsTooManyMembers(objectOf(MOST_JSON_MEMBERS + 1))).toBe(true)
    const nested = JSON.stringify(Array.from({ length: 600 }, (_, i) => ({ a: i, b: { c: i } })))
    expect(holdsTooManyMembers(nested)).toBe(true)
    expect(holdsTooManyMembers(nested, 1_800)).toBe(false)
  })

  it('counts no colon inside a string, escaped quotes and backslashes included', () => {
    expect(holdsTooManyMembers(JSON.stringify({ text: ':'.repeat(50_000) }))).toBe(false)
    expect(holdsTooManyMembers(JSON.stringify({ text: '\\":'.repeat(5_000) }))).toBe(false)
    expect(
      holdsTooManyMembers(JSON.stringify({ text: 'ends in a backslash \\', then: ':'.repeat(5_000) })),
    ).toBe(false)
    expect(holdsTooManyMembers(JSON.stringify([':'.repeat(10), ...Array(2_000).fill('a:b')]))).toBe(false)
  })

  it('reads text that is no JSON without failing, counting colons outside quotes', () => {
    expect(holdsTooManyMembers(':'.repeat(MOST_JSON_MEMBERS + 1))).toBe(true)
    expect(holdsTooManyMembers('"unterminated :::::')).toBe(false)
    expect(holdsTooManyMembers('')).toBe(false)
  })
})
