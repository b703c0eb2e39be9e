/** The marketplace as one object: the entry point the socket gateway, HTTP routes and tools use. */
import type Database from 'better-sqlite3'
import type { z } from 'zod'
import type { Clock } from '../../../src/shared/clock'
import {
  MAX_REPLAY_PAGE_BYTES,
  type CommandAck,
  type Message,
  type ReplayRequest,
  type ReplayResponse,
  type Session,
  type Snapshot,
  type SnapshotPosition,
} from '../../../src/shared/protocol'
import { EventLog, type ReplayOptions } from '../event-log'
import type { Logger } from '../logger'
import { PlatformStore } from '../store/platform-store'
import {
  describeInstant,
  EARLIEST_PLATFORM_CLOCK,
  isPlausiblePlatformTime,
  LATEST_PLATFORM_CLOCK,
} from '../../../src/shared/protocol/time'
import { preparedOnce } from '../store/prepared-once'
import { createClient, createExpert, type NewClient, type NewExpert } from './accounts'
import { repairInviteLookup } from './invite-lookup'
import { marketplaceRules, type MarketplaceConfig, type MarketplaceContext } from './context'
import { clientCancelSession } from './cancellations'
import { executeCommand } from './execute-command'
import { boundIdempotencyKeys } from './idempotency-bound'
import { sendClientMessage, threadOf, threadPage, threadTail, type ThreadPage } from './messages'
import { createRequest, withdrawRequest, type CreatedRequest, type CreateRequestInput } from './requests'
import { recordChargeback, recordReview } from './reviews'
import { answerProposal, lapseProposalIfDue } from './reschedules'
import { snapshotFor } from './snapshot'
import { snapshotPart } from './snapshot-parts'
import { autoCancelIfDue, autoCancelIfDueFor, clientJoinSession } from './sessions'
import { expireDueInvitesOf, sweep, type SweepResult } from './sweep'
import { AliveMarks, type Outage } from './platform-outages'

/** How long the platform remembers a command's answer for its idempotency key. */
const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60_000

/** The reference platform's marketplace rules over one database. */
export class Marketplace {
  readonly events: EventLog
  readonly store: PlatformStore
  private readonly ctx: MarketplaceContext
  private aliveMarks: AliveMarks | undefined

  constructor(
    readonly db: Database.Database,
    readonly clock: Clock,
    logger: Logger,
    config: Partial<MarketplaceConfig> = {},
  ) {
    assertPlausibleClock(clock)
    const rules = marketplaceRules(config)
    this.store = new PlatformStore(
      db,
      clock,
      {
        reviewThreshold: rules.reviewThreshold,
        freeCancellationHours: rules.freeCancellationHours,
      },
      () => this.events.settleLookups(),
    )
    const sql = preparedOnce(db)
    let repaired = { invites: 0, unreadable: 0 }
    this.events = new EventLog(
      db,
      clock,
      (error) => logger.error('event listener failed', { error: String(error) }),
      (error) =>
        logger.error('writing per-expert lookups after delivery failed; retried with the next change', {
          error: String(error),
        }),
      (seq) => (repaired = repairInviteLookup({ sql }, seq)),
      { places: rules.lookupBatchPlaces, experts: rules.lookupBatchExperts },
    )
    this.ctx = {
      db,
      sql,
      store: this.store,
      events: this.events,
      clock,
      logger,
      config: rules,
      billingStarts: new Map(),
      reportedFailures: new Set(),
    }
    if (repaired.invites > 0) {
      logger.warn('invite lookups written at start: the platform stopped before writing them', {
        invites: repaired.invites,
      })
    }
    if (repaired.unreadable > 0) {
      logger.error('invites not rebuilt at start: the stored text of their events does not read', {
        events: repaired.unreadable,
      })
    }
  }

  /** The marketplace's rules as configured. */
  get config(): MarketplaceConfig {
    return this.ctx.config
  }

  /** Run an expert's command and return its acknowledgement; never throws. */
  execute(expertId: string, envelope: unknown): CommandAck {
    return executeCommand(this.ctx, expertId, envelope)
  }

  /** Events after a cursor, or a snapshot when the stream cannot be followed from that cursor. */
  replay(
    expertId: string,
    after: number,
    { leaveOutOver, ...options }: ReplayOptions & { leaveOutOver?: number | undefined } = {},
  ): ReplayResponse {
    const page = this.events.replay(expertId, after, options)
    if (page.kind === 'events') return page
    return {
      kind: 'snapshot',
      snapshot: this.snapshot(expertId, { maxBytes: budgetOf(options), leaveOutOver }),
    }
  }

  /**
   * A replay as a client asks it, over the socket or HTTP alike: the snapshot (or the part of it
   * after `snapshotAfter`) when it asks for one, else the events after its cursor.
   */
  answerReplay(expertId: string, request: z.output<typeof ReplayRequest>): ReplayResponse {
    const { after, snapshot, snapshotAfter, leaveOutOver, ...options } = request
    if (!snapshot) return this.replay(expertId, after, { ...options, leaveOutOver })
    return {
      kind: 'snapshot',
      snapshot: this.snapshot(expertId, { maxBytes: budgetOf(options), after: snapshotAfter, leaveOutOver }),
    }
  }

