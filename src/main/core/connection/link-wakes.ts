/**
 * What the platform link watches beside its connection: a resume or a network change, after which
 * a connection that looks open may be dead, and a step of the computer's clock, after which the
 * platform's time is wanted again.
 */
import type { Unsubscribe } from '../../../shared/listeners'
import type { LinkDeps } from './link-deps'

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
  deps: Pick<LinkDeps, 'power' | 'timeSamples' | 'log'>,
  hooks: WakeHooks,
): Unsubscribe[] {
  const off = [
    deps.power.onResume(() => hooks.woke('Resumed from sleep or unlock')),
    deps.power.onNetworkChange(() => hooks.woke('The network changed')),
  ]
  // An idle expert's link carries no time for hours: a step of the computer's clock asks for one.
  const wanted = deps.timeSamples?.measureWanted?.add((why) => {
    if (!hooks.connected()) return
    deps.log.info(`Asking the platform for its time after ${why}`)
    // Nothing is amiss with the connection: the expert is not told it is being checked.
    hooks.measure(`Measuring the platform's time after ${why}`)
  })
  if (wanted !== undefined) off.push(wanted)
  return off
}
