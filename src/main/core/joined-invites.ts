/**
 * The invites joined from a notification, as whoever was signed in joined them: a Join pressed
 * again finds it here before the cache has heard of the acceptance. Only the newest are kept.
 */

/** How many joined invites are kept: more than can be on screen at once. */
const MOST_KEPT = 100

/** Joined invites, per expert, the newest few. */
export class JoinedInvites {
  private readonly keys = new Set<string>()

  /** `expert` (who is signed in; null: no one) joined `inviteId`. */
  add(expert: string | null, inviteId: string): void {
    this.keys.add(key(expert, inviteId))
    for (const oldest of this.keys) {
      if (this.keys.size <= MOST_KEPT) break
      this.keys.delete(oldest)
    }
  }

  /** Whether `expert` joined `inviteId` from a notification. */
  has(expert: string | null, inviteId: string): boolean {
    return this.keys.has(key(expert, inviteId))
  }
}

function key(expert: string | null, inviteId: string): string {
  return JSON.stringify([expert, inviteId])
}
