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
   * Say that `count` updates were skipped, unless a notice went out recently, and whose fault it
   * is: `contradiction` when each was read but contradicted the platform's earlier word, and
   * `malformed` when each was of a kind this version knows but broken; neither is mended by an
   * update of Standby, which only helps for updates this version could not read (`unread`).
   */
  tell(count: number, why: SkippedWhy = 'unread'): void {
    const now = this.deps.clock.now()
    const last = this.lastAt
    // A clock set back counts as a new window, or the notice would be silenced for that long.
    if (last !== null && now - last < UNREADABLE_NOTICE_EVERY_MS && now >= last) return
    this.lastAt = now
    const skipped = `Standby skipped ${count === 1 ? 'it' : `${count} of them`} and carried on.`
    const platformsFault = `${skipped} This is a fault of the platform, not of Standby: if something looks wrong, tell the platform's support.`
    this.deps.notifier.show(
      why === 'contradiction'
        ? {
            kind: 'notice',
            title: 'The platform sent an update that contradicts itself',
            body: platformsFault,
          }
        : why === 'malformed'
          ? { kind: 'notice', title: 'The platform sent a malformed update', body: platformsFault }
          : {
              kind: 'notice',
              title: 'An update from the platform could not be read',
              body: `${skipped} If something looks out of date, update Standby.`,
            },
    )
  }
}

/** Why updates were skipped, which decides what the expert can do about it. */
export type SkippedWhy = 'contradiction' | 'malformed' | 'unread'

/** Why all of `skipped` were skipped: the platform's fault only when it is for each of them. */
export function skippedWhy(
  skipped: ReadonlyArray<{ readonly platformFault?: true; readonly malformed?: true }>,
): SkippedWhy {
  if (skipped.every((e) => e.platformFault === true)) return 'contradiction'
  return skipped.every((e) => e.platformFault === true || e.malformed === true) ? 'malformed' : 'unread'
}
