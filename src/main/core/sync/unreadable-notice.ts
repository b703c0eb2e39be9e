/** Telling the expert, in one line and not too often, that something from the platform was skipped. */
import type { Clock } from '../../../shared/clock'
import type { Notifier } from '../ports/notifier'

/** At most one "could not read" notice in this long: a platform sending many must not flood the screen. */
const UNREADABLE_NOTICE_EVERY_MS = 10 * 60_000

/** One notice per window of time for events or snapshot entities this version could not read. */
export class UnreadableNotice {
  private lastAt: number | null = null

  constructor(private readonly deps: { readonly clock: Clock; readonly notifier: Notifier }) {}

  /**
   * Say that `count` updates were skipped, unless a notice went out recently; `platformFault` when
   * each was read but contradicted the platform's earlier word, which no update of Standby mends.
   */
  tell(count: number, platformFault = false): void {
    const now = this.deps.clock.now()
    const last = this.lastAt
    // A clock set back counts as a new window, or the notice would be silenced for that long.
    if (last !== null && now - last < UNREADABLE_NOTICE_EVERY_MS && now >= last) return
    this.lastAt = now
    const skipped = `Standby skipped ${count === 1 ? 'it' : `${count} of them`} and carried on.`
    this.deps.notifier.show(
      platformFault
        ? {
            kind: 'notice',
            title: 'The platform sent an update that contradicts itself',
            body: `${skipped} This is a fault of the platform: if something looks wrong, tell the platform's support.`,
          }
        : {
            kind: 'notice',
            title: 'An update from the platform could not be read',
            body: `${skipped} If something looks out of date, update Standby.`,
          },
    )
  }
}
