/**
 * The order of the history list: most recent booked start first, and among sessions that start
 * at the same moment, by id (descending). Paging goes by the last row's position in that order,
 * so sessions sharing a start time are never skipped at a page boundary.
 */

/** Where a page of history ends: the last row's booked start and id. */
export interface HistoryCursor {
  readonly start: number
  readonly id: string
}

/** The position of a session in the history order. */
export function historyCursorOf(session: {
  readonly bookedStart: number
  readonly id: string
}): HistoryCursor {
  return { start: session.bookedStart, id: session.id }
}

/** True when `session` comes after `cursor` in the history order (it is older). */
export function comesAfter(
  session: { readonly bookedStart: number; readonly id: string },
  cursor: HistoryCursor,
): boolean {
  return (
    session.bookedStart < cursor.start || (session.bookedStart === cursor.start && session.id < cursor.id)
  )
}
