/**
 * A steady flow of client activity for demos and manual testing: instant and scheduled requests
 * (scheduled ones a few minutes ahead, so reminders show), clients who reply to messages, join
 * their sessions (or sometimes don't, to show auto-cancel; or cancel a booked one ahead of time
 * with a note), answer the expert's proposals of another time, write now and then on invites and
 * booked or live sessions unprompted (so unread counts and message notifications show), withdraw
 * requests nobody takes, rate most ended sessions with a comment (now and then poorly, so the
 * standing warning shows) and once in a while charge a paid one back.
 */
import type { Clock, TimerHandle } from '../../src/shared/clock'
import type { PlatformEvent, Session } from '../../src/shared/protocol'
import type { Logger } from './logger'
import type { Marketplace } from './marketplace/marketplace'
import { RecentKeys } from './recent-keys'
import { DEMO_CLIENTS } from './seed'
import { random } from './seeded-random'
import {
  CANCEL_NOTES,
  CHARGEBACK_REASONS,
  CLIENT_NOTES,
  RATINGS,
  REPLIES,
  REVIEW_COMMENTS,
  TOPICS,
} from './simulated-client-lines'

const MINUTE = 60_000

/** How the simulated clients behave. */
export interface SimulatorOptions {
  /** Time between new requests. */
  readonly requestEveryMs: number
  readonly seed: number
  /** How likely a client reviews a session once it ended (0 to 1); most do. */
  readonly reviewChance?: number
  /** How likely a client charges a paid session back (0 to 1); rarely. */
  readonly chargebackChance?: number
  /** The share of booked scheduled sessions whose client cancels soon after booking. */
  readonly cancelShare?: number
  /** The share of the expert's proposals of another time the client accepts; the rest are declined. */
  readonly acceptShare?: number
  /** How many invite and session keys each of the clients' notes keeps (KEYS_KEPT unless given). */
  readonly keysKept?: number
}

/** How many keys each note of the simulated clients keeps: days of a demo's requests. */
export const KEYS_KEPT = 10_000

/** Runs simulated clients against a marketplace until stopped. */
export class ClientSimulator {
  private readonly timers = new Set<TimerHandle>()
  // A demo runs for days and each request passes through these: each keeps only the latest keys,
  // far more than the requests still in play (a few minutes' worth, or a booking ahead).
  private readonly decided: RecentKeys
  /** Ended sessions whose client has decided whether to review them and charge them back. */
  private readonly judged: RecentKeys
  private readonly answered: RecentKeys
  /** Invites and sessions a client already chose whether to write on, unprompted. */
  private readonly wrote: RecentKeys
  private readonly rand: () => number
  private unsubscribe: (() => void) | undefined
  private count = 0

  constructor(
    private readonly marketplace: Marketplace,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: SimulatorOptions = { requestEveryMs: 45_000, seed: 7 },
  ) {
    this.rand = random(options.seed)
    const kept = options.keysKept ?? KEYS_KEPT
    this.decided = new RecentKeys(kept)
    this.judged = new RecentKeys(kept)
    this.answered = new RecentKeys(kept)
    this.wrote = new RecentKeys(kept)
  }

  /** How many invite and session keys the simulated clients remember (for tests and diagnostics). */
  get keysRemembered(): number {
    return this.decided.size + this.judged.size + this.answered.size + this.wrote.size
  }

  /** Start posting requests and reacting to experts. */
  start(): void {
    this.unsubscribe = this.marketplace.events.subscribe((expertId, event) => this.react(expertId, event))
    this.after(2_000, () => this.postRequest())
  }

  /** Stop every pending action. */
  stop(): void {
    this.unsubscribe?.()
    for (const t of this.timers) t.cancel()
    this.timers.clear()
  }

  private after(ms: number, action: () => void): void {
    const handle = this.clock.setTimeout(() => {
      this.timers.delete(handle)
      try {
        action()
      } catch (error) {
        // A client acting on a session that changed meanwhile is normal in a simulation.
        this.logger.info('simulated client action skipped', { reason: String(error) })
      }
    }, ms)
    this.timers.add(handle)
  }

  private pick<T>(items: ReadonlyArray<T>): T {
    return items[Math.floor(this.rand() * items.length)] as T
  }

  private postRequest(): void {
    this.after(this.options.requestEveryMs, () => this.postRequest())
    const topic = this.pick(TOPICS)
    const scheduled = this.count++ % 3 === 2
    const now = this.clock.now()
    const roundUp = (t: number): number => Math.ceil(t / MINUTE) * MINUTE
    const { request, invitedExpertIds } = this.marketplace.createRequest({
      clientId: this.pick(DEMO_CLIENTS).id,
      title: topic.title,
      description: topic.description,
      tags: [...topic.tags],
      kind: scheduled ? 'scheduled' : 'instant',
      proposedTimes: scheduled ? [12, 35, 75].map((m) => roundUp(now + m * MINUTE)) : [],
      expectedDurationMinutes: this.pick([15, 30, 45, 60]),
      attachments: [
        {
          name: 'details.txt',
          sizeBytes: 1_204,
          mimeType: 'text/plain',
          url: 'https://example.com/attachments/details.txt',
        },
      ],
    })
    this.logger.info('simulated request', {
      request: request.id,
      kind: request.kind,
      invited: invitedExpertIds.length,
    })
    if (!scheduled) this.after(4 * MINUTE, () => this.withdrawIfOpen(request.id))
  }

