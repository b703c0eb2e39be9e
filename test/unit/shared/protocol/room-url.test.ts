import { describe, expect, it } from 'vitest'
import { MAX_ROOM_URL_LENGTH, resolveRoomUrl, RoomUrl, Session } from '../../../../src/shared/protocol'
import { aSession } from '../../../support/fixtures'

const PLATFORM = 'http://127.0.0.1:4455'

describe('RoomUrl', () => {
  it.each([
    '/rooms/ses_1?key=0123456789abcdef0123456789abcdef',
    '/rooms/ses%201',
    'https://platform.example/rooms/ses_1?key=k',
    'http://127.0.0.1:4455/rooms/ses_1',
  ])('accepts the room address %s', (text) => {
    expect(RoomUrl.parse(text)).toBe(text)
  })

  it.each([
    ['a script', 'javascript:alert(1)'],
    ['a data URL', 'data:text/html,<b>hi</b>'],
    ['a file', 'file:///etc/passwd'],
    ['another scheme', 'ftp://platform.example/rooms/1'],
    ['an app scheme', 'standby://app/index.html'],
    ['a protocol-relative address', '//evil.example/rooms/1'],
    ['a backslash that browsers read as another host', '/\\evil.example/rooms/1'],
    ['a backslash anywhere', '/rooms\\1'],
    ['a user name and password', 'https://user:pass@platform.example/rooms/1'],
    ['a space', '/rooms/ses 1'],
    ['a control character', '/rooms/ses_1\n'],
    ['non-ASCII text', '/rooms/ses_ü'],
    ['a relative path', 'rooms/ses_1'],
    ['an empty string', ''],
    ['a path too long', `/rooms/${'a'.repeat(MAX_ROOM_URL_LENGTH)}`],
  ])('refuses %s', (_, text) => {
    const parsed = RoomUrl.safeParse(text)
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message.length).toBeGreaterThan(10)
  })
})

describe('a session’s room', () => {
  it('reads a session from a platform older than rooms with no room, rather than refusing it', () => {
    const { roomUrl: _none, ...older } = aSession()
    expect(Session.parse(older).roomUrl).toBeNull()
  })

  it('refuses a session whose room address is not one', () => {
    expect(Session.safeParse({ ...aSession(), roomUrl: 'javascript:alert(1)' }).success).toBe(false)
  })
})

describe('resolveRoomUrl', () => {
  it('resolves a path against the platform the app signed in to, whatever name it used', () => {
    expect(resolveRoomUrl('/rooms/ses_1?key=k', PLATFORM)).toBe('http://127.0.0.1:4455/rooms/ses_1?key=k')
    expect(resolveRoomUrl('/rooms/ses_1', 'http://localhost:4455')).toBe('http://localhost:4455/rooms/ses_1')
    expect(resolveRoomUrl('https://platform.example/rooms/1', 'https://platform.example')).toBe(
      'https://platform.example/rooms/1',
    )
  })

  it('puts a path under the path the platform is served at, as its API is, and takes a whole URL as given', () => {
    expect(resolveRoomUrl('/rooms/ses_1?key=k', 'https://host.example/standby')).toBe(
      'https://host.example/standby/rooms/ses_1?key=k',
    )
    expect(resolveRoomUrl('/rooms/ses_1', 'https://host.example/standby/')).toBe(
      'https://host.example/standby/rooms/ses_1',
    )
    expect(resolveRoomUrl('https://host.example/standby/rooms/1', 'https://host.example/standby')).toBe(
      'https://host.example/standby/rooms/1',
    )
  })

  it.each([
    ['another host', 'https://evil.example/rooms/1'],
    ['another port', 'http://127.0.0.1:4456/rooms/1'],
    ['another scheme', 'https://127.0.0.1:4455/rooms/1'],
    ['the same host by another name', 'http://localhost:4455/rooms/1'],
    ['a protocol-relative address', '//evil.example/rooms/1'],
    ['a backslash trick', '/\\evil.example/rooms/1'],
  ])('refuses a room on %s', (_, roomUrl) => {
    expect(resolveRoomUrl(roomUrl, PLATFORM)).toBeNull()
  })

  it('refuses everything when the platform address is not a web address', () => {
    expect(resolveRoomUrl('/rooms/1', 'not a url')).toBeNull()
    expect(resolveRoomUrl('/rooms/1', 'file:///tmp/')).toBeNull()
  })
})
