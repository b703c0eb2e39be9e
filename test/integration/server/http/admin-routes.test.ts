import { describe, expect, it } from 'vitest'
import { MAX_REPLAY_PAGE, MAX_REPLAY_PAGE_BYTES } from '../../../../src/shared/protocol'
import { adminFetch } from '../../../support/admin-api'
import { endedSessionOn } from '../../../support/ended-session'
import { useTestPlatform } from '../../../support/test-platform'

describe('an admin body with a key the endpoint does not take', () => {
  const platform = useTestPlatform()
  const post = (path: string, body: unknown) => adminFetch(platform().server, 'POST', path, body)
  const refusal = async (response: Response) =>
    ((await response.json()) as { error: { code: string; message: string } }).error
  const requests = (): number =>
    platform().server.marketplace.db.prepare('SELECT COUNT(*) FROM requests').pluck().get() as number

  it('is refused naming the key, so a review given once keeps the comment it meant to give', async () => {
    const { sessionId } = endedSessionOn(platform())
    const misspelt = await post(`/admin/sessions/${sessionId}/review`, {
      rating: 2,
      coment: 'Late and rude.',
    })
    expect(misspelt.status).toBe(400)
    expect(await refusal(misspelt)).toMatchObject({ code: 'invalid_payload', message: /coment/ })
    // Nothing was recorded: the review, which a session takes once, can still be given whole.
    const review = await post(`/admin/sessions/${sessionId}/review`, { rating: 2, comment: 'Late and rude.' })
    expect(review.status).toBe(200)
    expect(platform().server.marketplace.store.session(sessionId).review).toMatchObject({
      comment: 'Late and rude.',
    })
    const chargeback = await post(`/admin/sessions/${sessionId}/chargeback`, { reasons: 'fraudulent' })
    expect(await refusal(chargeback)).toMatchObject({ code: 'invalid_payload', message: /reasons/ })
    expect(platform().server.marketplace.store.session(sessionId).chargeback).toBeNull()
  })

  it('creates no request: a direct request misspelt does not go out to other experts', async () => {
    const named = platform().addExpert()
    platform().addExpert()
    const before = requests()
    for (const body of [
      {
        clientId: platform().addClient(),
        title: 'Only for you',
        kind: 'instant',
        drect: { expertId: named.id, via: 'profile' },
      },
      {
        clientId: platform().addClient(),
        title: 'Only for you',
        kind: 'instant',
        direct: { expertId: named.id, via: 'profile', note: 'x' },
      },
      {
        clientId: platform().addClient(),
        title: 'Only for you',
        kind: 'instant',
        direct: { expertId: named.id, via: 'profile' },
        // An attachment's own keys are the request's too: one misspelt would be dropped unseen.
        attachments: [
          { name: 'a.png', sizeBytes: 1, mimeType: 'image/png', url: 'https://files.test/a', privat: true },
        ],
      },
    ]) {
      const response = await post('/admin/requests', body)
      expect(response.status).toBe(400)
      expect(await refusal(response)).toMatchObject({ code: 'invalid_payload', message: /drect|note|privat/ })
    }
    expect(requests()).toBe(before)
  })

  it('refuses a title, a file name or a client name of only what draws nothing, saying which, and stores nothing', async () => {
    // The app reads such text a platform of another version stored as U+FFFD; this one never stores it.
    const before = requests()
    const clientId = platform().addClient()
    const file = { name: 'a.png', sizeBytes: 1, mimeType: 'image/png', url: 'https://files.test/a' }
    for (const [body, what] of [
      [{ clientId, title: '\u200d', kind: 'instant' }, /^title: The title holds only spaces/],
      [
        { clientId, title: 'Hi', kind: 'instant', attachments: [{ ...file, name: '\u2800' }] },
        /A file name holds/,
      ],
    ] as const) {
      const response = await post('/admin/requests', body)
      expect(response.status).toBe(400)
      expect(await refusal(response)).toMatchObject({ code: 'invalid_payload', message: what })
    }
    expect(requests()).toBe(before)
    expect(() => platform().addClient('\u2800 \u200f')).toThrow(/The name holds only spaces/)
  })

  it('is refused for a client message and a clock advance too, and changes nothing', async () => {
    const now = platform().clock.now()
    const advance = await post('/admin/clock/advance', { ms: 1_000, seconds: 1 })
    expect(await refusal(advance)).toMatchObject({ code: 'invalid_payload', message: /seconds/ })
    expect(platform().clock.now()).toBe(now)
    const message = await post('/admin/messages', {
      requestId: 'req_x',
      expertId: 'exp_x',
      body: 'Hi',
      from: 'expert',
    })
    expect(await refusal(message)).toMatchObject({ code: 'invalid_payload', message: /from/ })
  })
})