  /**
   * The expert's full current state; in parts of about `maxBytes` when given (each part says where
   * the next one starts). A client's replay always gets parts; the whole is for tools and tests.
   */
  snapshot(
    expertId: string,
    part: { maxBytes?: number; after?: SnapshotPosition; leaveOutOver?: number | undefined } = {},
  ): Snapshot {
    const full = snapshotFor(this.ctx, expertId)
    return part.maxBytes === undefined
      ? full
      : snapshotPart(full, part.after, part.maxBytes, part.leaveOutOver)
  }

  /** A client posts a request; experts are invited at once. */
  createRequest(input: CreateRequestInput): CreatedRequest {
    return createRequest(this.ctx, input)
  }

  /** A client withdraws an open request. */
  withdrawRequest(requestId: string): void {
    expireDueInvitesOf(this.ctx, requestId)
    withdrawRequest(this.ctx, requestId)
  }

  /** A client joins their session. */
  clientJoin(sessionId: string): Session {
    autoCancelIfDue(this.ctx, sessionId)
    return clientJoinSession(this.ctx, sessionId)
  }

  /** A client cancels a booked session, with an optional note to the expert. */
  clientCancel(sessionId: string, message?: string): Session {
    autoCancelIfDue(this.ctx, sessionId)
    return clientCancelSession(this.ctx, sessionId, message)
  }

  /** A client accepts or declines the expert's proposal of another time. */
  answerProposal(sessionId: string, accept: boolean): Session {
    autoCancelIfDue(this.ctx, sessionId)
    lapseProposalIfDue(this.ctx, sessionId)
    return answerProposal(this.ctx, sessionId, accept)
  }

  /** A client writes to one expert about a request. */
  clientMessage(requestId: string, expertId: string, body: string): Message {
    autoCancelIfDueFor(this.ctx, requestId, expertId)
    return sendClientMessage(this.ctx, requestId, expertId, body)
  }

  /** A client reviews their ended session, once (the simulator and tests act for clients). */
  review(sessionId: string, input: unknown): Session {
    return recordReview(this.ctx, sessionId, input)
  }

  /** The payment provider reports a chargeback against a session, once. */
  chargeback(sessionId: string, input: unknown): Session {
    return recordChargeback(this.ctx, sessionId, input)
  }

  /** The thread between a request's client and one expert. */
  thread(requestId: string, expertId: string): Message[] {
    return threadOf(this.ctx, requestId, expertId)
  }

  /** One page of that thread, oldest first: see threadPage. */
  threadPage(requestId: string, expertId: string, page: Parameters<typeof threadPage>[3]): ThreadPage {
    return threadPage(this.ctx, requestId, expertId, page)
  }

  /** The latest `most` messages of that thread, and how many came before them. */
  threadTail(requestId: string, expertId: string, most: number): { messages: Message[]; earlier: number } {
    return threadTail(this.ctx, requestId, expertId, most)
  }

  /**
   * The platform starts serving: the span since it last ran is kept as an outage, which no party
   * is found absent for (platform-outages.ts). Returns it, or null.
   */
  started(): Outage | null {
    this.aliveMarks = new AliveMarks(this.ctx)
    return this.aliveMarks.started()
  }

  /** The platform stops serving on purpose: its downtime starts now. */
  stopping(): void {
    this.aliveMarks?.stopping()
    // The lookups held back from the last fan-outs, so that the next start need not rebuild them.
    try {
      this.events.settleLookups()
    } catch (error) {
      this.ctx.logger.warn('stream lookups left for the next start to rebuild: writing them failed', {
        error: String(error),
      })
    }
  }

  /** Apply the timed rules whose time has come (and, once started, say the platform is running). */
  sweep(): SweepResult {
    this.aliveMarks?.alive()
    return sweep(this.ctx)
  }

  /** Forget events beyond the retention and idempotency answers past their window. */
  compact(): void {
    this.events.prune(this.ctx.config.eventRetention)
    this.db
      .prepare('DELETE FROM command_results WHERE created_at < ?')
      .run(this.clock.now() - IDEMPOTENCY_WINDOW_MS)
    boundIdempotencyKeys(this.db, this.ctx.config.maxIdempotencyKeysPerExpert)
  }

  /** Add an expert account. */
  createExpert(input: NewExpert): string {
    return createExpert(this.ctx, input)
  }

  /** Add a client. */
  createClient(input: NewClient): string {
    return createClient(this.ctx, input)
  }
}

/**
 * The byte budget of a replay's answer: the client's, else the platform's own, for a snapshot as
 * for events, so that no answer grows with the expert's history (a snapshot sent whole could be
 * too large to cross a slow link before the heartbeat gives up, and costs memory per request).
 */
function budgetOf(options: { readonly maxBytes?: number }): number {
  return options.maxBytes ?? MAX_REPLAY_PAGE_BYTES
}

/**
 * Every event carries the platform's time, and apps time sessions by it, so a clock no app takes a
 * time from (nor signs in to) must stop the start, not every expert later.
 */
function assertPlausibleClock(clock: Clock): void {
  const now = clock.now()
  if (!isPlausiblePlatformTime(now)) {
    throw new Error(
      `the clock reads ${describeInstant(now)}, outside ${describeInstant(EARLIEST_PLATFORM_CLOCK)} to ${describeInstant(LATEST_PLATFORM_CLOCK)}, the times apps take from a platform's clock: set the system clock`,
    )
  }
}
