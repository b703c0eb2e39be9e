// What the IPC contract lets a page ask of History: bounded pages and searches, known kinds and
// outcomes, nothing else; and the note command's payload as the platform parses it.
import { describe, expect, it } from 'vitest'
import { invokeContract } from '../../../../src/shared/ipc/contract'
import { commandSchemas, PRIVATE_NOTE_MAX, Session } from '../../../../src/shared/protocol'
import { aSession } from '../../../support/fixtures'
import { HISTORY_QUERY_MAX, isFiltered } from '../../../../src/shared/rules/history-filter'
import { HISTORY_PAGE_ROWS } from '../../../../src/shared/ipc/list-limits'

const history = invokeContract['sessions.history'].request

describe('the History request', () => {
  it('takes a page with a filter of known kinds and outcomes, a client and a bounded search', () => {
    const request = {
      limit: 50,
      after: { start: 1_767_603_600_000, id: 'ses_1' },
      filter: { kind: 'scheduled', outcome: 'cancelled', clientId: 'cli_1', query: 'vpn "drops"' },
    }
    expect(history.parse(request)).toEqual(request)
    expect(history.parse({ limit: 1 })).toEqual({ limit: 1 })
    // The window's own page, and no more: a row carries its request whole.
    expect(history.parse({ limit: HISTORY_PAGE_ROWS })).toEqual({ limit: HISTORY_PAGE_ROWS })
  })

  it('refuses a search over the limit, an unknown kind or outcome, a stray member and an oversized page', () => {
    for (const bad of [
      { limit: 50, filter: { query: 'x'.repeat(HISTORY_QUERY_MAX + 1) } },
      { limit: 50, filter: { kind: 'urgent' } },
      { limit: 50, filter: { outcome: 'refunded' } },
      { limit: 50, filter: { clientId: 'has space' } },
      { limit: 50, filter: { sql: '1=1' } },
      { limit: HISTORY_PAGE_ROWS + 1 },
      { limit: 0 },
    ])
      expect(history.safeParse(bad).success, JSON.stringify(bad).slice(0, 60)).toBe(false)
  })

  it('counts a blank search as no filter', () => {
    expect(isFiltered({ query: '   ' })).toBe(false)
    expect(isFiltered({ outcome: 'free' })).toBe(true)
  })
})

describe('the session.setNote payload', () => {
  const payload = commandSchemas['session.setNote'].payload

  it('normalises the note as free text and accepts an empty one (which clears it)', () => {
    expect(payload.parse({ sessionId: 'ses_1', note: ' a\r\nb\u0007 ' })).toEqual({
      sessionId: 'ses_1',
      note: 'a\nb',
    })
    expect(payload.parse({ sessionId: 'ses_1', note: '' }).note).toBe('')
  })

  it('refuses a note over the limit and a missing one', () => {
    expect(payload.safeParse({ sessionId: 'ses_1', note: 'x'.repeat(PRIVATE_NOTE_MAX + 1) }).success).toBe(
      false,
    )
    expect(payload.safeParse({ sessionId: 'ses_1' }).success).toBe(false)
  })
})

describe('a session’s private note on the wire', () => {
  const { privateNote: _note, ...olderSession } = aSession({ privateNote: 'kept' })

  it('reads a session from a platform older than notes as having none', () => {
    expect(Session.parse(olderSession).privateNote).toBe('')
  })

  it('reads a note that does not fit as none, keeping the session', () => {
    for (const privateNote of [null, 42, { text: 'x' }, 'x'.repeat(PRIVATE_NOTE_MAX + 1)])
      expect(Session.parse({ ...olderSession, privateNote }).privateNote).toBe('')
    expect(Session.parse({ ...olderSession, privateNote: ' kept\r\n' }).privateNote).toBe('kept')
  })
})
