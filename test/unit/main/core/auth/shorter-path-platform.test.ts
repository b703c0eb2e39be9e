/**
 * The addresses sign-in asks when the one typed carries more path than its platform is served
 * under: only the typed address's own computer, a few at most, never a password, never a redirect
 * followed; and the address named is one where a Standby platform itself answered.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { signIn } from '../../../../../src/main/core/auth/sign-in'
import { HTTP_PATHS, PLATFORM_NAME, PROTOCOL_VERSION } from '../../../../../src/shared/protocol'
import { FIXTURE_NOW } from '../../../../support/fixtures'

const HOST = 'https://platform.example.com'

/** A request sign-in made: where, how, and with what. */
interface Asked {
  readonly url: string
  readonly method: string
  readonly redirect: RequestRedirect | undefined
  readonly body: unknown
}

/**
 * A fetch that records each request and answers it with `answer`, or with a page that is no
 * platform's; one that is told to follow redirects follows them, as fetch does.
 */
function recordingFetch(answer: (url: string) => Response | undefined) {
  const asked: Asked[] = []
  const impl: typeof fetch = async (input, init) => {
    const url = String(input)
    asked.push({ url, method: init?.method ?? 'GET', redirect: init?.redirect, body: init?.body })
    let res = answer(url) ?? new Response('<html>Not found</html>', { status: 404 })
    for (let hops = 0; init?.redirect !== 'manual' && res.status >= 300 && res.status < 400; hops++) {
      const location = res.headers.get('location')
      if (location === null || hops > 5) break
      res = answer(location) ?? new Response('<html>Not found</html>', { status: 404 })
    }
    return res
  }
  return { asked, impl }
}

const info = (serverTime: number) =>
  Response.json({ platform: PLATFORM_NAME, protocolVersion: PROTOCOL_VERSION, serverTime })

const notAPlatform = (typed: string) =>
  `${typed} answered, but it is not a Standby platform. Check the address.`

describe('the shorter addresses sign-in asks', () => {
  it('asks a few on the typed address’s own computer, with no password and following no redirect', async () => {
    const typed = `${HOST}/a/b/c/d/e`
    const { asked, impl } = recordingFetch(() => undefined)
    const outcome = await signIn(typed, 'ada@example.test', 'secret-password', impl)
    expect(outcome).toMatchObject({ ok: false, message: notAPlatform(typed) })
    expect(asked.map((a) => a.url)).toEqual([
      `${typed}${HTTP_PATHS.info}`,
      `${HOST}/a/b/c/d${HTTP_PATHS.info}`,
      `${HOST}/a/b/c${HTTP_PATHS.info}`,
      `${HOST}${HTTP_PATHS.info}`,
    ])
    for (const a of asked) expect(a).toMatchObject({ method: 'GET', redirect: 'manual', body: undefined })
  })

  it('names no address whose check only redirects to a platform elsewhere', async () => {
    const elsewhere = 'https://other.example.com'
    const { asked, impl } = recordingFetch((url) => {
      if (url === `${HOST}${HTTP_PATHS.info}`)
        return new Response(null, { status: 302, headers: { location: `${elsewhere}${HTTP_PATHS.info}` } })
      return url.startsWith(elsewhere) ? info(FIXTURE_NOW) : undefined
    })
    const typed = `${HOST}/dashboard`
    const outcome = await signIn(typed, 'ada@example.test', 'secret-password', impl)
    expect(outcome).toMatchObject({ ok: false, message: notAPlatform(typed) })
    expect(asked.every((a) => a.url.startsWith(HOST))).toBe(true)
  })

  it('names the address where a platform answers even when its clock is wrong, as sign-in there tells', async () => {
    const { impl } = recordingFetch((url) =>
      url === `${HOST}${HTTP_PATHS.info}` ? info(Date.UTC(1970, 0, 1)) : undefined,
    )
    const outcome = await signIn(`${HOST}/dashboard`, 'ada@example.test', 'secret-password', impl)
    expect(outcome.ok ? '' : outcome.message).toMatch(
      new RegExp(`the platform answers at ${HOST}, without the rest of the path\\. Sign in with ${HOST}\\.$`),
    )
    // Signed in to there, the expert hears about the clock, not about the address.
    const there = await signIn(HOST, 'ada@example.test', 'secret-password', impl)
    expect(there.ok ? '' : there.message).toMatch(/is a Standby platform, but its clock reads the year 1970/)
  })

  describe('asked together, within one check’s time', () => {
    afterEach(() => {
      vi.useRealTimers()
    })

    /** A fetch whose answers the test holds: each address's request settles only when told. */
    function heldFetch(answerAt: (url: string) => ((signal: AbortSignal) => Promise<Response>) | undefined) {
      const open = new Map<string, AbortSignal>()
      const impl: typeof fetch = (input, init) => {
        const url = String(input)
        const signal = init?.signal ?? new AbortController().signal
        open.set(url, signal)
        const answer = answerAt(url)
        if (answer !== undefined) return answer(signal)
        // Never answers: only its end of asking settles it.
        return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)))
      }
      return { open, impl }
    }

    const settled = <T>(promise: Promise<T>) => {
      const seen = { done: false }
      void promise.then(() => (seen.done = true))
      return seen
    }

    it('names the root while a nearer address is still unanswered, and then closes that ask', async () => {
      const typed = `${HOST}/a/b`
      const nearer = `${HOST}/a${HTTP_PATHS.info}`
      let nearerOpenWhenRootAsked = false
      const { open, impl } = heldFetch((url) => {
        if (url === `${typed}${HTTP_PATHS.info}`)
          return () => Promise.resolve(new Response('no', { status: 404 }))
        if (url !== `${HOST}${HTTP_PATHS.info}`) return undefined
        nearerOpenWhenRootAsked = open.get(nearer)?.aborted === false
        return () => Promise.resolve(info(FIXTURE_NOW))
      })
      const outcome = await signIn(typed, 'ada@example.test', 'secret-password', impl)
      expect(outcome.ok ? '' : outcome.message).toMatch(new RegExp(`Sign in with ${HOST}\\.$`))
      // Not waited out: asked beside the root, and closed once the root answered.
      expect(nearerOpenWhenRootAsked).toBe(true)
      expect(open.get(nearer)?.aborted).toBe(true)
    })

    it('tells the expert within the check’s time after a quick answer, and a little after a slow one', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
      for (const [answersAfterMs, thenWaitsMs] of [
        [1_000, 7_000],
        [7_000, 4_000],
      ] as const) {
        const typed = `${HOST}/dashboard`
        const { impl } = heldFetch((url) =>
          url === `${typed}${HTTP_PATHS.info}`
            ? () =>
                new Promise((resolve) =>
                  setTimeout(() => resolve(new Response('no', { status: 404 })), answersAfterMs),
                )
            : undefined,
        )
        const seen = settled(signIn(typed, 'ada@example.test', 'secret-password', impl))
        await vi.advanceTimersByTimeAsync(answersAfterMs + thenWaitsMs - 1)
        expect(seen.done, `answered after ${answersAfterMs} ms`).toBe(false)
        await vi.advanceTimersByTimeAsync(1)
        expect(seen.done, `answered after ${answersAfterMs} ms`).toBe(true)
      }
    })
  })
})
