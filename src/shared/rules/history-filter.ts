/**
 * What History can be narrowed to: a kind, an outcome, a client, and words to search for in the
 * title, the client's name and the expert's private note. The cache answers it (the filtering
 * runs in SQLite); this file holds the words both sides share.
 */
import type { Session, SessionKind } from '../protocol/entities'
import { HISTORY_QUERY_MAX, isSearching } from './history-search'

export { HISTORY_QUERY_MAX }

/** How a past session ended, as History filters it: the expert's outcome, or cancelled. */
export const HISTORY_OUTCOMES = ['charged', 'discounted', 'free', 'cancelled'] as const
/** How a past session ended, as History filters it. */
export type HistoryOutcome = (typeof HISTORY_OUTCOMES)[number]

/** A History filter; an absent member does not narrow. */
export interface HistoryFilter {
  readonly kind?: SessionKind
  readonly outcome?: HistoryOutcome
  readonly clientId?: string
  /** Words and symbols that must all appear, each anywhere in the searched text (history-search.ts). */
  readonly query?: string
}

/** A client History can be narrowed to. */
export interface HistoryClient {
  readonly id: string
  readonly name: string
}

/** The outcome a session is filed under: the expert's outcome when it has one, else its state. */
export function historyOutcomeOf(session: Pick<Session, 'outcome' | 'state'>): string {
  return session.outcome?.kind ?? session.state
}

/** True when `filter` narrows anything (a search of only spaces or invisible characters does not). */
export function isFiltered(filter: HistoryFilter): boolean {
  return (
    filter.kind !== undefined ||
    filter.outcome !== undefined ||
    filter.clientId !== undefined ||
    isSearching(filter.query)
  )
}
