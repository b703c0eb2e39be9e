/**
 * Marks the steps of the platform's writes (match, rows, digests, commit, delivery) on a
 * diagnostics channel, so the fan-out bench can time each one inside the real path. Nothing is
 * published, and nothing is measured, unless something subscribes.
 */
import { channel } from 'node:diagnostics_channel'

/** The steps a write goes through, in order; each mark says the step just ended. */
export type WritePhase =
  | 'begun'
  | 'matched'
  | 'request row'
  | 'invite rows'
  | 'events serialized'
  | 'digests'
  | 'event rows'
  | 'committed'
  | 'delivered'
  | 'event lookups'
  | 'last invited'
  | 'lookups written'

/** One mark: a step ended at `at` (performance.now()). */
export interface PhaseMark {
  readonly phase: WritePhase
  readonly at: number
}

/** The channel's name, for subscribers. */
export const WRITE_PHASE_CHANNEL = 'standby:platform-write-phase'

const phases = channel(WRITE_PHASE_CHANNEL)

/** Say that `phase` just ended, if anyone listens. */
export function markPhase(phase: WritePhase): void {
  if (phases.hasSubscribers) phases.publish({ phase, at: performance.now() } satisfies PhaseMark)
}
