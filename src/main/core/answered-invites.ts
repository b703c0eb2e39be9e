/**
 * The invites answered from a notification (joined or declined), as whoever was signed in
 * answered them: a press again finds its answer here before the cache has heard of it. Only the
 * newest are kept.
 */
import type { InviteState } from '../../shared/protocol'

/** What the expert answered an invite with. */
export type InviteAnswer = 'accepted' | 'declined'

/** How many answered invites are kept: more than can be on screen at once. */
const MOST_KEPT = 100

/** Answered invites, per expert, the newest few. */
export class AnsweredInvites {
  private readonly answers = new Map<string, InviteAnswer>()

  /** `expert` (who is signed in; null: no one) answered `inviteId` with `answer`. */
  add(expert: string | null, inviteId: string, answer: InviteAnswer): void {
    const id = key(expert, inviteId)
    this.answers.delete(id)
    this.answers.set(id, answer)
    for (const oldest of this.answers.keys()) {
      if (this.answers.size <= MOST_KEPT) break
      this.answers.delete(oldest)
    }
  }

  /** How `expert` answered `inviteId` from a notification, if they did. */
  get(expert: string | null, inviteId: string): InviteAnswer | null {
    return this.answers.get(key(expert, inviteId)) ?? null
  }
}

function key(expert: string | null, inviteId: string): string {
  return JSON.stringify([expert, inviteId])
}

/** The expert's answer that an invite's state records, if it records one. */
export function answerIn(state: InviteState | undefined): InviteAnswer | null {
  return state === 'accepted' || state === 'declined' ? state : null
}
