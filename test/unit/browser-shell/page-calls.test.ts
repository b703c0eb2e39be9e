/**
 * What the shell keeps for pages whose socket dropped is bounded: a page that never comes back,
 * or reconnects under many ids, or leaves large answers behind, cannot make it hold more than a
 * few pages' worth for a minute. Carriers and the clock are the test's own.
 */
import { describe, expect, it } from 'vitest'
import { pageCalls, type After, type Carrier, type KeptLimits } from '../../../src/browser-shell/page-calls'

const LIMITS: KeptLimits = { pages: 2, calls: 3, bytes: 100, forMs: 60_000 }

/** A carrier that records what it was sent, open until the test closes it. */
function carrier(): Carrier & { sent: string[]; close(): void } {
  let open = true
  const sent: string[] = []
  return { sent, open: () => open, send: (text) => void sent.push(text), close: () => (open = false) }
}

/** A clock whose timers run when the test says. */
function clock(): { after: After; runAll(): void } {
  const timers = new Set<() => void>()
  return {
    after: (run) => {
      timers.add(run)
      return () => timers.delete(run)
    },
    runAll: () => [...timers].forEach((run) => run()),
  }
}

/** Page `pageId` makes call 1, its socket drops, the call settles with `answer`. */
function answeredWhileAway(calls: ReturnType<typeof pageCalls>, pageId: string, answer = 'answer'): void {
  const socket = carrier()
  calls.attach(pageId, socket)
  const route = calls.track(socket, 1)!
  socket.close()
  calls.detach(socket)
  expect(route(answer)).toBeUndefined()
}

/** What page `pageId` hears when it connects again. */
function reconnect(calls: ReturnType<typeof pageCalls>, pageId: string): string[] {
  const socket = carrier()
  calls.attach(pageId, socket)
  return socket.sent
}

describe('what the shell keeps for a page away', () => {
  it('keeps an answer until the same page returns, then hands it over once', () => {
    const calls = pageCalls(LIMITS, clock().after)
    answeredWhileAway(calls, 'page-a')
    expect(reconnect(calls, 'page-a')).toEqual([JSON.stringify({ known: [1] }), 'answer'])
    expect(reconnect(calls, 'page-a')).toEqual([JSON.stringify({ known: [] })])
  })

  it('lets it go after the time limit', () => {
    const time = clock()
    const calls = pageCalls(LIMITS, time.after)
    answeredWhileAway(calls, 'page-a')
    time.runAll()
    expect(reconnect(calls, 'page-a')).toEqual([JSON.stringify({ known: [] })])
  })

  it('keeps a few pages only, letting go of the one away longest', () => {
    const calls = pageCalls(LIMITS, clock().after)
    for (const pageId of ['page-a', 'page-b', 'page-c']) answeredWhileAway(calls, pageId)
    expect(reconnect(calls, 'page-a')).toEqual([JSON.stringify({ known: [] })])
    expect(reconnect(calls, 'page-c')).toEqual([JSON.stringify({ known: [1] }), 'answer'])
  })

  it('counts a page whose socket is closing but not yet closed among the few it keeps', () => {
    // A page closed by the shell (too many pages, fell behind) may never answer the close, and
    // its socket lingers: the answers kept for it count like those of a page already gone.
    const calls = pageCalls(LIMITS, clock().after)
    const lingering = ['page-a', 'page-b', 'page-c'].map((pageId) => {
      const socket = carrier()
      calls.attach(pageId, socket)
      const route = calls.track(socket, 1)!
      socket.close()
      expect(route('answer')).toBeUndefined()
      return socket
    })
    // The socket let go of finally closes: its page stays let go.
    calls.detach(lingering[0]!)
    expect(reconnect(calls, 'page-a')).toEqual([JSON.stringify({ known: [] })])
    expect(reconnect(calls, 'page-c')).toEqual([JSON.stringify({ known: [1] }), 'answer'])
  })

  it('keeps nothing once the shell closes, even for sockets that close after it', () => {
    const calls = pageCalls(LIMITS, clock().after)
    const socket = carrier()
    calls.attach('page-a', socket)
    const route = calls.track(socket, 1)!
    calls.clear()
    socket.close()
    calls.detach(socket)
    expect(route('answer')).toBe('answer')
    expect(reconnect(calls, 'page-a')).toEqual([JSON.stringify({ known: [] })])
  })

  it('does not keep answers past its bytes, so the page says those may or may not have been done', () => {
    const calls = pageCalls(LIMITS, clock().after)
    answeredWhileAway(calls, 'page-a', 'x'.repeat(LIMITS.bytes + 1))
    expect(reconnect(calls, 'page-a')).toEqual([JSON.stringify({ known: [] })])
  })

  it('follows a few calls per page; the rest are answered on their socket as before', () => {
    const calls = pageCalls(LIMITS, clock().after)
    const socket = carrier()
    calls.attach('page-a', socket)
    const routes = [1, 2, 3, 4].map((id) => calls.track(socket, id)!)
    socket.close()
    calls.detach(socket)
    expect(routes.map((route, index) => route(`answer ${index + 1}`))).toEqual([
      undefined,
      undefined,
      undefined,
      'answer 4',
    ])
    expect(reconnect(calls, 'page-a')[0]).toBe(JSON.stringify({ known: [1, 2, 3] }))
  })

  it('refuses an id still running, followed for the page or past its bound, until it is answered', () => {
    const calls = pageCalls(LIMITS, clock().after)
    const socket = carrier()
    calls.attach('page-a', socket)
    const routes = [1, 2, 3, 4].map((id) => calls.track(socket, id)!)
    expect(calls.track(socket, 1)).toBeUndefined()
    expect(calls.track(socket, 4)).toBeUndefined()
    expect(routes[3]!('answer 4')).toBe('answer 4')
    expect(calls.track(socket, 4)).toBeDefined()
  })

  it('answers on the page’s newer socket a call read on the one that dropped', () => {
    const calls = pageCalls(LIMITS, clock().after)
    const first = carrier()
    calls.attach('page-a', first)
    const route = calls.track(first, 5)!
    const second = carrier()
    calls.attach('page-a', second)
    first.close()
    calls.detach(first)
    expect(route('answer')).toBeUndefined()
    expect(second.sent).toEqual([JSON.stringify({ known: [5] }), 'answer'])
  })
})
