/**
 * Every surface's commands to the platform, sent one way: identical ones pressed on two surfaces
 * at once go out once (commands-in-flight.ts), a refusal of what the expert did already on another
 * device is told as done (done-elsewhere.ts), and one that put the expert in a live session (an
 * instant invite taken, a booked session joined) opens its room, whoever asked: the window's
 * Join, a notification's, a reminder's Start.
 */
import { systemClock } from '../../shared/clock'
import type { CommandOutcome } from '../../shared/command-outcome'
import type { Availability, CommandName, CommandPayload, CommandResult } from '../../shared/protocol'
import { defaultLinkTimings } from './connection/link-timings'
import type { PlatformLink } from './connection/platform-link'
import { CommandsInFlight } from './commands-in-flight'
import { availabilityOvertaking } from './availability-overtaken'
import type { BeforeResend } from './connection/command-resend'
import { unlessDoneElsewhere } from './done-elsewhere'
import { checkAnswerStreamed } from './unstreamed-answer'
import type { CacheStore } from './ports/cache-store'
import type { Logger } from './ports/logger'
import type { Notifier } from './ports/notifier'
import { joinedSession, openJoinedRoom } from './rooms/joined-room'
import type { RoomOpener } from './rooms/room-opener'
import type { StandbyCoreDeps } from './standby-core-deps'
import type { SyncEngine } from './sync/sync-engine'
import { untilCaughtUp } from './sync/until-caught-up'

/** What sending needs: the cache a refusal is checked against, and where a joined session's room opens. */
export interface CommandSenderDeps extends Pick<StandbyCoreDeps, 'linkClock' | 'timings'> {
  readonly cache: CacheStore
  readonly log: Logger
  readonly notifier: Notifier
  readonly rooms: RoomOpener
  /** The current sign-in's sync: a refusal waits on it, and asks it whether the cache is up to date. */
  currentSync(): Pick<SyncEngine, 'state' | 'states' | 'catchUp' | 'changes'> | undefined
  /** The link of the current sign-in; undefined when signed out. */
  currentLink(): PlatformLink | undefined
}

/** Sends commands over the current link. */
export class CommandSender {
  /** Identical commands pressed on two surfaces at once go out once. */
  private readonly inFlight = new CommandsInFlight()
  /** Availabilities picked here and not yet answered, oldest first (availabilityOvertaking). */
  private readonly picksUnanswered: Array<{
    readonly availability: Availability
    readonly overtaking: ReturnType<typeof availabilityOvertaking>
  }> = []

  constructor(private readonly deps: CommandSenderDeps) {}

  /** Send a command over `link`; fails at once when there is none (signed out). */
  send<N extends CommandName>(
    link: PlatformLink | undefined,
    name: N,
    payload: CommandPayload<N>,
    idempotencyKey?: string,
  ): Promise<CommandOutcome<CommandResult<N>>> {
    if (link === undefined) {
      return Promise.resolve({
        ok: false,
        error: { code: 'signed_out', message: 'Sign in to the platform first.' },
      })
    }
    return this.inFlight.share(link, name, payload, async () => {
      const picked =
        name === 'availability.set' ? (payload as CommandPayload<'availability.set'>).availability : undefined
      const overtaking =
        picked !== undefined
          ? availabilityOvertaking(
              this.deps.currentSync(),
              this.deps.linkClock ?? systemClock,
              picked,
              this.picksUnanswered.map((earlier) => earlier.availability),
              (key) => link.pickKeys.has(key),
            )
          : undefined
      if (picked !== undefined && overtaking !== undefined) {
        for (const earlier of this.picksUnanswered) earlier.overtaking.pickedLater(picked)
        this.picksUnanswered.push({ availability: picked, overtaking })
      }
      const answer = await link
        .command(
          name,
          payload,
          idempotencyKey,
          overtaking === undefined
            ? undefined
            : {
                beforeResend: overtaking.beforeResend as BeforeResend<CommandResult<N>>,
                sentUnder: (key) => link.pickKeys.add(key),
              },
        )
        .finally(() => {
          overtaking?.stop()
          const index = this.picksUnanswered.findIndex((pick) => pick.overtaking === overtaking)
          if (index >= 0) this.picksUnanswered.splice(index, 1)
        })
      const checks = {
        ...this.deps,
        clock: this.deps.linkClock ?? systemClock,
        // Checking a refusal may take as long again as waiting for it did, no longer.
        catchUpWaitMs: { ...defaultLinkTimings, ...this.deps.timings }.ackTimeoutMs,
        stillFollowing: () => this.deps.currentLink() === link,
        caughtUp: (stop: AbortSignal) => untilCaughtUp(this.deps.currentSync(), stop),
        upToDate: () => this.deps.currentSync()?.state.kind === 'live',
        replay: async () => this.deps.currentSync()?.catchUp(),
        cacheChanged: (listener: () => void) => this.deps.currentSync()?.changes.add(listener) ?? (() => {}),
      }
      const outcome = await unlessDoneElsewhere(checks, name, payload, answer)
      if (outcome.ok) {
        const joined = joinedSession(name, outcome.result)
        // Not awaited: the browser may take its time, and the join has happened either way.
        if (joined !== null) void openJoinedRoom(this.deps, joined)
        // Not awaited either: the expert hears the answer now, and of a stream lacking it after.
        if (outcome.doneElsewhere !== true) void checkAnswerStreamed(checks, name, payload, outcome.result)
      }
      return outcome
    })
  }
}
