import { describe, expect, it } from 'vitest'
import { checkPlatformUrl, storedPlatformUrlRefusal } from '../../../src/shared/platform-url'

/** The sentence `typed` is refused with, or '' when it is taken. */
function refusal(typed: string): string {
  const checked = checkPlatformUrl(typed)
  return checked.ok ? '' : checked.message
}

describe('a platform address whose computer name no computer can have', () => {
  it('says a name with an empty part between dots names no computer, rather than that it is unknown', () => {
    for (const typed of ['https://a..b.example', 'https://example.com..', 'http://localhost..']) {
      expect(checkPlatformUrl(typed), typed).toMatchObject({ ok: false, reason: 'not_a_web_address' })
      expect(refusal(typed), typed).toMatch(
        /^The platform address's computer name has an empty part between two dots/,
      )
    }
  })

  it('says a name that begins with a dot (a certificate\'s "*.example.com" without its star) begins with one', () => {
    for (const typed of ['https://.example.com', '.example.com:4455', 'https://.example.com.'])
      expect(refusal(typed), typed).toMatch(
        /^The platform address's computer name begins with a dot \(as in ".example.com"\), so it names no computer: check the address/,
      )
  })

  it('says a name holding a sign no name holds (a certificate\'s "*", a comma copied from a sentence) names no computer, rather than that it is unknown', () => {
    for (const [typed, sign] of [
      ['https://*.example.com', '*'],
      ['platform.example.com,', ','],
      ['https://platform.example.com)', ')'],
      ['https://platform.example.com;', ';'],
    ] as const) {
      expect(checkPlatformUrl(typed), typed).toMatchObject({ ok: false, reason: 'not_a_web_address' })
      expect(refusal(typed), typed).toContain(`computer name holds "${sign}", which no computer's name holds`)
      expect(storedPlatformUrlRefusal(`https://${typed.replace(/^https:\/\//, '')}`)).toBe(refusal(typed))
    }
    // LAN names with an underscore or a hyphen, and IDNs, are names.
    for (const typed of ['https://my_nas.lan:8443', 'https://nas-1', 'https://例え.テスト'])
      expect(checkPlatformUrl(typed), typed).toMatchObject({ ok: true })
  })

  it('says an address with only dots for a name has no name', () => {
    for (const typed of ['https://.', 'https://..'])
      expect(refusal(typed), typed).toMatch(
        /^The platform address has only dots where the computer's name goes: check the address/,
      )
  })

  it('says a part, or a whole name, longer than DNS holds is no computer’s name, rather than a bare EINVAL', () => {
    expect(refusal(`https://${'a'.repeat(64)}.example`)).toMatch(
      /a part between dots longer than 63 characters/,
    )
    const long = `https://${'a.'.repeat(130)}example`
    expect(refusal(long)).toMatch(
      /is longer than 253 characters, which no computer's name is: check the address/,
    )
    // Said the same of a settings file's address, without repeating the name.
    expect(storedPlatformUrlRefusal(long)).toBe(refusal(long))
    expect(refusal(long)).not.toContain('a.a.a')
  })

  it('takes a name written absolute with one final dot, the longest parts DNS holds, and IP addresses', () => {
    for (const typed of [
      'https://platform.example.com.',
      `https://${'a'.repeat(63)}.example`,
      'https://bücher.example',
      'http://127.0.0.1.:4455',
      'https://[2001:db8::1]',
      'https://1.2.3.4',
    ])
      expect(checkPlatformUrl(typed), typed).toMatchObject({ ok: true })
  })
})
