import { describe, expect, it } from 'vitest'
import { checkPlatformUrl, storedPlatformUrlRefusal } from '../../../src/shared/platform-url'

describe('a platform address naming an IPv6 address', () => {
  it('says an IPv6 address goes in brackets, rather than that it is not a web address', () => {
    for (const typed of [
      '::1',
      '::1:4455',
      'http://::1',
      '2001:db8::1',
      'https://2001:db8::1/standby',
      'fe80::1',
    ]) {
      const checked = checkPlatformUrl(typed)
      expect(checked, typed).toMatchObject({ ok: false, reason: 'not_a_web_address' })
      expect(checked.ok ? '' : checked.message, typed).toMatch(
        /^The platform address is an IPv6 address written without its brackets: .*http:\/\/\[::1\]:4455/,
      )
    }
  })

  it('says a zone after "%" cannot be used, and says it of a stored address too', () => {
    for (const typed of [
      'fe80::1%eth0',
      '[fe80::1%eth0]:4455',
      'http://[fe80::1%25eth0]:4455',
      'http://[::1%lo]',
    ]) {
      const checked = checkPlatformUrl(typed)
      expect(checked, typed).toMatchObject({ ok: false, reason: 'not_a_web_address' })
      const message = checked.ok ? '' : checked.message
      expect(message, typed).toMatch(/^The platform address names a network interface after "%"/)
      // A settings file's address is refused in a sentence that never echoes it: this one does not.
      if (typed.startsWith('http')) expect(storedPlatformUrlRefusal(typed)).toBe(message)
    }
  })

  it('takes one in brackets, and a name with its port, as before', () => {
    expect(checkPlatformUrl('[::1]:4455')).toEqual({ ok: true, url: 'http://[::1]:4455' })
    expect(checkPlatformUrl('https://[2001:db8::1]/')).toEqual({ ok: true, url: 'https://[2001:db8::1]' })
    expect(checkPlatformUrl('localhost:4455')).toEqual({ ok: true, url: 'http://localhost:4455' })
  })
})
