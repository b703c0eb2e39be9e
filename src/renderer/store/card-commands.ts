/**
 * The command of each card on its way: a card (an invite, a session) takes one command at a time,
 * so Join and Decline, or Book and Decline, Start and Cancel, Start billing and End, are never
 * both sent. While one is on its way the card's other commands refuse presses (they stay
 * focusable: aria-disabled) and the one on its way says so ("Joining…").
 */
import type { ExpertScoped } from './expert-scope'
import { createValueStore, readableOf, type ReadableStore } from './value-store'

/** What is on its way, by card: the pending label of its command ("Joining…"). */
export type CommandsOnTheirWay = ReadonlyMap<string, string>

/** The page's cards' commands on their way. */
export interface CardCommands extends ReadableStore<CommandsOnTheirWay>, ExpertScoped {
  forget(): void
  /**
   * Mark `what` on its way for `card`, and answer with what to call once it has its answer; null,
   * and nothing marked, while another command of the card is on its way.
   */
  begin(card: string, what: string): (() => void) | null
}

const NONE: CommandsOnTheirWay = new Map()

/** No command on its way. */
export function createCardCommands(): CardCommands {
  const store = createValueStore(NONE)
  // Each begin's own mark: an answer that comes after a forget ends nothing begun since.
  const marks = new Map<string, object>()
  return {
    ...readableOf(store),
    begin(card, what) {
      if (marks.has(card)) return null
      const mark = {}
      marks.set(card, mark)
      store.set(new Map(store.getSnapshot()).set(card, what))
      return () => {
        if (marks.get(card) !== mark) return
        marks.delete(card)
        const next = new Map(store.getSnapshot())
        next.delete(card)
        store.set(next)
      }
    },
    forget() {
      marks.clear()
      store.set(NONE)
    },
  }
}

/** The card of an invite, whatever component sends its command (Join, Book, Decline). */
export function inviteCard(inviteId: string): string {
  return `invite:${inviteId}`
}

/** The card of a session (Start, Cancel, Propose new time; Start billing, End). */
export function sessionCard(sessionId: string): string {
  return `session:${sessionId}`
}
