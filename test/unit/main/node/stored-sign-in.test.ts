import { describe, expect, it } from 'vitest'
import { decodeSignIn, encodeSignIn } from '../../../../src/main/node/stored-sign-in'

const signIn = { platformUrl: 'https://platform.example.com', token: 'tok_abcdefgh', expertId: 'exp_ada' }

describe('the stored sign-in', () => {
  it.each([
    [
      'a token with a line break, which no request header can carry',
      { token: 'tok_abc\r\nX-Evil: 1' },
      'token',
    ],
    ['a token with a character outside ASCII', { token: 'tok_ab\u202ecd' }, 'token'],
    ['a token longer than the platform issues', { token: `tok_${'a'.repeat(600)}` }, 'token'],
    ['an expert id with spaces', { expertId: 'exp ada' }, 'expertId'],
    [
      'an address holding half of an emoji',
      { platformUrl: 'https://platform.example.com/\ud800' },
      'platformUrl',
    ],
  ])('refuses %s, naming the field without quoting it', (_, change, field) => {
    const read = decodeSignIn(JSON.stringify({ ...signIn, ...change }))
    expect(read).toEqual({ ok: false, reason: `missing or invalid: ${field}` })
    expect(() => encodeSignIn({ ...signIn, ...change })).toThrow(`missing or invalid: ${field}`)
  })

  it('reads an address edited with a query, a fragment or a trailing slash as sign-in would use it', () => {
    for (const platformUrl of [
      'https://platform.example.com/?next=/x#top',
      'https://PLATFORM.example.com:443/',
      'https://platform.example.com#',
    ]) {
      expect(decodeSignIn(JSON.stringify({ ...signIn, platformUrl }))).toEqual({ ok: true, signIn })
    }
    expect(
      decodeSignIn(JSON.stringify({ ...signIn, platformUrl: 'https://p.example.com/base/?x=1' })),
    ).toEqual({
      ok: true,
      signIn: { ...signIn, platformUrl: 'https://p.example.com/base' },
    })
  })

  it('reads back what it stored', () => {
    expect(decodeSignIn(encodeSignIn(signIn))).toEqual({ ok: true, signIn })
  })
})
