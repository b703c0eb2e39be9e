/** The window's text with one open invite, as the host pre-renders its first frame. */
import { renderFirstFrame } from '../../src/renderer/first-frame/render-first-frame'
import type { Expert, Invite } from '../../src/shared/protocol'
import { aFirstFrame, anExpert } from './fixtures'

/**
 * The first frame's words with `invite` open: no tags, apostrophes as the page shows them, single
 * spaces. A client's words are isolated inline (<bdi>), inside the sentence, so those tags go
 * without a space.
 */
export function inviteCardText(invite: Invite, expert: Expert = anExpert()): string {
  return renderFirstFrame(aFirstFrame({ expert, invites: { open: [invite], missed: [] }, upcoming: [] }))
    .replace(/<\/?bdi>/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ')
}
