/**
 * What the auto-away policy asks the platform for, as a pure function of what this computer sees
 * and the expert as last synced. The platform decides again against its own state, so a stale
 * cache can cost a useless request but never override the expert's choice.
 */
import {
  IDLE_MINUTES_MAX,
  type AutoAvailability,
  type Availability,
  type AvailabilityCause,
} from '../../../shared/protocol'

/** What this computer sees of the expert: at it, idle too long, locked, or nothing (no idle time). */
export type Observed = 'active' | 'idle' | 'screen_locked' | 'unknown'

/** An absence this computer can report. */
export type Absence = Extract<Observed, 'idle' | 'screen_locked'>

/** The request to send, or null for none. */
export type AutoAwayRequest = {
  readonly change: AutoAvailability
  readonly idleMinutes: number | null
} | null

/** The expert as far as the rule needs them. */
export interface ExpertPresence {
  readonly availability: Availability
  readonly availabilityCause: AvailabilityCause
}

/** What the rule decides from. */
export interface AutoAwayInput {
  readonly enabled: boolean
  readonly observed: Observed
  readonly idleSeconds: number | null
  readonly expert: ExpertPresence | null
  /** The away this computer already asked for since the expert was last active at it, if any. */
  readonly sentFor: Absence | null
}

/** Locked beats idle: the lock is the clearer sign, and unlocking is the clearer return. */
export function observe(locked: boolean, idleSeconds: number | null, thresholdMinutes: number): Observed {
  if (locked) return 'screen_locked'
  if (idleSeconds === null) return 'unknown'
  return idleSeconds >= thresholdMinutes * 60 ? 'idle' : 'active'
}

/** An away that idle time or a screen lock set, which activity may undo. */
export function isAutoAway(expert: ExpertPresence): boolean {
  return (
    expert.availability === 'away' &&
    (expert.availabilityCause === 'idle' || expert.availabilityCause === 'screen_locked')
  )
}

/**
 * - Active here while an idle or lock rule holds the expert away (this computer's, another of
 *   theirs, or one from before a restart): back.
 * - Idle or locked here: away, once per absence, and only from online; a busy, an away or an
 *   offline that the expert or a session set is left alone. An absence that turns from idle to
 *   locked updates the reason.
 * - Turned off while this computer holds the expert away: back, as the expert just acted.
 * - No idle time here (unlocked): back only from an away this computer asked for (its lock);
 *   otherwise nothing, since it cannot tell whether the expert is at it.
 */
export function autoAwayRequest(input: AutoAwayInput): AutoAwayRequest {
  const { expert, observed, sentFor } = input
  if (expert === null) return null
  const back = { change: 'back', idleMinutes: null } as const
  if (!input.enabled || observed === 'unknown') return sentFor !== null && isAutoAway(expert) ? back : null
  if (observed === 'active') return isAutoAway(expert) ? back : null
  if (sentFor === observed) return null
  const away = {
    change: observed,
    idleMinutes: observed === 'idle' ? idleMinutes(input.idleSeconds ?? 0) : null,
  }
  if (isAutoAway(expert)) return expert.availabilityCause === observed ? null : away
  return expert.availability === 'online' && sentFor === null ? away : null
}

/**
 * Whole minutes for the wire, within what it carries: a host that has been idle for days (a weekend
 * offline, an idle counter that wrapped) would otherwise be refused, and the expert left online.
 */
function idleMinutes(idleSeconds: number): number {
  return Math.min(IDLE_MINUTES_MAX, Math.max(1, Math.floor(idleSeconds / 60)))
}
