// The room page: the request, the thread and the billing state of one session, escaped, behind the
// session's own link; every other link gets the same 404.
import { describe, expect, it } from 'vitest'
import { PlatformEvent, type Session } from '../../../src/shared/protocol'
import { ofType, type ExpertConnection } from '../../support/expert-connection'
import { useTestPlatform } from '../../support/test-platform'
import { MOST_ROOM_MESSAGES } from '../../../server/src/http/room-route'

const HOSTILE_TITLE = '<script>alert("title")</script> & co'
const HOSTILE_DESCRIPTION = 'Line one <img src=x onerror=alert(1)>\nLine "two" & \'three\''
const HOSTILE_MESSAGE = '</p><b>bold?</b>'

describe('the room page', () => {
  const platform = useTestPlatform()

  /** An expert who took an instant direct request with hostile text, and the session it became. */
  async function takeSession(): Promise<{ session: Session; socket: ExpertConnection }> {
    const expert = platform().addExpert({ name: 'Ada Byron' })
    const socket = await platform().connect(expert.token)
    const clientId = platform().addClient('Sam <Okafor>')
    const { request } = platform().server.marketplace.createRequest({
      clientId,
      title: HOSTILE_TITLE,
      description: HOSTILE_DESCRIPTION,
      kind: 'instant',
      direct: { expertId: expert.id, via: 'profile' },
    })
    platform().server.marketplace.clientMessage(request.id, expert.id, HOSTILE_MESSAGE)
    const invite = await socket.waitForEvent(ofType('invite.created'))
    const ack = await socket.command('invite.accept', {
      inviteId: invite.payload.invite.id,
      proposedTime: null,
    })
    if (!ack.ok) throw new Error(ack.error.message)
    const { session } = ack.result as { session: Session }
    return { session, socket }
  }

  const page = (path: string, init?: RequestInit): Promise<Response> =>
    fetch(new URL(path, platform().server.url), init)

  it('gives every session a room link of its own, in the result and in the event stream', async () => {
    const first = await takeSession()
    const second = await takeSession()
    expect(first.session.roomUrl).toMatch(/^\/rooms\/ses_\w+\?key=[0-9a-f]{32}$/)
    expect(second.session.roomUrl).not.toBe(first.session.roomUrl)
    const replay = platform().server.marketplace.replay(first.session.expertId, 0, {})
    const updated =
      replay.kind === 'events'
        ? replay.events.map((e) => PlatformEvent.parse(e)).find((e) => e.type === 'session.updated')
        : undefined
    expect(updated?.type === 'session.updated' && updated.payload.session.roomUrl).toBe(first.session.roomUrl)
  })

  it('shows the request, the thread and whether billing runs, every value escaped, under a strict CSP', async () => {
    const { session, socket } = await takeSession()
    const response = await page(session.roomUrl!)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toMatch(/script-src/)
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    const html = await response.text()
    expect(html).toContain('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; &amp; co')
    expect(html).toContain(
      'Line one &lt;img src=x onerror=alert(1)&gt;\nLine &quot;two&quot; &amp; &#39;three&#39;',
    )
    expect(html).toContain('&lt;/p&gt;&lt;b&gt;bold?&lt;/b&gt;')
    expect(html).toContain('Sam &lt;Okafor&gt;')
    expect(html).not.toMatch(/<script|<img|<b>/)
    expect(html).toContain('Not billing: the expert is building context')

    platform().server.marketplace.clientJoin(session.id)
    expect((await socket.command('session.startBilling', { sessionId: session.id })).ok).toBe(true)
    expect(await (await page(session.roomUrl!)).text()).toContain('Billing runs, since')
  })

  it('answers a wrong, missing or repeated key, another session’s key and an unknown session with the same 404', async () => {
    const { session } = await takeSession()
    const other = await takeSession()
    const [path, key] = session.roomUrl!.split('?key=') as [string, string]
    const otherKey = other.session.roomUrl!.split('?key=')[1]!
    const refused = [
      path,
      `${path}?key=${'0'.repeat(32)}`,
      `${path}?key=${otherKey}`,
      `${path}?key=${key}&key=${key}`,
      `${path}?key=${key.slice(1)}`,
      `/rooms/ses_nobody?key=${key}`,
      `${path}/more?key=${key}`,
      `/rooms/%E0%A4%A?key=${key}`,
    ]
    const before = platform().logger.lines.length
    for (const target of refused) {
      const response = await page(target)
      expect(response.status, target).toBe(404)
      const html = await response.text()
      expect(html, target).toContain('This room link is not valid')
      expect(html, target).not.toContain('alert')
    }
    const logged = platform()
      .logger.lines.slice(before)
      .filter((l) => l.includes('room link refused'))
    expect(logged).toHaveLength(refused.length)
  })

  it('shows the latest messages of a long thread, saying how many earlier ones it leaves out', async () => {
    const { session } = await takeSession()
    const { marketplace } = platform().server
    const extra = MOST_ROOM_MESSAGES + 4
    for (let n = 1; n <= extra; n++)
      marketplace.clientMessage(session.request.id, session.expertId, `Note ${n}.`)
    const html = await (await page(session.roomUrl!)).text()
    expect(html).toContain(`Note ${extra}.`)
    expect(html).toContain(`Note ${extra - MOST_ROOM_MESSAGES + 1}.`)
    expect(html).not.toContain(`Note ${extra - MOST_ROOM_MESSAGES}.`)
    expect(html).not.toContain('bold?')
    // The one written with the request, and the first ones of the loop.
    expect(html).toContain(`The 5 earlier messages are not shown here.`)
    expect(html.match(/<li>/g)).toHaveLength(MOST_ROOM_MESSAGES)
  })

  it('reads rooms with GET only: another method gets 405 saying so, OPTIONS the methods alone', async () => {
    const { session } = await takeSession()
    const response = await page(session.roomUrl!, { method: 'POST' })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
    const html = await response.text()
    expect(html).not.toContain('alert')
    // It says what went wrong and what to do, not that the link is invalid: the link is fine.
    expect(html).toContain('<h1>Rooms are read with GET</h1>')
    expect(html).not.toContain('not valid')
    // As every other route: 204 with the methods to use.
    const options = await page(session.roomUrl!, { method: 'OPTIONS' })
    expect(options.status).toBe(204)
    expect(options.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
    expect(await options.text()).toBe('')
  })
})
