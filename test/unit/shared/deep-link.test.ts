import { describe, expect, it } from 'vitest'
import { deepLinkUrl, readDeepLink } from '../../../src/shared/deep-link'
import { describeAddress } from '../../../src/shared/describe-untrusted'

describe('reading a deep link', () => {
  it('opens an invite or a session named by its id, as the app writes the link', () => {
    expect(readDeepLink('standby://invite/inv_3f2a9c1e7b4d4e0a8c1f')).toEqual({
      ok: true,
      link: { kind: 'invite', id: 'inv_3f2a9c1e7b4d4e0a8c1f' },
    })
    expect(readDeepLink('standby://session/ses_1')).toEqual({
      ok: true,
      link: { kind: 'session', id: 'ses_1' },
    })
    expect(readDeepLink(deepLinkUrl({ kind: 'session', id: 'a.b~c-d' }))).toMatchObject({ ok: true })
  })

  it('takes the scheme in any case and one trailing slash, as browsers hand them over', () => {
    expect(readDeepLink('Standby://invite/inv_1')).toMatchObject({ ok: true, link: { id: 'inv_1' } })
    expect(readDeepLink('STANDBY://session/ses_1/')).toMatchObject({ ok: true, link: { id: 'ses_1' } })
  })

  it('refuses path tricks, encodings, decorations and other schemes, saying why', () => {
    const refused: Record<string, string> = {
      'standby://invite/../session/x': 'a . or .. segment',
      'standby://invite/../ses_1': 'a . or .. segment',
      'standby://invite/./inv_1': 'a . or .. segment',
      'standby://invite/%2e%2e': 'percent-escapes',
      'standby://invite/%2e%2e/ses_1': 'percent-escapes',
      'standby://invite/inv%5F1': 'percent-escapes',
      'standby://invite/.': 'a . or .. segment',
      'standby://session/ses_1/..': 'a . or .. segment',
      'standby://invite/...': 'invite id is dots alone',
      'standby://invite/a/b': 'more after the invite id than one slash',
      'standby://invite/a//': 'more after the invite id than one slash',
      'standby://invite//inv_1': 'more than one slash after invite, where Standby writes one',
      'standby://session///': 'more than one slash after session',
      'standby://invite/': 'no invite id',
      'standby://Invite/inv_1': 'writes invite in capital letters',
      'standby://SESSION/ses_1': 'writes session in capital letters',
      'standby://%69nvite/inv_1': 'percent-escapes',
      'standby://app/': 'neither an invite nor a session',
      'standby://user@invite/inv_1': 'names a user or a port',
      'standby://invite:443/inv_1': 'names a user or a port',
      'standby://@invite/inv_1': 'names a user or a port',
      'standby://:@invite/inv_1': 'names a user or a port',
      'standby://invite:/inv_1': 'names a user or a port',
      'standby://invite:abc/inv_1': 'names a user or a port',
      'standby://invite:99999/inv_1': 'names a user or a port',
      'standby://in<vite@invite/inv_1': 'names a user or a port',
      'standby://[::1]/inv_1': 'neither an invite nor a session',
      'standby://invite/inv_1 standby://invite/inv_2': 'several links at once',
      'standby://invite/inv_1\tSTANDBY://session/ses_1': 'several links at once',
      'standby://invite/inv_1?accept=1': 'query or a fragment',
      'standby://invite/inv_1?': 'query or a fragment',
      'standby://invite/inv_1#x': 'query or a fragment',
      'standby:invite/inv_1': 'does not have exactly two slashes after standby:',
      'standby:/invite/inv_1': 'does not have exactly two slashes after standby:',
      'standby:///invite/inv_1': 'does not have exactly two slashes after standby:',
      'STANDBY:invite/inv_1': 'does not have exactly two slashes after standby:',
      ' standby://invite/inv_1': 'spaces, control or invisible characters',
      'standby://invite/in\tv_1': 'spaces, control or invisible characters',
      'standby://invite/inv_1\n': 'spaces, control or invisible characters',
      'standby://invite\\inv_1': 'a backslash (\\) where Standby writes a slash',
      'STANDBY://in<vite/inv_1': 'neither an invite nor a session',
      'standby://[invite]/inv_1': 'neither an invite nor a session',
      'standby://invite/inv_1\u0000': 'spaces, control or invisible characters',
      'standby://invite/\u202einv_1': 'spaces, control or invisible characters',
      'standby://session/a b': 'spaces, control or invisible characters',
      'standby://invite/inv_\ud800': 'not well-formed Unicode',
      [`standby://invite/${'a'.repeat(65)}`]: 'invite id is longer than 64 characters',
      [`standby://invite/${'a'.repeat(300)}`]: 'longer than 200 characters',
      'standby-app://app/': 'not a standby:// link',
      'javascript:alert(1)//standby://invite/inv_1': 'not a standby:// link',
      'file:///etc/passwd': 'not a standby:// link',
      'https://invite/inv_1': 'not a standby:// link',
      'not a url': 'not a URL',
      '': 'not a URL',
    }
    for (const [raw, reason] of Object.entries(refused)) {
      const reading = readDeepLink(raw)
      expect(reading.ok, raw).toBe(false)
      if (!reading.ok) expect(reading.reason, raw).toContain(reason)
    }
  })

  it('tells a link that only looks right by what is hidden in it or what it is spelt with', () => {
    const refused: Record<string, string> = {
      // Invisible: zero-width space, joiner and no-break, a soft hyphen, a direction mark, a no-break space.
      'standby://\u200binvite/inv_1': 'spaces, control or invisible characters',
      'standby://invite/inv_1\u200d': 'spaces, control or invisible characters',
      'standby://invite/inv\ufeff_1': 'spaces, control or invisible characters',
      'standby://invite/inv\u00ad_1': 'spaces, control or invisible characters',
      'standby://invite/inv_1\u200e': 'spaces, control or invisible characters',
      'standby://invite/inv\u00a0_1': 'spaces, control or invisible characters',
      'standby://invite/inv_1\u0085': 'spaces, control or invisible characters',
      // Look-alikes: a Cyrillic і and а, full-width letters, a Greek ο.
      'standby://invіte/inv_1':
        'characters Standby never writes in a link, such as a letter from another alphabet',
      'standby://session/ses_1а':
        'characters Standby never writes in a link, such as a letter from another alphabet',
      'ｓtandby://invite/inv_1':
        'characters Standby never writes in a link, such as a letter from another alphabet',
      'standby://invite/ｉnv_1':
        'characters Standby never writes in a link, such as a letter from another alphabet',
      'standby://sessiοn/ses_1':
        'characters Standby never writes in a link, such as a letter from another alphabet',
    }
    for (const [raw, reason] of Object.entries(refused)) {
      const reading = readDeepLink(raw)
      expect(reading.ok, raw).toBe(false)
      if (!reading.ok) expect(reading.reason, raw).toContain(reason)
    }
  })

  it('tells the characters a link only seems to lack however they come: percent-encoded, before the scheme, drawn as nothing', () => {
    const hidden = 'spaces, control or invisible characters'
    const lookAlike = 'characters Standby never writes in a link, such as a letter from another alphabet'
    const refused: Record<string, string> = {
      // As a browser hands them on: what is not ASCII percent-encoded, as URL writes it.
      [new URL('standby://invite/\u200binv_1').href]: hidden,
      [new URL('standby://invite/inv_1\u200e').href]: hidden,
      'standby://invite/inv%20_1': hidden,
      [new URL('standby://invіte/inv_1').href]: lookAlike,
      [new URL('standby://session/ses_1а').href]: lookAlike,
      // Before the scheme, where URL reads nothing at all.
      '\u200bstandby://invite/inv_1': hidden,
      'stand\u00adby://invite/inv_1': hidden,
      // Shown as nothing, though not format characters: Hangul fillers, a variation selector, a tag.
      'standby://invite/inv_1\u3164': hidden,
      'standby://invite/inv\u115f_1': hidden,
      'standby://invite/inv_1\ufe0f': hidden,
      'standby://invite/inv_1\u034f': hidden,
      'standby://invite/inv_1\u{e0041}': hidden,
      // Escapes of what Standby writes, or none that decode, are told as escapes.
      'standby://invite/inv%5F1': 'percent-escapes',
      'standby://invite/inv%E2%80_1': 'percent-escapes',
      'standby://invite/inv%zz_1': 'percent-escapes',
      // And what is no link at all stays so.
      'hello world': 'not a URL',
      '\u200bhttps://example.com/': 'not a URL',
    }
    for (const [raw, reason] of Object.entries(refused)) {
      const reading = readDeepLink(raw)
      expect(reading.ok, raw).toBe(false)
      if (!reading.ok) expect(reading.reason, raw).toContain(reason)
    }
  })

  it('refuses what is not text at all', () => {
    for (const raw of [
      undefined,
      null,
      42,
      {},
      ['standby://invite/inv_1'],
      new URL('standby://invite/inv_1'),
    ]) {
      expect(readDeepLink(raw)).toEqual({ ok: false, reason: 'it is not text' })
    }
  })
})

describe('describing a refused link for the log', () => {
  it('escapes every character outside printable ASCII, so a link cannot forge or reorder log lines', () => {
    expect(describeAddress('standby://x\n[error] forged\u202e"\\')).toBe(
      '"standby://x\\u{a}[error] forged\\u{202e}\\u{22}\\u{5c}"',
    )
  })

  it('cuts a long link short and says how long it was', () => {
    const shown = describeAddress(`standby://invite/${'a'.repeat(10_000)}`)
    expect(shown.length).toBeLessThan(120)
    expect(shown).toContain('(10017 characters)')
  })

  it('names the kind of a value that is not text', () => {
    expect(describeAddress(null)).toBe('null')
    expect(describeAddress({ href: 'standby://invite/x' })).toBe('an object')
  })
})
