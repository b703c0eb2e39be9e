/**
 * What the platform link watches beside its connection: a resume or a network change, after which
 * a connection that looks open may be dead, and a step of the computer's clock, after which the
 * platform's time is wanted again.
 */
import { steadyNow } from '../../../shared/clock'
import type { Unsubscribe } from '../../../shared/listeners'
import type { LinkDeps } from './link-deps'

/**
 * An ask for the platform's time within this of the last for the same reason goes unlogged: the
 * clock asks a second apart while answers scatter, among asks for other reasons, and the log says
 * why once a run.
 */
export const ASK_RUN_GAP_MS = 60_000

/** What a wake, or a want of the platform's time, does to the link. */
export interface WakeHooks {
  /** Resumed from sleep, or the network changed: `reason` says which. */
  woke(reason: string): void
  /** Whether the link is connected now. */
  connected(): boolean
  /** Probe the connection without telling the expert it is being checked. */
  measure(reason: string): void
}

/** Watch for wakes and wants of the platform's time; returns what stops the watching. */
export function watchWakes(
  deps: Pick<LinkDeps, 'clock' | 'power' | 'timeSamples' | 'log'>,
  hooks: WakeHooks,
): Unsubscribe[] {
  const off = [
    deps.power.onResume(() => hooks.woke('Resumed from sleep or unlock')),
    deps.power.onNetworkChange(() => hooks.woke('The network changed')),
  ]
  // An idle expert's link carries time only at its quiet checks: what the clock wants now is asked for.
  // When (monotonic) the last ask for each reason went: the clock has a handful of reasons.
  const askedAt = new Map<string, number>()
  const wanted = deps.timeSamples?.measureWanted?.add((why) => {
    if (!hooks.connected()) return
    const at = steadyNow(deps.clock)
    const before = askedAt.get(why)
    if (before === undefined || at - before >= ASK_RUN_GAP_MS)
      deps.log.info(`Asking the platform for its time after ${why}`)
    askedAt.set(why, at)
    // Nothing is amiss with the connection: the expert is not told it is being checked.
    hooks.measure(`Measuring the platform's time after ${why}`)
  })
  if (wanted !== undefined) off.push(wanted)
  return off
}
