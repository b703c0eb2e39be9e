/**
 * The calls of each page, by the id the page names itself with, so that a call outlives the
 * socket it came on. A socket drops (a blip, a page closed for falling behind) while the shell
 * keeps carrying the call out: a message sent, a session joined. Without this the page could only
 * say the call may or may not have been done, and the expert might do it twice. The shell keeps
 * the answers that settle while the page has no socket, and when the same page connects again
 * tells it which of its calls it still knows and hands the kept answers over.
 *
 * Everything kept is bounded, so a page that reconnects under many ids, or never comes back,
 * cannot make the shell hold more: a few pages, a few calls and bytes each, for a minute.
 */
import { MOST_CALLS_IN_FLIGHT } from '../main/core/ipc/calls-in-flight'
import type { KnownCallsMessage } from '../shared/ipc/shell-socket'
import { MOST_UNSENT_BYTES } from './page-outbox'

/** How many pages without a socket (or with one closing) the shell keeps calls for; past it, the one away longest is let go. */
export const MOST_KEPT_PAGES = 8

/** How many calls of one page the shell follows at once (running, or answered and kept). */
export const MOST_KEPT_CALLS = MOST_CALLS_IN_FLIGHT

/** How many bytes of answers the shell keeps for one page while it has no socket. */
export const MOST_KEPT_BYTES = MOST_UNSENT_BYTES

/** How long the shell keeps a page's calls after its socket dropped; a page waits less than this. */
export const KEPT_FOR_MS = 60_000

/** The bounds of what is kept; tests pass smaller ones. */
export interface KeptLimits {
  readonly pages: number
  readonly calls: number
  readonly bytes: number
  readonly forMs: number
}

const LIMITS: KeptLimits = {
  pages: MOST_KEPT_PAGES,
  calls: MOST_KEPT_CALLS,
  bytes: MOST_KEPT_BYTES,
  forMs: KEPT_FOR_MS,
}

/** One socket of a page, as the calls see it. */
export interface Carrier {
  /** Whether what is sent now reaches the page. */
  open(): boolean
  /** Sends one message to the page (through its outbox, so its bytes count like any answer's). */
  send(text: string): void
}

/** Runs `run` after `ms`; returns how to cancel it. */
export type After = (run: () => void, ms: number) => () => void

/** Where the answer to one call goes once it settles. */
export type RouteAnswer = (answer: string) => string | undefined

/** The calls of every page that named itself. */
export interface PageCalls {
  /** `carrier` is the socket of page `pageId` now: tells it what is known, then hands over what was kept. */
  attach(pageId: string, carrier: Carrier): void
  /** `carrier` closed: its page's calls are kept for a while, if any are left. */
  detach(carrier: Carrier): void
  /**
   * Follows call `id` read on `carrier`. The function returned takes its answer and gives back
   * what to send on `carrier`, or undefined when it went elsewhere (the page's newer socket) or was
   * kept for the page's return. Undefined instead of a function when a call under `id` is still
   * followed for the same page (or socket): the page waits for one answer under an id, so a second
   * call under it must not run.
   */
  track(carrier: Carrier, id: number): RouteAnswer | undefined
  /** Lets every page go (the shell closing). */
  clear(): void
}

interface KeptPage {
  readonly id: string
  carrier: Carrier | undefined
  // A call still running maps to undefined; one answered while the page was away, to its answer.
  readonly calls: Map<number, string | undefined>
  keptBytes: number
  cancelExpiry: (() => void) | undefined
  gone: boolean
}

const unrefAfter: After = (run, ms) => {
  const timer = setTimeout(run, ms)
  // Nothing to keep once the shell closes.
  timer.unref()
  return () => clearTimeout(timer)
}

