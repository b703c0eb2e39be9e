/** Which page a press on a notification is meant for, the same in the host and the page. */
import type { Surface } from './first-frame'
import type { FocusTarget } from './ipc/contract'

/**
 * The page a press on a notification is meant for: the popover for an invite, the window for a
 * session, and the window for an invite's thread (the popover's cards carry none).
 */
export function surfaceFor(target: FocusTarget): Surface {
  return target.kind === 'invite' && target.thread !== true ? 'popover' : 'window'
}
