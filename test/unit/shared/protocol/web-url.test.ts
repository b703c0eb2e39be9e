import { describe, expect, it } from 'vitest'
import { ExternalUrl } from '../../../../src/shared/ipc/contract'
import { Attachment, WebUrl } from '../../../../src/shared/protocol'

const attachment = { name: 'log.txt', sizeBytes: 10, mimeType: 'text/plain' }

describe('a web address from a client', () => {
  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'smb://host/share',
    'zoommtg://join',
    'data:text/html,x',
  ])('refuses %s: only web pages reach the browser', (url) => {
    expect(WebUrl.safeParse(url).success).toBe(false)
    expect(Attachment.safeParse({ ...attachment, url }).success).toBe(false)
  })

  it('takes out a user name and password, which make one site read as another', () => {
    expect(WebUrl.parse('https://bank.example@evil.example/login')).toBe('https://evil.example/login')
    expect(WebUrl.parse('https://user:secret@files.example/a')).toBe('https://files.example/a')
    expect(Attachment.parse({ ...attachment, url: 'https://bank.example@evil.example/' }).url).toBe(
      'https://evil.example/',
    )
    expect(ExternalUrl.parse('https://bank.example:x@evil.example/')).toBe('https://evil.example/')
  })

  it('writes a host in another script as punycode, as the browser will be given it', () => {
    expect(WebUrl.parse('https://аpple.com/x')).toBe('https://xn--pple-43d.com/x')
  })

  it('keeps an ordinary address as the URL parser writes it', () => {
    expect(WebUrl.parse('HTTPS://files.example/a b?x=1#y')).toBe('https://files.example/a%20b?x=1#y')
  })
})
