/** The History filter as the IPC contract parses it (shared/rules/history-filter.ts says what each member means). */
import { z } from 'zod'
import { Id, PersonName, SessionKind } from '../protocol/entities'
import { HISTORY_OUTCOMES, HISTORY_QUERY_MAX } from '../rules/history-filter'

/** A History filter from a page: known kinds and outcomes, a client id, a bounded search. */
export const HistoryFilterSchema = z
  .object({
    kind: SessionKind.optional(),
    outcome: z.enum(HISTORY_OUTCOMES).optional(),
    clientId: Id.optional(),
    query: z.string().max(HISTORY_QUERY_MAX).optional(),
  })
  .strict()

/** A client History can be narrowed to. */
export const HistoryClientSchema = z.object({ id: Id, name: PersonName })
