/**
 * Asking the platform for the next replay page at the pace the link carries (replay-pace.ts): a
 * page slow to arrive makes the next one smaller, and one in time the next one larger; and never
 * larger than crosses in the aimed time at the rate the last one came (page-budget.ts). Both are
 * kept across catch-ups and reconnects, since the link is likely as slow. Beside a page, while
 * the budget has no rate measured over the connection (and now and then after), it asks for the
 * events after the platform's latest (none or few) to time the round trip, against which the
 * page's time shows the link's rate.
 */
import type { SnapshotPosition, Welcome } from '../../../shared/protocol'
import { NotConnected, type PlatformLink } from '../connection/platform-link'
import type { ReplayPage } from '../connection/replay-page'
import type { CacheStore, StreamEntry } from '../ports/cache-store'
import { AnswerTooLarge } from '../ports/link-transport'
import { ReplayRefused, type PageCrossing } from '../connection/replay-request'
import { mostEntityBytes } from '../../../shared/protocol/message-size'
import { errorMessage } from '../../../shared/error-message'
import type { Logger } from '../ports/logger'
import { FIRST_PAGE, PageBudget } from './page-budget'
import { FULL_PAGE, largerPage, smallerPage, smallestOf, type PageSize } from './replay-pace'

/** The replay pages of one sync engine, each after the cache's cursor, at the link's pace. */
export class PacedReplay {
  /** The next replay page's bounds. */
  private pace: PageSize = FULL_PAGE
  private readonly budget = new PageBudget()
  /** The bounds of the page last asked for, which the link may have dropped under. */
  private asked: PageSize | undefined
  /** The welcome of the connection the last page was asked over. */
  private over: Welcome | undefined
  /** The platform's latest event as the last page of events over that connection said. */
  private latest: number | undefined
  /** Whether the last page of events over that connection left events after it. */
  private cutShort = false
  /** The last one-event page over the size limit since a page came: its cursor and connection. */
  private overRun: { readonly cursor: number; readonly over: Welcome | undefined } | undefined
  /**
   * Whether replays ask the platform to leave out snapshot entities too large to take: from the
   * first answer over the size limit on (a snapshot part cannot be cut below one entity), until a
   * platform refuses the key as one it does not know. A welcome saying the platform takes the key
   * has it asked whatever this holds.
   */
  private leaveOut: 'no' | 'asking' | 'refused' = 'no'

  constructor(
    private readonly link: PlatformLink,
    private readonly cache: CacheStore,
    private readonly log: Logger,
    /** Where an answer's problems go: each said once a connection (passed-over.ts). */
    private readonly problems: Pick<Logger, 'error'> = log,
  ) {}

  /** The page after the cursor: a snapshot when `snapshot` (from the part `snapshotAfter` on), or events. */
  async next(snapshot: boolean, snapshotAfter: SnapshotPosition | undefined): Promise<ReplayPage> {
    const welcome = this.welcome()
    // Not even the round trip beside it: a question over no connection fails, and its log line says nothing.
    if (welcome === undefined) throw new NotConnected()
    this.follow(welcome)
    const latest = this.latest ?? this.over?.latestEventId
    const cursor = this.cache.cursor()
    const size = smallestOf(this.pace, this.budget.current)
    // Beside the page, not before it: a round trip of its own would cost as long as a page. Not
    // when the page holds every event up to the latest: it times no page after it, so each
    // reconnect with a short backlog would ask the platform twice, and the page itself is then
    // the events after the latest. A page cut short by its bytes held fewer than its events
    // allowed, so the events left say nothing of whether the next holds them all.
    const wholeBacklog = !this.cutShort && latest !== undefined && holdsAllUpTo(size, cursor, latest)
    let roundTripCrossing: PageCrossing | undefined
    const roundTrip =
      !snapshot && latest !== undefined && !wholeBacklog && this.budget.wantsRoundTrip
        ? this.roundTrip(latest, (crossed) => (roundTripCrossing = crossed))
        : undefined
    let slow = false
    let crossing: PageCrossing | undefined
    /** The page's answer came while the round trip's was still awaited. */
    let pageFirst = false
    this.asked = size
    // On every ask to a platform that said it takes the key: one answering events with a snapshot
    // then leaves out what is too large too, where the connection it closed made the app pass a
    // good event over as too large. Else on a snapshot's asks only: a platform before the key
    // refuses it, and an event too large is passed over without it (overLimit).
    // The welcome's word is this connection's, so it outweighs a refusal an earlier platform gave.
    const announced = welcome.leavesOutTooLarge === true
    const leaveOutOver = announced || (snapshot && this.leaveOut === 'asking') ? mostEntityBytes() : undefined
    const page = await this.link
      .replay(
        cursor,
        {
          ...size,
          snapshot,
          snapshotAfter,
          digest: this.cache.cursorDigest() ?? undefined,
          ...(leaveOutOver !== undefined && { leaveOutOver }),
        },
        {
          onCrossed: (crossed) => {
            crossing = crossed
            pageFirst = roundTrip !== undefined && roundTripCrossing === undefined
          },
          onSlow: () => {
            slow = true
            this.pace = smallerPage(size)
            this.log.info(
              `A replay page is slow to arrive; asking for at most ${this.pace.limit} events and ${this.pace.maxBytes} bytes next`,
            )
          },
          cachedExpert: () => this.cache.expert(),
          log: this.problems,
        },
      )
      .then(
        (answer) => {
          this.overRun = undefined
          return answer
        },
        (error: unknown) =>
          this.overLimit(
            announced ? error : this.unknownKey(error, leaveOutOver),
            snapshot ? undefined : size,
            cursor,
            latest,
            snapshot && leaveOutOver !== undefined,
          ),
      )
    if (!slow) this.pace = largerPage(this.pace)
    await roundTrip
    if (crossing !== undefined)
      this.budget.crossed(
        crossing,
        page.kind === 'events' ? page.entries.length : undefined,
        roundTripCrossing,
        pageFirst,
      )
    if (page.kind === 'events') {
      this.latest = page.latestId
      // Cut short by its bytes: some events came, fewer than asked, and more wait. An empty page
      // saying more follow is a platform failing to send them (the caller backs off): a round
      // trip beside the next ask would only double the asks that wait out.
      this.cutShort = page.hasMore && page.entries.length > 0 && page.entries.length < size.limit
    }
    return page
  }

