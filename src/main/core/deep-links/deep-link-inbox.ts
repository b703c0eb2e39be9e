/**
 * Where deep links arrive from the OS (open-url, a second copy's argv, the cold-start argv) and
 * wait until the app can show them. macOS sends open-url before the app is ready when a link
 * starts it, so a link that arrives early is kept, not lost, and opened once the window exists.
 */
import { describeDeepLink, readDeepLink, type DeepLink } from '../../../shared/deep-link'
import type { Logger } from '../../../shared/logger'

/** The inbox of deep links. */
export interface DeepLinkInbox {
  /** A link from the OS, as text it has not read: refused with a log line, opened, or kept until `openWith`. */
  receive(raw: unknown, from: string): void
  /** From now on links open with `open`; the one kept meanwhile opens at once. */
  openWith(open: (link: DeepLink) => void): void
}

/** An inbox that keeps the last valid link until it has somewhere to open it. */
export function createDeepLinkInbox(log: Logger): DeepLinkInbox {
  let opener: ((link: DeepLink) => void) | undefined
  // Only the last one: the expert clicked it last, and opening a stale one first would only flicker.
  let kept: DeepLink | undefined
  return {
    receive(raw, from) {
      const reading = readDeepLink(raw)
      if (!reading.ok) {
        log.warn(
          `Ignored a link from ${from}, ${describeDeepLink(raw)}: ${reading.reason}. ` +
            'Standby opens only standby://invite/<id> and standby://session/<id> links; open the invite from the app instead.',
        )
        return
      }
      if (opener) opener(reading.link)
      else kept = reading.link
    },
    openWith(open) {
      opener = open
      const link = kept
      kept = undefined
      if (link) open(link)
    },
  }
}
