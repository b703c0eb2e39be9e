import { describe, expect, it } from 'vitest'
import {
  checkPlatformUrl,
  isAllowedPlatformUrl,
  isLoopbackHost,
  MAX_PLATFORM_URL_LENGTH,
} from '../../../src/shared/platform-url'

describe('the platform address the expert types', () => {
  it('is used over plain http only when it is this computer', () => {
    for (const [typed, used] of [
      ['http://localhost:4455', 'http://localhost:4455'],
      ['http://127.0.0.1:4455/', 'http://127.0.0.1:4455'],
      ['http://127.42.0.9', 'http://127.42.0.9'],
      ['http://[::1]:4455', 'http://[::1]:4455'],
      ['HTTP://LOCALHOST:4455', 'http://localhost:4455'],
      ['http://127.1:4455', 'http://127.0.0.1:4455'],
      ['http://[::ffff:127.0.0.1]:4455', 'http://[::ffff:7f00:1]:4455'],
      ['localhost:4455', 'http://localhost:4455'],
      ['127.0.0.1:4455', 'http://127.0.0.1:4455'],
      ['http://localhost.:4455', 'http://localhost.:4455'],
      ['http://127.0.0.1.:4455', 'http://127.0.0.1:4455'],
      ['http://2130706433:4455', 'http://127.0.0.1:4455'],
      ['http://[0:0:0:0:0:0:0:1]:4455', 'http://[::1]:4455'],
    ] as const) {
      expect(checkPlatformUrl(typed), typed).toEqual({ ok: true, url: used })
    }
  })

  it('needs https for any other computer, and says so with the address to use', () => {
    for (const typed of [
      'http://platform.example.com',
      'HTTP://platform.example.com',
      'Http://platform.example.com:8080/standby',
      'http://localhost.evil.com',
      'http://127.0.0.1.nip.io',
      'http://10.0.0.5:4455',
      'http://[::2]',
      'http://[::ffff:10.0.0.1]',
      'http://sub.localhost',
      'http://128.0.0.1',
      'http://localhost%2eevil.com',
      'http://evil.com\\@localhost',
    ]) {
      const checked = checkPlatformUrl(typed)
      expect(checked, typed).toMatchObject({ ok: false, reason: 'needs_https' })
      if (!checked.ok)
        expect(checked.message).toMatch(/use https:\/\/\S+ \(http:\/\/ is allowed only for this computer/)
    }
    expect(checkPlatformUrl('http://platform.example.com:8080/standby')).toMatchObject({
      message: expect.stringContaining('use https://platform.example.com:8080/standby'),
    })
  })

  it('refuses the address a server listens on (0.0.0.0, [::]), which reaches nothing, and names the one to use', () => {
    for (const [typed, port] of [
      ['http://0.0.0.0:4455', ':4455'],
      ['https://0.0.0.0:4455/standby', ':4455'],
      ['0.0.0.0:4455', ':4455'],
      ['http://0:4455', ':4455'],
      ['http://0.1.2.3', ''],
      ['http://[::]', ''],
      ['https://[0:0::0]:8443', ':8443'],
      // 0.0.0.0/8 written as IPv6 (IPv4-mapped), which the URL parser turns into hex groups.
      ['https://[::ffff:0.0.0.0]:4455', ':4455'],
      ['http://[::ffff:0.1.2.3]', ''],
      ['https://[::FFFF:0:ff]', ''],
    ] as const) {
      expect(checkPlatformUrl(typed), typed).toEqual({
        ok: false,
        reason: 'not_a_web_address',
        message: `The platform address names the address a server listens on, which reaches no computer: for a platform on this computer use http://127.0.0.1${port}, otherwise the platform's own name, as in https://platform.example.com.`,
      })
    }
  })

  it('ends the address it uses without a slash, whatever followed the path, so paths add to it cleanly', () => {
    for (const typed of [
      'https://p.example.com/base/?next=1',
      'https://p.example.com/base/#top',
      'https://p.example.com/base/.',
      'https://p.example.com/base/%2e/',
      'https://p.example.com/base//?',
    ])
      expect(checkPlatformUrl(typed)).toEqual({ ok: true, url: 'https://p.example.com/base' })
    expect(checkPlatformUrl('https://p.example.com/./?x')).toEqual({ ok: true, url: 'https://p.example.com' })
  })

  it('goes to another computer over https when no scheme was typed', () => {
    expect(checkPlatformUrl('platform.example.com')).toEqual({
      ok: true,
      url: 'https://platform.example.com',
    })
    expect(checkPlatformUrl('HTTPS://Platform.Example.com/')).toEqual({
      ok: true,
      url: 'https://platform.example.com',
    })
  })

  it('refuses a user name or password in the address, whichever host it names', () => {
    for (const typed of [
      'http://localhost@evil.com',
      'http://user:pass@localhost:4455',
      'https://user@platform.example.com',
      'http://127.0.0.1:4455@evil.com',
    ]) {
      expect(checkPlatformUrl(typed), typed).toMatchObject({ ok: false })
    }
    expect(checkPlatformUrl('http://localhost@evil.com')).toMatchObject({ ok: false })
  })

  it('says a user name or password in the address is the problem, without showing it back', () => {
    for (const typed of [
      'https://:hunter2@platform.example.com',
      'https://ada:hunter2@platform.example.com',
      'https://ada:hunter2 x@platform.example.com',
      'hunter2@platform.example.com',
    ]) {
      const checked = checkPlatformUrl(typed)
      const message = checked.ok ? '' : checked.message
      expect(message, typed).toContain('holds a user name or password')
      expect(message, typed).not.toContain('hunter2')
    }
  })

  it('says a port out of range is the problem, and which numbers a port is', () => {
    for (const [typed, port] of [
      ['localhost:99999', '99999'],
      ['http://127.0.0.1:65536/standby', '65536'],
      ['https://platform.example.com:0', '0'],
      ['https://[::1]:70000', '70000'],
    ] as const) {
      expect(checkPlatformUrl(typed), typed).toMatchObject({
        ok: false,
        message: expect.stringContaining(`${port}, is not a port: use a number from 1 to 65535`),
      })
    }
    expect(checkPlatformUrl('https://platform.example.com:65535')).toMatchObject({ ok: true })
  })

  it('refuses a port that fetch never connects to (another service’s), and says to serve the platform on another', () => {
    for (const typed of [
      'http://127.0.0.1:6000',
      'https://p.example.com:10080',
      'localhost:1',
      'http://[::1]:6667',
    ])
      expect(checkPlatformUrl(typed)).toEqual({
        ok: false,
        reason: 'not_a_web_address',
        message: expect.stringMatching(/^The port in the platform address, \d+, is one .*another port/),
      })
    for (const typed of ['http://127.0.0.1:8080', 'https://p.example.com:4455', 'https://p.example.com:443'])
      expect(checkPlatformUrl(typed).ok).toBe(true)
  })

  it('takes an address copied with white space or invisible characters at its ends as the address itself', () => {
    for (const [typed, used] of [
      ['  http://127.0.0.1:4455  ', 'http://127.0.0.1:4455'],
      ['\thttps://platform.example.com/\n', 'https://platform.example.com'],
      ['\u200bhttps://platform.example.com', 'https://platform.example.com'],
      ['\u200ehttp://127.0.0.1:4455\u200e', 'http://127.0.0.1:4455'],
      ['\ufeffhttps://platform.example.com\u00a0', 'https://platform.example.com'],
      ['\u2060https://platform.example.com\u2060 ', 'https://platform.example.com'],
    ] as const) {
      expect(checkPlatformUrl(typed), JSON.stringify(typed)).toEqual({ ok: true, url: used })
    }
  })

  it('takes an address typed in full-width signs (a Japanese or Chinese input method) as the ASCII it stands for', () => {
    expect(checkPlatformUrl('localhost：4455')).toEqual({ ok: true, url: 'http://localhost:4455' })
    expect(checkPlatformUrl('ｈｔｔｐｓ：／／platform.example.com：4455／standby')).toEqual({
      ok: true,
      url: 'https://platform.example.com:4455/standby',
    })
    // A user name behind a full-width "@" is still one, and still never echoed.
    expect(checkPlatformUrl('ada＠localhost:4455')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/holds a user name or password/),
    })
    // A full-width "＃" or "？" is no end of the host the expert can see: never signs in before it.
    for (const typed of [
      'https://evil.example＃platform.example.com',
      'https://evil.example？platform.example.com',
    ])
      expect(checkPlatformUrl(typed), typed).toMatchObject({
        ok: false,
        message: expect.stringMatching(/^The platform address holds a full-width "＃" or "？"/),
      })
  })

  it('takes a WebSocket address, or a scheme that lost its colon, as the web address it means', () => {
    for (const [typed, used] of [
      ['ws://127.0.0.1:4455', 'http://127.0.0.1:4455'],
      ['WSS://Platform.Example.com/', 'https://platform.example.com'],
      ['ws://localhost:4455/socket.io/?EIO=4&transport=websocket', 'http://localhost:4455'],
      ['wss://platform.example.com/standby/socket.io/', 'https://platform.example.com/standby'],
      ['http//127.0.0.1:4455', 'http://127.0.0.1:4455'],
      ['HTTPS//platform.example.com/standby/', 'https://platform.example.com/standby'],
      ['wss//platform.example.com/socket.io/?EIO=4', 'https://platform.example.com'],
      ['WS//127.0.0.1:4455', 'http://127.0.0.1:4455'],
    ] as const) {
      expect(checkPlatformUrl(typed), typed).toEqual({ ok: true, url: used })
    }
    // Mapped to http, a WebSocket address to another computer is held to https like any other.
    expect(checkPlatformUrl('ws://platform.example.com')).toMatchObject({
      ok: false,
      reason: 'needs_https',
      message: expect.stringContaining('use https://platform.example.com'),
    })
    expect(checkPlatformUrl('ws//platform.example.com')).toMatchObject({ ok: false, reason: 'needs_https' })
    expect(checkPlatformUrl('wss://ada:secret@platform.example.com')).toMatchObject({
      ok: false,
      message: expect.not.stringContaining('secret'),
    })
  })

  it('refuses what is not a web address', () => {
    for (const typed of [
      '',
      'ftp://example.com',
      'mailto:ada@example.test',
      'javascript:alert(1)',
      'http://',
      'ws://',
      'wss:platform.example.com',
    ]) {
      expect(checkPlatformUrl(typed), typed).toMatchObject({ ok: false, reason: 'not_a_web_address' })
    }
  })

  it('echoes a refused address with its invisible and non-ASCII characters escaped, cut short', () => {
    const refused = checkPlatformUrl(`ftp://\u202egro.elpmaxe\u0000${'x'.repeat(500)}`)
    const message = refused.ok ? '' : refused.message
    expect(message).toMatch(
      /^"ftp:\/\/\\u\{202e\}gro\.elpmaxe\\u\{0\}x+"… \(\d+ characters\) is not a web address/,
    )
    expect(message).not.toMatch(/[\p{Cf}\p{Cc}]/u)
    expect(message.length).toBeLessThan(200)
  })

  it('refuses an address too long to be one without parsing it, so one call cannot hold the app', () => {
    const tooLong = checkPlatformUrl(`https://platform.example.com/${'a'.repeat(MAX_PLATFORM_URL_LENGTH)}`)
    expect(tooLong).toMatchObject({ ok: false, reason: 'not_a_web_address' })
    expect(tooLong.ok ? '' : tooLong.message).toContain(`longer than ${MAX_PLATFORM_URL_LENGTH} characters`)
    // A run of slashes is what a trailing-slash pattern rescans from every position.
    for (const typed of [`https://a.test${'/'.repeat(1_000_000)}x`, '/'.repeat(1_000_000)]) {
      expect(checkPlatformUrl(typed)).toMatchObject({ ok: false, reason: 'not_a_web_address' })
    }
    expect(checkPlatformUrl(`https://platform.example.com${'/'.repeat(1_000)}`)).toEqual({
      ok: true,
      url: 'https://platform.example.com',
    })
  })

  it('tells loopback hosts from names that only look like one', () => {
    expect(isLoopbackHost('localhost')).toBe(true)
    expect(isLoopbackHost('127.255.255.254')).toBe(true)
    expect(isLoopbackHost('[::1]')).toBe(true)
    expect(isLoopbackHost('localhost.evil.com')).toBe(false)
    expect(isLoopbackHost('127.0.0.1.nip.io')).toBe(false)
    expect(isLoopbackHost('evil-127.0.0.1')).toBe(false)
  })

  it('accepts a stored address only with its scheme and under the same rule', () => {
    expect(isAllowedPlatformUrl('https://platform.example.com')).toBe(true)
    expect(isAllowedPlatformUrl('http://127.0.0.1:4455')).toBe(true)
    expect(isAllowedPlatformUrl('http://platform.example.com')).toBe(false)
    expect(isAllowedPlatformUrl('platform.example.com')).toBe(false)
  })

  it('refuses an address holding a broken character, which the URL parser would quietly replace', () => {
    // Half of an emoji, as a hand-edited file, a Windows environment variable or JSON's \\ud800 hold it.
    for (const typed of [
      'https://platform.example.com/\ud800',
      'https://plat\udc00form.example.com',
      'localhost:4455/\ud83d',
    ]) {
      const checked = checkPlatformUrl(typed)
      expect(checked).toMatchObject({ ok: false, reason: 'not_a_web_address' })
      expect(checked.ok ? '' : checked.message).toMatch(/broken character .*type it again/)
      expect((checked.ok ? '' : checked.message).isWellFormed()).toBe(true)
      expect(isAllowedPlatformUrl(typed)).toBe(false)
    }
  })
})
