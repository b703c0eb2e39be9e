/**
 * What a deep link does once the app is up: the same focus request a press on its notification
 * makes (the popover on an invite, its main button focused; the window on a session), and the page
 * says so if it is no longer open. A link that opens nothing, or comes while signed out, is told
 * by a notification and a notice in the window: the expert clicked something and waits to see what
 * it did, and a notification shows even when no window is open to hear the notice.
 */
import type { DeepLink } from '../../../shared/deep-link'
import type { AppNotice, FocusRequest } from '../notification-actions'
import type { Logger } from '../ports/logger'
import type { Notifier } from '../ports/notifier'
import type { DeepLinkTargets } from './deep-link-inbox'

/** The title of what the expert is told when a link opens nothing. */
export const LINK_NOT_OPENED = 'Could not open the link'

/** What opening links needs from the host and the core. */
export interface DeepLinkTargetDeps {
  /** False while the app is quitting: nothing opens then. */
  readonly live: () => boolean
  readonly signedIn: () => boolean
  /** Asks the host to show an invite or a session, as a notification's press does. */
  readonly focus: (request: FocusRequest) => void
  /** A notice in the window. */
  readonly notice: (notice: AppNotice) => void
  readonly notifier: Pick<Notifier, 'show'>
  /** Brings the window forward (the sign-in form, while signed out). */
  readonly showWindow: () => void
  readonly log: Logger
}

/** The targets the deep link inbox hands links and refusals to. */
export function deepLinkTargets(deps: DeepLinkTargetDeps): DeepLinkTargets {
  const tell = (body: string): void => {
    if (!deps.live()) return
    deps.notifier.show({ kind: 'notice', title: LINK_NOT_OPENED, body })
    deps.notice({ text: `${LINK_NOT_OPENED}: ${body}`, tone: 'warning' })
  }
  return {
    open(link: DeepLink) {
      if (!deps.live()) return
      if (!deps.signedIn()) {
        deps.log.info(`A link to ${link.kind} ${link.id} came while signed out.`)
        deps.showWindow()
        return tell(
          `The link to ${link.kind} ${link.id} came while you were signed out: sign in, then open it again.`,
        )
      }
      deps.focus(
        link.kind === 'invite'
          ? { kind: 'invite', inviteId: link.id, attention: false }
          : { kind: 'session', sessionId: link.id },
      )
    },
    refused: tell,
  }
}