  private withdrawIfOpen(requestId: string): void {
    if (this.marketplace.store.requestRow(requestId)?.state === 'open' && this.rand() < 0.5) {
      this.marketplace.withdrawRequest(requestId)
    }
  }

  private react(expertId: string, event: PlatformEvent): void {
    if (event.type === 'message.created' && event.payload.message.from === 'expert') {
      const { requestId } = event.payload.message
      this.after(2_000 + this.rand() * 3_000, () =>
        this.marketplace.clientMessage(requestId, expertId, this.pick(REPLIES)),
      )
    }
    if (event.type === 'session.updated' && event.payload.session.state === 'ended') {
      this.judge(event.payload.session)
    }
    if (event.type === 'invite.created') {
      const { invite } = event.payload
      this.writeNowAndThen(invite.id, invite.request.id, expertId, CLIENT_NOTES.invite)
    }
    if (event.type === 'session.updated') {
      const session = event.payload.session
      if (session.state === 'booked' || session.state === 'live') {
        this.writeNowAndThen(session.id, session.request.id, expertId, CLIENT_NOTES.session)
      }
      if (session.clientJoinedAt !== null || (session.state !== 'booked' && session.state !== 'live')) return
      this.answerProposal(session)
      if (!this.decided.first(session.id)) return
      // Most clients show up around the start; about one in six never does, to show auto-cancel.
      if (session.kind === 'scheduled' && this.rand() < 1 / 6) return
      // Some cancel ahead of time instead, with a note, so the expert sees a client's cancellation.
      if (session.kind === 'scheduled' && this.rand() < (this.options.cancelShare ?? 1 / 6)) {
        const note = this.pick(CANCEL_NOTES)
        this.after(20_000 + this.rand() * 40_000, () =>
          this.marketplace.clientCancel(session.id, note === '' ? undefined : note),
        )
        return
      }
      if (session.kind === 'instant')
        this.after(3_000 + this.rand() * 5_000, () => this.marketplace.clientJoin(session.id))
      else this.joinAround(session.id, session.bookedStart)
    }
  }

  /** A client rates their ended session a little later, and now and then charges a paid one back. */
  private judge(session: Session): void {
    if (!this.judged.first(session.id)) return
    if (session.review === null && this.rand() < (this.options.reviewChance ?? 0.7)) {
      const rating = this.pick(RATINGS)
      const comment = this.pick(REVIEW_COMMENTS[rating] ?? [''])
      this.after(20_000 + this.rand() * 40_000, () =>
        this.marketplace.review(session.id, { rating, comment }),
      )
    }
    // Only what cost the client something can be charged back: not a free end, nor one that billed nothing.
    const paid = session.outcome !== null && (session.earnings?.amountMinor ?? 0) > 0
    if (paid && session.chargeback === null && this.rand() < (this.options.chargebackChance ?? 0.08)) {
      const reason = this.pick(CHARGEBACK_REASONS)
      this.after(2 * MINUTE + this.rand() * 3 * MINUTE, () =>
        this.marketplace.chargeback(session.id, { reason }),
      )
    }
  }

  /** Join near the booked start; a session moved meanwhile (an accepted proposal) is joined at its new time. */
  private joinAround(sessionId: string, bookedStart: number): void {
    const delay = bookedStart - this.clock.now() + (this.rand() * 4 - 2) * MINUTE
    this.after(Math.max(0, delay), () => {
      const now = this.marketplace.store.session(sessionId)
      if (now.bookedStart !== bookedStart && now.state === 'booked')
        this.joinAround(sessionId, now.bookedStart)
      else this.marketplace.clientJoin(sessionId)
    })
  }

  /** Answer a pending proposal of another time once, a few seconds after it comes. */
  private answerProposal(session: Session): void {
    const proposal = session.reschedule
    if (proposal === null || proposal.state !== 'pending') return
    const key = `${session.id}@${proposal.proposedAt}`
    if (!this.answered.first(key)) return
    const accept = this.rand() < (this.options.acceptShare ?? 0.6)
    this.after(5_000 + this.rand() * 10_000, () => this.marketplace.answerProposal(session.id, accept))
  }

  /** About one invite or session in three gets a message from its client a little later. */
  private writeNowAndThen(
    key: string,
    requestId: string,
    expertId: string,
    notes: ReadonlyArray<string>,
  ): void {
    if (!this.wrote.first(key)) return
    if (this.rand() >= 1 / 3) return
    const note = this.pick(notes)
    this.after(5_000 + this.rand() * 15_000, () => this.marketplace.clientMessage(requestId, expertId, note))
  }
}
