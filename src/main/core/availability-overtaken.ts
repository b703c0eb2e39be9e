/**
 * An availability picked here whose command was lost with its connection is sent again on the
 * next one (command-resend.ts). If the expert chose otherwise on another device meanwhile (away
 * on the phone after "Available" here did not go through), sending it then would undo the newer
 * choice, and the expert, away as far as they know, would be set online and sent invites. So the
 * new connection's catch-up is waited for first, and an availability the expert chose since the
 * pick was sent stands: the pick is not sent again, and the expert is told why.
 */
import type { Clock } from '../../shared/clock'
import type { CommandOutcome } from '../../shared/command-outcome'
import type { Availability, CommandResult } from '../../shared/protocol'
import type { BeforeResend, CommandWatch } from './connection/command-resend'
import type { SyncEngine, SyncState } from './sync/sync-engine'

/** How the expert's availability reads in the sentence. */
const SAID: Record<Availability, string> = {
  online: 'available',
  away: 'away',
  busy: 'busy',
  offline: 'offline',
}

/** Whether waiting longer brings the cache no closer to the platform's state. */
function settled(state: SyncState): boolean {
  return state.kind !== 'catching_up'
}

/**
 * Watch the stream, from the pick's sending, for the expert's own choice of another availability;
 * `beforeResend` waits for the catch-up under way (at most its time) and ends the pick when one came.
 * Only events count: a snapshot shows where things stand, not whether the choice came after the pick.
 * An event naming the key of its command tells itself apart: one `sentHere` (this pick, or another
 * made on this device) is no other device's choice, whatever its value. From a platform that names
 * no key, `earlierHere` stands in: picks made here still unanswered when this one was sent, each
 * accounting for one event choosing its availability (one that reached the platform before the drop,
 * its answer lost, arrives in the catch-up and is an older choice); a same-value choice on another
 * device then cannot be told from it. A pick made here after this one (`pickedLater`) is newer
 * still: this one is not sent again over it.
 */
export function availabilityOvertaking(
  sync: Pick<SyncEngine, 'state' | 'states' | 'changes'> | undefined,
  clock: Clock,
  picked: Availability,
  earlierHere: ReadonlyArray<Availability> = [],
  sentHere: (key: string) => boolean = () => false,
): CommandWatch<CommandResult<'availability.set'>> & {
  readonly beforeResend: BeforeResend<CommandResult<'availability.set'>>
  pickedLater(availability: Availability): void
  stop(): void
} {
  let chosen: Availability | null = null
  let laterHere: Availability | null = null
  const older = [...earlierHere]
  const offChanges =
    sync?.changes.add((update) => {
      if (update.kind !== 'events') return
      for (const event of update.events) {
        if (event.type !== 'expert.updated' || event.payload.expert.availabilityCause !== 'chosen') continue
        const availability = event.payload.expert.availability
        const key = event.payload.idempotencyKey
        if (key !== undefined) {
          if (!sentHere(key)) chosen = availability
          continue
        }
        const fromHere = older.indexOf(availability)
        if (fromHere >= 0) older.splice(fromHere, 1)
        else chosen = availability
      }
    }) ?? (() => {})
  const beforeResend = async (waitMs: number): Promise<CommandOutcome<never> | undefined> => {
    if (laterHere === null && sync !== undefined) await caughtUpAgain(sync, clock, waitMs)
    if (laterHere !== null) {
      const message = `You picked ${SAID[laterHere]} since, so ${SAID[picked]} was not sent again.`
      return { ok: false, error: { code: 'overtaken', message } }
    }
    if (chosen === null || chosen === picked) return undefined
    return {
      ok: false,
      error: {
        code: 'overtaken',
        message: `You chose ${SAID[chosen]} on another device while Standby was reconnecting, so that newer choice stands and ${SAID[picked]} was not sent again. Pick ${SAID[picked]} again if you meant it.`,
      },
    }
  }
  const pickedLater = (availability: Availability): void => void (laterHere = availability)
  return { beforeResend, pickedLater, stop: offChanges }
}

/** Resolves once the sync next settles (the new connection's catch-up done, or given up), or after `waitMs`. */
function caughtUpAgain(
  sync: Pick<SyncEngine, 'state' | 'states'>,
  clock: Clock,
  waitMs: number,
): Promise<void> {
  return new Promise((resolve) => {
    const before = sync.state.kind
    // A sync failing before may go straight to live: any other settled state ends the wait too.
    let seenCatchingUp = before === 'catching_up'
    const finish = (): void => {
      off()
      timer.cancel()
      resolve()
    }
    const timer = clock.setTimeout(finish, waitMs)
    const off = sync.states.add((state) => {
      if (state.kind === 'catching_up') seenCatchingUp = true
      else if ((seenCatchingUp || state.kind !== before) && settled(state)) finish()
    })
  })
}