/** A register of pages' calls within `limits`. */
export function pageCalls(limits: KeptLimits = LIMITS, after: After = unrefAfter): PageCalls {
  const pages = new Map<string, KeptPage>()
  const byCarrier = new WeakMap<Carrier, KeptPage>()
  // The running calls no page follows (a socket that named no page, or past a page's bound), by
  // socket: their ids must not be reused while they run either.
  const unfollowed = new WeakMap<Carrier, Set<number>>()

  /** Follows call `id` on `carrier` alone, or undefined when a call under it is running there. */
  const onSocketAlone = (carrier: Carrier, id: number): RouteAnswer | undefined => {
    const running = unfollowed.get(carrier) ?? new Set<number>()
    if (running.has(id)) return undefined
    running.add(id)
    unfollowed.set(carrier, running)
    return (answer) => {
      running.delete(id)
      return answer
    }
  }

  const forget = (page: KeptPage): void => {
    page.gone = true
    page.cancelExpiry?.()
    if (pages.get(page.id) === page) pages.delete(page.id)
  }

  // A page holds the shell's memory once its socket is gone, or closing with answers kept for it:
  // a socket the shell closed lingers until the page answers the close, which a page may never do.
  const holds = (page: KeptPage): boolean => page.carrier === undefined || page.keptBytes > 0

  /** Puts `page` last in line, as the one holding for the shortest time, and lets go past the bound. */
  const setAside = (page: KeptPage): void => {
    pages.delete(page.id)
    pages.set(page.id, page)
    const holding = [...pages.values()].filter(holds)
    if (holding.length > limits.pages) forget(holding[0]!)
  }

  const keep = (page: KeptPage, id: number, answer: string): void => {
    const bytes = Buffer.byteLength(answer)
    // Not kept, the call is not named when the page returns, and the page says it may have been done.
    if (page.keptBytes + bytes > limits.bytes) return
    const first = !holds(page)
    page.calls.set(id, answer)
    page.keptBytes += bytes
    if (first) setAside(page)
  }

  return {
    attach(pageId, carrier) {
      const page = pages.get(pageId) ?? {
        id: pageId,
        carrier: undefined,
        calls: new Map(),
        keptBytes: 0,
        cancelExpiry: undefined,
        gone: false,
      }
      pages.set(pageId, page)
      page.cancelExpiry?.()
      page.cancelExpiry = undefined
      page.carrier = carrier
      byCarrier.set(carrier, page)
      const known: KnownCallsMessage = { known: [...page.calls.keys()] }
      carrier.send(JSON.stringify(known))
      for (const [id, answer] of page.calls) {
        if (answer === undefined) continue
        carrier.send(answer)
        page.calls.delete(id)
      }
      page.keptBytes = 0
    },
    detach(carrier) {
      const page = byCarrier.get(carrier)
      // A newer socket of the same page took over: it carries the calls now. A page already let go
      // (past the bound, or the shell closing) stays gone.
      if (page === undefined || page.gone || page.carrier !== carrier) return
      page.carrier = undefined
      if (page.calls.size === 0) return forget(page)
      page.cancelExpiry = after(() => forget(page), limits.forMs)
      setAside(page)
    },
    track(carrier, id) {
      const page = byCarrier.get(carrier)
      const followed = page !== undefined && !page.gone
      // Running or answered and not yet handed over, the call owes the page its one answer.
      if ((followed && page.calls.has(id)) || unfollowed.get(carrier)?.has(id) === true) return undefined
      // One call too many is answered on its socket as any call was before.
      if (!followed || page.calls.size >= limits.calls) return onSocketAlone(carrier, id)
      page.calls.set(id, undefined)
      return (answer) => {
        if (page.gone || !page.calls.has(id)) return answer
        page.calls.delete(id)
        if (page.carrier === carrier && carrier.open()) return answer
        if (page.carrier?.open()) {
          page.carrier.send(answer)
          return undefined
        }
        keep(page, id, answer)
        return undefined
      }
    },
    clear() {
      for (const page of [...pages.values()]) forget(page)
    },
  }
}
