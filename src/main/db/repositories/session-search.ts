/**
 * What History's search box looks in: one text per session, kept in the `session_search` table
 * (an FTS5 word index, see migration 0011) beside the session's row. Each searched field
 * is one line of SEARCHED_FIELDS; a field added here is indexed as each session is next written.
 */
import type { Session } from '../../../shared/protocol'
import { foldForSearch } from '../../../shared/text-normalise'

/** The fields History's search looks in, in the order their text is joined. */
export const SEARCHED_FIELDS: ReadonlyArray<(session: Session) => string | undefined> = [
  (session) => session.request.title,
  (session) => session.client.name,
  (session) => session.privateNote,
  // Sessions cached before closing notes had none (migration 0012), so none needs indexing again.
  (session) => session.closingNote ?? undefined,
]

/**
 * The searched text of `session`: its fields, one per line, so words never join across two,
 * folded as a search is (shared/rules/history-search.ts), so a full-width or ligatured spelling
 * is found by its plain one. A change to the folding needs a migration that folds again (0016).
 */
export function searchTextOf(session: Session): string {
  return foldForSearch(SEARCHED_FIELDS.map((field) => field(session) ?? '').join('\n'))
}