  /**
   * Pages asked over the connection `welcome` greeted from now on. A new one may cross another
   * network, whose rate the answers over the last one do not show; and a platform restored from a
   * backup has fewer events than it said, so asked for the events after one it never had, it
   * builds and sends a snapshot instead of none.
   */
  private follow(welcome: Welcome | undefined): void {
    if (welcome === undefined || welcome === this.over) return
    if (this.over !== undefined) this.budget.reconnected()
    this.over = welcome
    this.latest = undefined
    this.cutShort = false
  }

  /** The welcome of the current connection, if connected. */
  private welcome(): Welcome | undefined {
    const state = this.link.state
    return state.kind === 'connected' ? state.welcome : undefined
  }

  /**
   * Ask for the events after `latest`, which are none or few: the answer's time is the round
   * trip (with the platform's work on a replay), which pages of one size cannot tell apart from
   * the link's rate, told to `onCrossed` as it comes, so the page's answer can tell whether it came
   * before. Its events are asked again in their turn; a failure here is the page's to tell.
   */
  private async roundTrip(latest: number, onCrossed: (crossing: PageCrossing) => void): Promise<void> {
    try {
      await this.link.replay(latest, { ...FIRST_PAGE }, { onCrossed })
    } catch (error) {
      this.log.info(`Could not time a round trip to the platform: ${errorMessage(error)}`)
    }
  }

  /**
   * `error`, or for a replay refused as invalid while it asked to leave out what is too large
   * (`leaveOutOver`), a platform before that key: it is not asked again, and the catch-up fails
   * saying what holds it, since such a platform sends the too-large entity at every catch-up.
   */
  private unknownKey(error: unknown, leaveOutOver: number | undefined): unknown {
    if (leaveOutOver === undefined || !(error instanceof ReplayRefused) || error.code !== 'invalid_payload')
      return error
    this.leaveOut = 'refused'
    return new Error(
      `the platform sent a message larger than any Standby can take, and it cannot leave what is too large out of its snapshot (${error.message}). Tell the platform's support`,
      { cause: error },
    )
  }

  /**
   * The replay failed with `error`. An answer over the size limit is asked for again as one event
   * (`size` is the page of events asked, undefined for a snapshot). Any frame over the limit closes
   * the connection, a live push as much as the answer, so one event after `cursor` over the limit
   * once may be a good event met by a push: it is asked again on the next connection. Over the
   * limit there too, it cannot cross at all, and asking again would meet it after every reconnect
   * for ever: it is passed over as unreadable, with no digest. The cursor is then one the cache
   * cannot vouch for, so the next catch-up starts from a snapshot (whole-snapshot.ts), whatever
   * the platform makes of a replay with no digest. A snapshot's ask that had the platform leave
   * out what is too large (`leftOutAsked`) and still met one is said to be the platform's doing: one
   * that passes the key over, or says it takes it and does not, sends it again at every catch-up.
   * Anything else is thrown on.
   */
  private overLimit(
    error: unknown,
    size: PageSize | undefined,
    cursor: number,
    latest: number | undefined,
    leftOutAsked = false,
  ): ReplayPage {
    if (!(error instanceof AnswerTooLarge)) throw error
    if (leftOutAsked)
      throw new Error(
        `the platform sent a message larger than any Standby can take while sending its snapshot, though Standby asked it to leave out what is too large (${error.message}). Tell the platform's support`,
        { cause: error },
      )
    // Perhaps a snapshot entity, however the answer was asked: the platform may answer events with one.
    if (this.leaveOut === 'no') this.leaveOut = 'asking'
    if (size === undefined || size.limit > 1) {
      this.pace = FIRST_PAGE
      throw error
    }
    const met = this.overRun
    this.overRun = { cursor, over: this.over }
    if (met?.cursor !== cursor || met.over === this.over) throw error
    this.overRun = undefined
    const id = cursor + 1
    const problem = `it is larger than any message Standby can take, so it was passed over and what it said is missing here; tell the platform's support (${error.message})`
    const entries: StreamEntry[] = [{ type: 'unreadable', id, problem, platformFault: true }]
    const latestId = Math.max(id, latest ?? id)
    return {
      kind: 'events',
      entries,
      latestId,
      hasMore: latestId > id,
      unplaced: 0,
      unplacedOfUnknownKind: 0,
    }
  }

  /** The link failed, perhaps behind a page too large for it: the next is smaller, and its rate is measured again. */
  smaller(): void {
    this.pace = smallerPage(smallestOf(this.pace, this.budget.current))
    if (this.asked !== undefined) this.budget.dropped(this.asked)
  }
}

/**
 * Whether a page of `size` after `cursor` holds every event up to `latest`: ids only grow, so
 * there are at most as many as the ids between them. Not after a restore that set the platform
 * back before the cursor: that page is a snapshot.
 */
function holdsAllUpTo(size: PageSize, cursor: number, latest: number): boolean {
  return cursor <= latest && latest - cursor <= size.limit
}
