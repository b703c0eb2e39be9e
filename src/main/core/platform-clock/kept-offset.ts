/**
 * Whether the platform clock's offset kept by an earlier run is worth taking at start, until the
 * platform is measured again: started offline on a computer whose clock is off, the app would
 * otherwise judge start windows, expiries and reminders by the computer's clock.
 */
import { isPlausiblePlatformTime } from '../../../shared/protocol/time'
import type { CacheStore, KeptClockOffset } from '../ports/cache-store'
import type { Logger } from '../ports/logger'

/**
 * How long after its measurement a kept offset is taken. Nothing across a restart tells whether
 * the computer's clock was set in between (the monotonic clock starts afresh with the machine),
 * and a clock fixed since makes the kept offset wrong by the fix. A clock set back shows as a
 * measurement in the future and is refused outright; one set forward only makes the measurement
 * look older. The skews worth keeping are clocks set wrong and left so, while the longer the app
 * goes without the platform, the likelier the clock was fixed meanwhile: so trust ends.
 */
export const KEPT_OFFSET_TRUST_MS = 7 * 24 * 60 * 60_000

/**
 * How often an unchanged offset is kept again, so its measurement time stays recent enough to be
 * trusted at the next start, without a write for every acknowledgement.
 */
export const KEEP_AGAIN_MS = 60 * 60_000
/** How often a change of the computer's clock too small to be a setting (drift, a stall) is kept at most. */
export const KEEP_DRIFT_MS = 60_000

/** Where the offset is kept between runs: the signed-in expert's cache. */
export type OffsetKeeper = Pick<CacheStore, 'clockOffset' | 'keepClockOffset'>

/** What happens instead of a kept offset not taken, for the log. */
const INSTEAD = "the computer's clock is used until the platform answers."

/** The kept offset to take as the guess at `wallNow` (the computer's clock), or null to take none. */
export function trustedKeptOffset(kept: KeptClockOffset | null, wallNow: number, log: Logger): number | null {
  if (kept === null) return null
  const { offsetMs, measuredAt } = kept
  if (!Number.isSafeInteger(offsetMs) || !isPlausiblePlatformTime(measuredAt)) {
    log.warn(`The platform clock's kept offset is unreadable; ${INSTEAD}`)
    return null
  }
  const ageMs = wallNow + offsetMs - measuredAt
  if (ageMs < 0) {
    log.info(`The computer's clock was set back since the platform's was last measured; ${INSTEAD}`)
    return null
  }
  if (ageMs > KEPT_OFFSET_TRUST_MS) {
    log.info(`The platform's clock was last measured too long ago to trust; ${INSTEAD}`)
    return null
  }
  return offsetMs
}

// Keepers whose last write failed: a full disk fails every answer's keep, and one line says so.
const failing = new WeakSet<OffsetKeeper>()

/**
 * Keep `kept` for the next start; false when it could not be written. Logged once while the
 * keeper keeps failing, and once when it writes again.
 */
export function keepOffset(keeper: OffsetKeeper, kept: KeptClockOffset, log: Logger): boolean {
  try {
    keeper.keepClockOffset(kept)
  } catch (error) {
    if (failing.has(keeper)) return false
    failing.add(keeper)
    // The offset in use is unharmed: only the next start offline goes by the computer's clock.
    log.error(
      "The platform clock's offset could not be kept for the next start; Standby tries again at " +
        'each measurement and says when it is kept again',
      error,
    )
    return false
  }
  if (failing.delete(keeper)) log.info("The platform clock's offset is kept again for the next start")
  return true
}

/** The kept offset to start from, read and checked (its pace unchecked), or null to take none; logged when taken. */
export function restoredGuess(
  keeper: OffsetKeeper,
  wallNow: () => number,
  log: Logger,
): KeptClockOffset | null {
  let kept: KeptClockOffset | null
  try {
    kept = keeper.clockOffset()
  } catch (error) {
    log.error("The platform clock's kept offset could not be read", error)
    return null
  }
  if (kept === null || trustedKeptOffset(kept, wallNow(), log) === null) return null
  log.info(
    `Until the platform answers, its clock is taken as last measured: ${kept.offsetMs} ms from this computer's.`,
  )
  return kept
}