describe('the admin read of a thread', () => {
  const platform = useTestPlatform()

  it('says which parameter is missing, repeated or no id, instead of answering an empty thread', async () => {
    for (const query of [
      '',
      'requestId=req_1',
      'requestId=req_1&requestId=req_2&expertId=exp_1',
      `requestId=req_1&expertId=${'x'.repeat(200)}`,
      'requestId=two%20words&expertId=exp_1',
    ]) {
      const response = await adminFetch(platform().server, 'GET', `/admin/threads?${query}`)
      expect(response.status, query).toBe(400)
      expect(await response.json()).toMatchObject({
        error: { code: 'invalid_payload', message: /requestId|expertId/ },
      })
    }
    const empty = await adminFetch(platform().server, 'GET', '/admin/threads?requestId=req_1&expertId=exp_1')
    expect(empty.status).toBe(200)
    expect(await empty.json()).toEqual({ messages: [] })
  })
})

describe('the admin read of a long thread', () => {
  const platform = useTestPlatform()

  it('answers it in pages bounded in count and bytes, each naming where the next one starts', async () => {
    const expert = platform().addExpert()
    const { request } = platform().inviteDirectly(expert.id, 'A long conversation')
    const sent = Array.from({ length: 30 }, (_, n) =>
      platform().server.marketplace.clientMessage(request.id, expert.id, `${n} `.repeat(1_500)),
    )
    const thread = `/admin/threads?requestId=${request.id}&expertId=${expert.id}`
    const read = async (query: string): Promise<{ messages: Array<{ id: string }>; next?: string }> => {
      const response = await adminFetch(platform().server, 'GET', `${thread}${query}`)
      expect(response.status, query).toBe(200)
      return (await response.json()) as { messages: Array<{ id: string }>; next?: string }
    }
    const seen: string[] = []
    let page = await read('')
    for (;;) {
      expect(JSON.stringify(page.messages).length).toBeLessThanOrEqual(MAX_REPLAY_PAGE_BYTES + 5_000)
      seen.push(...page.messages.map((message) => message.id))
      if (page.next === undefined) break
      expect(page.messages.length).toBeGreaterThan(0)
      page = await read(`&after=${page.next}`)
    }
    expect(seen).toEqual(sent.map((message) => message.id))
    const first = await read('&limit=7')
    expect(first.messages.map((message) => message.id)).toEqual(seen.slice(0, 7))
    expect((await read(`&after=${first.next}&limit=7`)).messages[0]?.id).toBe(seen[7])
    expect(await read(`&after=${seen.at(-1)}`)).toEqual({ messages: [] })
  })

  it('refuses a cursor from no message of the thread, and a page size out of range', async () => {
    const expert = platform().addExpert()
    const { request } = platform().inviteDirectly(expert.id, 'A short conversation')
    const thread = `/admin/threads?requestId=${request.id}&expertId=${expert.id}`
    for (const query of [
      '&after=msg_none',
      '&limit=0',
      `&limit=${MAX_REPLAY_PAGE + 1}`,
      '&limit=x',
      '&after=a%20b',
    ]) {
      const response = await adminFetch(platform().server, 'GET', `${thread}${query}`)
      expect(response.status, query).toBe(400)
      expect(await response.json()).toMatchObject({
        error: { code: 'invalid_payload', message: /after|limit/ },
      })
    }
  })
})

describe('a client message sent through the admin endpoint', () => {
  const platform = useTestPlatform()

  it('is refused when it holds a broken character, as the platform refuses it from either side, and stores nothing', async () => {
    const expert = platform().addExpert()
    const { request } = platform().inviteDirectly(expert.id, 'Half an emoji')
    // A lone surrogate can only arrive escaped: raw, it is no UTF-8 at all.
    const response = await adminFetch(platform().server, 'POST', '/admin/messages', undefined, {
      rawBody: `{"requestId":"${request.id}","expertId":"${expert.id}","body":"half an emoji \\ud83d"}`,
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      error: { code: 'invalid_payload', message: /broken character/ },
    })
    expect(platform().server.marketplace.thread(request.id, expert.id)).toEqual([])
  })
})
