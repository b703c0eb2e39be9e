import { describe, expect, it } from 'vitest'
import { formatLogLine } from '../../../src/main/node/log'
import { redactLogFields, redactLogText } from '../../../src/shared/log-redaction'

const TOKEN = 'q3V9xL0bZr7T2mK8pW4sY1cN6hJ5dF0aG9eU3iO7tRw' // the platform's shape: 32 random bytes, base64url
const at = new Date(0)

/** Each text, redacted, reads as its pair. */
function expectRedacted(cases: ReadonlyArray<readonly [string, string]>): void {
  for (const [text, redacted] of cases) expect(redactLogText(text), text).toBe(redacted)
}

describe('what never reaches a log line', () => {
  it('removes tokens by their shape wherever they appear', () => {
    for (const text of [
      `Connected with ${TOKEN}`,
      `GET /api/events?token=${TOKEN}&after=3`,
      `authorization: Bearer ${TOKEN}`,
      `{"token":"${TOKEN}","expertId":"exp_1"}`,
      'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
    ]) {
      const line = formatLogLine(at, 'info', text)
      expect(line, text).not.toContain(TOKEN)
      expect(line).not.toContain('eyJzdWIiOiIxIn0')
      expect(line).toContain('[redacted]')
    }
  })

  it('removes passwords and secrets named in the text, in any quoting', () => {
    expect(redactLogText('password=hunter2 next')).toBe('password=[redacted] next')
    expect(redactLogText('{"password":"correct horse"}')).toBe('{"password":[redacted]}')
    expect(redactLogText("adminToken: 'abc'")).toBe('adminToken: [redacted]')
    expect(redactLogText('Authorization=Basic dXNlcjpwYXNz')).not.toContain('dXNlcjpwYXNz')
    expect(redactLogText('private_key=abc123 signing-key: "k" access_key=z')).toBe(
      'private_key=[redacted] signing-key: [redacted] access_key=[redacted]',
    )
  })

  it('removes the whole credential of an authorization or cookie header, whatever its scheme', () => {
    for (const [text, secrets] of [
      ['authorization: Token abcdef12 next', ['abcdef12']],
      ['Proxy-Authorization: Digest username="ada", response="6629fae4"', ['6629fae4']],
      ['Authorization: AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/2026', ['AKIAEXAMPLE']],
      ['Cookie: sid=s3ss10n; csrf=t0ken42', ['s3ss10n', 't0ken42']],
    ] as const) {
      const line = redactLogText(text)
      for (const secret of secrets) expect(line, text).not.toContain(secret)
    }
  })

  it('removes the values of secret-named fields and of message texts, keeping the others', () => {
    expect(
      redactLogFields({
        expertId: 'exp_1',
        password: 'hunter2',
        token: 'x',
        text: 'Hello Mei',
        reason: 'gone',
      }),
    ).toEqual({
      expertId: 'exp_1',
      password: '[redacted]',
      token: '[redacted]',
      text: '[redacted]',
      reason: 'gone',
    })
    const line = formatLogLine(at, 'warn', 'Sign-in refused', {
      email: 'ada@example.test',
      password: 'hunter2',
    })
    expect(line).toContain('ada@example.test')
    expect(line).not.toContain('hunter2')
  })

  it('knows a secret field by any spelling of its name', () => {
    const fields = {
      accessToken: 'a',
      'x-auth-token': 'b',
      Password: 'c',
      user_password: 'd',
      apiKey: 'e',
      'X-API-KEY': 'f',
      clientSecret: 'g',
      privateKey: 'pk',
      messageBody: 'h',
      message: 'i',
      cookies: 'j',
      requestId: 'req_1',
      inviteId: 'inv_1',
      idempotencyKey: 'k_1',
      reason: 'taken',
      status: 'online',
    }
    expect(redactLogFields(fields)).toEqual({
      ...Object.fromEntries(Object.keys(fields).map((key) => [key, '[redacted]'])),
      requestId: 'req_1',
      inviteId: 'inv_1',
      idempotencyKey: 'k_1',
      reason: 'taken',
      status: 'online',
    })
  })

  it('removes secrets nested in a detail that is not flat, and message texts in JSON', () => {
    const line = formatLogLine(at, 'warn', 'Odd reply', {
      outer: { password: 'nested-hunter2', body: 'Hello Mei' },
    })
    expect(line).not.toContain('nested-hunter2')
    expect(line).not.toContain('Hello Mei')
    expect(redactLogText('{"text":"Hi \\"there\\" Mei","id":"m_1"}')).toBe('{"text":"[redacted]","id":"m_1"}')
    expect(redactLogText('"password":"with \\" quote inside"')).toBe('"password":[redacted]')
  })

  it('removes the whole userinfo of a URL, a password and a token put there, and a random token that happens to hold no digit', () => {
    expect(redactLogText('GET https://ada:hunter2@platform.example.com/x')).toBe(
      'GET https://[redacted]@platform.example.com/x',
    )
    expect(redactLogText('http://127.0.0.1:4455/api')).toBe('http://127.0.0.1:4455/api')
    // A password with no user name before it is still one.
    expect(redactLogText('GET https://:hunter2@platform.example.com/x')).toBe(
      'GET https://[redacted]@platform.example.com/x',
    )
    // A raw @ inside the password: nothing of it is left.
    expect(redactLogText('GET https://ada:p@ss@w0rd@platform.example.com/x')).toBe(
      'GET https://[redacted]@platform.example.com/x',
    )
    // A short token put in a link as its whole userinfo, as a link to a repository often carries one,
    // with a raw @ in it, before an empty password, or before a word that only names its kind.
    for (const userinfo of ['gh7x2k', 'gh7@x2k', 'gh7x2k:', 'gh7x2k:x-oauth-basic'])
      expect(redactLogText(`GET https://${userinfo}@platform.example.com/x`), userinfo).toBe(
        'GET https://[redacted]@platform.example.com/x',
      )
    const noDigit = 'qVxLbZrTmKpWsYcNhJdFaGeUiOtRwQvXlBzRtMkPwSy'
    expect(redactLogText(`socket ${noDigit}`)).toBe('socket [redacted]')
  })

  it('removes a secret query value by its parameter name, however short, in any case', () => {
    expectRedacted([
      [
        'GET https://bucket.example/a.pdf?X-Amz-Credential=AKIA%2F2026&X-Amz-Date=20261204&X-Amz-Signature=ab12',
        'GET https://bucket.example/a.pdf?X-Amz-Credential=[redacted]&X-Amz-Date=20261204&X-Amz-Signature=[redacted]',
      ],
      [
        'GET /file?Credential=AKIA1&Signature=f0e&Expires=60',
        'GET /file?Credential=[redacted]&Signature=[redacted]&Expires=60',
      ],
      ['GET /blob?sv=2024&sig=x%2Fy&se=1', 'GET /blob?sv=2024&sig=[redacted]&se=1'],
      ['redirected to /callback?code=4f1&state=s1', 'redirected to /callback?code=[redacted]&state=s1'],
      ['/cb#access_token=ab&token_type=bearer', '/cb#access_token=[redacted]&token_type=bearer'],
      [
        'GET /x?TOKEN=a1&refresh_token=r&Password=p&client_secret=c&key=k',
        'GET /x?TOKEN=[redacted]&refresh_token=[redacted]&Password=[redacted]&client_secret=[redacted]&key=[redacted]',
      ],
      ['GET /x?API_KEY=k1&Sig=s#frag', 'GET /x?API_KEY=[redacted]&Sig=[redacted]#frag'],
      [
        'GET /x?jsessionid=A1&sid=s1&PHPSESSID=p1&session_id=i1&x-session-id=h1&sess=s2',
        'GET /x?jsessionid=[redacted]&sid=[redacted]&PHPSESSID=[redacted]&session_id=[redacted]&x-session-id=[redacted]&sess=[redacted]',
      ],
    ])
  })

  it('removes a secret query value whose parameter name is percent-encoded or bracketed', () => {
    expectRedacted([
      ['GET /blob?sv=1&%73ig=s1&se=1', 'GET /blob?sv=1&%73ig=[redacted]&se=1'],
      ['GET /x?access%5Ftoken=t1&a=1', 'GET /x?access%5Ftoken=[redacted]&a=1'],
      ['GET /x?%63ode=c1', 'GET /x?%63ode=[redacted]'],
      ['GET /x?auth[token]=t2&user[name]=ada', 'GET /x?auth[token]=[redacted]&user[name]=ada'],
      ['GET /x?key%5B%5D=k1;sig=s2', 'GET /x?key%5B%5D=[redacted];sig=[redacted]'],
      ['GET /x?bad%zz=1&%E0%A4%A=2', 'GET /x?bad%zz=1&%E0%A4%A=2'],
    ])
  })

  it('removes a secret query value inside the value of another parameter, as a link to go on to holds it', () => {
    expectRedacted([
      ['GET /login?next=/cb?code=c1&state=s1', 'GET /login?next=/cb?code=[redacted]&state=s1'],
      [
        'GET /out?to=https://files.example/a.pdf?X-Amz-Signature=ab12',
        'GET /out?to=https://files.example/a.pdf?X-Amz-Signature=[redacted]',
      ],
      // A secret's value runs to the next parameter, a "?" in it included, as the server reads it.
      ['GET /x?token=t1?part=2&a=1', 'GET /x?token=[redacted]&a=1'],
      ['GET /x?token=t1?sig=s1&a=1', 'GET /x?token=[redacted]&a=1'],
      // Escaped as a value, once or twice: the link goes whole.
      ['GET /login?next=%2Fcb%3Fcode%3Dc1&state=s1', 'GET /login?next=[redacted]&state=s1'],
      ['GET /a?to=https%3A%2F%2Fb%2Fx%3Fsig%3Ds1%26v%3D1', 'GET /a?to=[redacted]'],
      ['GET /a?to=%252Fcb%253Ftoken%253Dt1', 'GET /a?to=[redacted]'],
      // An escaped link without a secret, or one that cannot be unescaped, stays.
      ['GET /login?next=%2Finvites%3Fid%3Dinv_1', 'GET /login?next=%2Finvites%3Fid%3Dinv_1'],
      ['GET /login?next=%2Fcb%3Fcode%3D%zz', 'GET /login?next=%2Fcb%3Fcode%3D%zz'],
    ])
  })

  it('keeps ordinary query values and fields that share a secret name only in part', () => {
    for (const text of [
      'GET /api/invites?inviteId=inv_1&after=3&limit=20',
      'GET /x?keyword=tax&monkey=1&zipcode=9&signed=1&codec=h264&sidebar=1&session_count=2',
      'Failed: connect ECONNREFUSED (code=ECONNREFUSED)',
      'refused: {"code":"rate_limited","message_id":"m_1"}',
    ]) {
      expect(redactLogText(text), text).toBe(text)
    }
  })

  it('redacts an error whose message quotes a secret', () => {
    const line = formatLogLine(at, 'error', 'Request failed', new Error(`401 for Bearer ${TOKEN}`))
    expect(line).not.toContain(TOKEN)
    expect(line).toContain('Request failed (Error: 401 for Bearer [redacted])')
  })

  it('leaves ordinary lines alone: ids, paths, addresses, versions, long words', () => {
    for (const text of [
      'Signed in as ada@example.test on http://127.0.0.1:4455',
      'Skipped event 1234 from the platform: it could not be read (title: too long)',
      '.cache/electron-sqlite/electron-45.5.0-linux-x64-better-sqlite3-12.9.0/better_sqlite3.node',
      'Invite inv_01JD3K9QZ8X7V6W5T4R3P2N1M0 closed',
      'internationalization-and-localization-concerns',
      'request 3f2c1a9e-5b7d-4c8e-9f10-2a3b4c5d6e7f',
    ]) {
      expect(redactLogText(text), text).toBe(text)
    }
  })
})
