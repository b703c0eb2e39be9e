/**
 * History's filter bar: a search box (title, client, private note) and a choice of kind, outcome
 * and client, each a labelled native control so the keyboard and screen readers work as usual.
 * The cache does the filtering (store/history-store.ts); typing searches once it pauses, Enter
 * at once.
 */
import { useEffect, useId, useState } from 'react'
import { kindLabel } from '../../shared/labels'
import type { SessionKind } from '../../shared/protocol/entities'
import {
  HISTORY_OUTCOMES,
  HISTORY_QUERY_MAX,
  isFiltered,
  type HistoryClient,
  type HistoryOutcome,
} from '../../shared/rules/history-filter'
import { isolated } from '../logic/isolate'
import { useApi, useHistory, useServices } from '../store/context'

const OUTCOME_LABELS: Readonly<Record<HistoryOutcome, string>> = {
  charged: 'Charged',
  discounted: 'Discounted',
  free: 'Free',
  cancelled: 'Cancelled',
}

const KINDS: ReadonlyArray<SessionKind> = ['instant', 'scheduled']

/** The filter bar above the history list. */
export function HistoryFilters() {
  const api = useApi()
  const { history } = useServices()
  const { filter, query } = useHistory()
  const id = useId()
  const [clients, setClients] = useState<ReadonlyArray<HistoryClient>>([])
  // Read again each time the picker takes focus, so a client of a session just ended is offered.
  const [reads, setReads] = useState(0)
  useEffect(() => {
    let current = true
    // A failed read offers no clients: the other filters and the search still work.
    void api.sessions.historyClients().then((result) => {
      if (current && result.ok) setClients(result.value)
    })
    return () => {
      current = false
    }
  }, [api, reads])

  const choices = { kind: filter.kind, outcome: filter.outcome, clientId: filter.clientId }
  const pick = <K extends keyof typeof choices>(key: K, value: string): void =>
    void history.choose({ ...choices, [key]: value === '' ? undefined : value })
  const filtered = isFiltered({ ...filter, query })
  // A client chosen before the list was read is still offered, so the choice shows as made.
  const offered =
    filter.clientId === undefined || clients.some((c) => c.id === filter.clientId)
      ? clients
      : [...clients, { id: filter.clientId, name: filter.clientId }]

  return (
    <search className="history-filters" aria-label="Filter past sessions">
      <div className="field history-search">
        <label className="field-label" htmlFor={`${id}-query`}>
          Search
        </label>
        <input
          id={`${id}-query`}
          type="search"
          value={query}
          maxLength={HISTORY_QUERY_MAX}
          placeholder="Title, client or note"
          aria-describedby={`${id}-hint`}
          onChange={(event) => history.type(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') void history.searchNow()
          }}
        />
        <span className="visually-hidden" id={`${id}-hint`}>
          Finds sessions whose title, client or notes have words starting with each word typed, and any emoji
          or symbol typed.
        </span>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-kind`}>
          Kind
        </label>
        <select id={`${id}-kind`} value={filter.kind ?? ''} onChange={(e) => pick('kind', e.target.value)}>
          <option value="">Any kind</option>
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kindLabel(kind)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-outcome`}>
          Outcome
        </label>
        <select
          id={`${id}-outcome`}
          value={filter.outcome ?? ''}
          onChange={(e) => pick('outcome', e.target.value)}
        >
          <option value="">Any outcome</option>
          {HISTORY_OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {OUTCOME_LABELS[outcome]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-client`}>
          Client
        </label>
        <select
          id={`${id}-client`}
          value={filter.clientId ?? ''}
          onFocus={() => setReads((n) => n + 1)}
          onChange={(e) => pick('clientId', e.target.value)}
        >
          <option value="">Any client</option>
          <ClientOptions clients={offered} />
        </select>
      </div>
      {filtered && (
        <button
          type="button"
          className="button button-quiet history-clear"
          onClick={() => void history.clearFilters()}
        >
          Clear filters
        </button>
      )}
    </search>
  )
}

/**
 * The client picker's choices: each name isolated, as <bdi> would (an option holds no element), so
 * a right-to-left name with digits or punctuation at its end reads as its writer wrote it.
 */
export function ClientOptions({ clients }: { readonly clients: ReadonlyArray<HistoryClient> }) {
  return clients.map((client) => (
    <option key={client.id} value={client.id}>
      {isolated(client.name)}
    </option>
  ))
}
