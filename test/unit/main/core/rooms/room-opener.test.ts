import { describe, expect, it, vi } from 'vitest'
import { platformPage } from '../../../../../src/main/core/rooms/platform-page'
import { RoomOpener } from '../../../../../src/main/core/rooms/room-opener'
import { checkPlatformUrl } from '../../../../../src/shared/platform-url'
import type { Session } from '../../../../../src/shared/protocol'
import { aSession } from '../../../../support/fixtures'

const LOCAL = 'http://127.0.0.1:4455'

describe('platformPage', () => {
  it.each([
    [LOCAL, '/rooms/ses_1?key=k', 'http://127.0.0.1:4455/rooms/ses_1?key=k'],
    ['http://localhost:4455', '/rooms/ses_1', 'http://localhost:4455/rooms/ses_1'],
    ['http://[::1]:4455', '/rooms/ses_1', 'http://[::1]:4455/rooms/ses_1'],
    ['https://platform.example', 'https://platform.example/rooms/1', 'https://platform.example/rooms/1'],
  ])('opens a page of the platform at %s', (platformUrl, address, url) => {
    expect(platformPage(address, platformUrl)).toEqual({ ok: true, url })
  })

  it.each([
    [
      'another site',
      'https://platform.example',
      'https://evil.example/rooms/1',
      /points elsewhere \(https:\/\/evil.example\)/,
    ],
    [
      'a look-alike host',
      'https://platform.example',
      'https://platform.example.evil.example/r',
      /points elsewhere/,
    ],
    [
      'http of an https platform',
      'https://platform.example',
      'http://platform.example/rooms/1',
      /points elsewhere/,
    ],
    ['a script', LOCAL, 'javascript:alert(1)', /will not open this link/],
    ['a protocol-relative address', LOCAL, '//evil.example/x', /will not open this link/],
    ['plain http across a network', 'http://192.168.1.5:4455', '/rooms/1', /https only/],
  ])('refuses %s, saying why', (_, platformUrl, address, reason) => {
    const page = platformPage(address, platformUrl)
    expect(page.ok).toBe(false)
    expect(!page.ok && page.reason).toMatch(reason)
  })
})

describe('RoomOpener', () => {
  function opener(
    session: Session | null,
    open = vi.fn(async (_url: string) => {}),
    platformUrl: string | null = LOCAL,
  ) {
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }
    const rooms = new RoomOpener({
      browser: { open },
      cache: { session: () => session },
      log,
      platformUrl: () => platformUrl,
    })
    return { rooms, open, log }
  }

  it('hands the room of the platform signed in to to the browser', async () => {
    const session = aSession({ id: 'ses_1', roomUrl: '/rooms/ses_1?key=k' })
    const { rooms, open } = opener(session)
    expect(await rooms.openCached('ses_1')).toEqual({
      ok: true,
      result: { url: `${LOCAL}/rooms/ses_1?key=k` },
    })
    expect(open).toHaveBeenCalledExactlyOnceWith(`${LOCAL}/rooms/ses_1?key=k`)
  })

  // Sign-in takes these as this computer and signs in over plain http, so their rooms open too.
  it.each(['http://localhost.:4455', 'http://[::ffff:127.0.0.1]:4455'])(
    'opens the room of a platform signed in to at %s, this computer by another spelling',
    async (typed) => {
      const checked = checkPlatformUrl(typed)
      if (!checked.ok) throw new Error(checked.message)
      const { rooms, open } = opener(
        aSession({ id: 'ses_1', roomUrl: '/rooms/ses_1?key=k' }),
        undefined,
        checked.url,
      )
      const url = `${checked.url}/rooms/ses_1?key=k`
      expect(await rooms.openCached('ses_1')).toEqual({ ok: true, result: { url } })
      expect(open).toHaveBeenCalledExactlyOnceWith(url)
    },
  )

  it('refuses a foreign room with a log line that keeps the room key out', async () => {
    const { rooms, open, log } = opener(aSession({ roomUrl: 'https://evil.example/rooms/1?key=secret' }))
    expect(await rooms.openCached('ses_1')).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(open).not.toHaveBeenCalled()
    expect(log.warn).toHaveBeenCalledOnce()
    expect(String(log.warn.mock.calls[0]?.[0])).not.toContain('secret')
  })

  it('says so when the session has no room yet, or is not cached, or nobody is signed in', async () => {
    expect(await opener(aSession({ roomUrl: null })).rooms.openCached('ses_1')).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringMatching(/has not sent one yet/) },
    })
    expect(await opener(null).rooms.openCached('ses_1')).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
    expect(await opener(aSession(), undefined, null).rooms.openCached('ses_1')).toMatchObject({
      ok: false,
      error: { code: 'signed_out' },
    })
  })

  it('reports a browser that could not open the page, with what to do', async () => {
    const failing = vi.fn(async () => Promise.reject(new Error('Failed to open: no handler')))
    const { rooms, log } = opener(aSession(), failing)
    expect(await rooms.openCached('ses_1')).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/default browser/) },
    })
    expect(String(log.warn.mock.calls[0]?.[0])).toContain('no handler')
  })
})
