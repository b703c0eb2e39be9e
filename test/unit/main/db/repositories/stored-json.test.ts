// Rows that are valid SQL and valid JSON but not the entity they stand for: a damaged or edited
// file. Each is skipped with a log line that never quotes it; the rest still read.
import { describe, expect, it } from 'vitest'
import {
  aClient,
  aMessage,
  anExpert,
  anInvite,
  aRequest,
  aSession,
  expertUpdated,
  FIXTURE_NOW,
  inviteCreated,
  messageCreated,
  sessionUpdated,
} from '../../../../support/fixtures'
import { SqliteCacheStore } from '../../../../../src/main/db/sqlite-cache-store'
import { useFreshStores } from '../cache-test-kit'

const fresh = useFreshStores()

/** A store holding sessions ses_good and ses_bad, booked after FIXTURE_NOW, each with its own request. */
function twoSessions() {
  const opened = fresh()
  const good = aSession({ id: 'ses_good', request: aRequest({ id: 'r1' }), bookedStart: FIXTURE_NOW + 1 })
  const bad = aSession({ id: 'ses_bad', request: aRequest({ id: 'r2' }), bookedStart: FIXTURE_NOW + 2 })
  opened.store.applyEvents([sessionUpdated(1, good), sessionUpdated(2, bad)])
  return { ...opened, good }
}

describe('a stored row that parses but is not its entity', () => {
  it.each([
    // Spliced after a request, neither is JSON any more.
    ['a list', `'[1,2]'`, 'its stored copy does not parse'],
    ['null', `'null'`, 'its stored copy does not parse'],
    [
      'another row’s entity',
      `'{"id":"ses_good","state":"booked"}'`,
      'its stored copy is not a session (its id is not the row’s)',
    ],
    ['no id', `'{"bookedStart":"soon"}'`, 'its stored copy is not a session (its id is not the row’s)'],
  ])('skips a session stored as %s, logs it, and returns the rest', (_what, json, problem) => {
    const { store, db, log, good } = twoSessions()
    db.prepare(`UPDATE sessions SET json = ${json} WHERE id = 'ses_bad'`).run()
    expect(store.upcomingSessions(FIXTURE_NOW, 10)).toEqual([good])
    expect(store.session('ses_bad')).toBeNull()
    expect(log.lines[0]).toContain(`warn Skipped the cached session ses_bad: ${problem}`)
    expect(log.lines[0]).toMatch(/the next sync gets it again from the platform\.$/)
    expect(log.lines.join('\n')).not.toContain('soon')
  })

  it('forgets the cursor digest, so the next sync starts from a snapshot that rewrites the row', () => {
    const { db, log } = twoSessions()
    db.prepare(`UPDATE sync_state SET cursor_digest = 'd2'`).run()
    // Read as the next start reads the file: the running store keeps the cursor it wrote.
    const store = new SqliteCacheStore(db, log)
    expect(store.upcomingSessions(FIXTURE_NOW, 10)).toHaveLength(2)
    expect(store.cursorDigest()).toBe('d2')
    db.prepare(`UPDATE sessions SET json = '{"id":"ses_good"}' WHERE id = 'ses_bad'`).run()
    store.upcomingSessions(FIXTURE_NOW, 10)
    expect([store.cursor(), store.cursorDigest()]).toEqual([2, null])
  })

  it('skips what a request that is not one is spliced into, and keeps the rest', () => {
    const { store, db, good } = twoSessions()
    db.prepare(`UPDATE requests SET json = '[2]' WHERE id = 'r2'`).run()
    expect(store.upcomingSessions(FIXTURE_NOW, 10)).toEqual([good])
  })

  it('skips an invite and a message that are not ones, and keeps the rest', () => {
    const { store, db, log } = fresh()
    const kept = anInvite({ request: aRequest({ id: 'r1' }) })
    const broken = anInvite({ request: aRequest({ id: 'r2' }) })
    const message = aMessage({ id: 'msg_ok', requestId: 'r1' })
    store.applyEvents([
      inviteCreated(1, kept),
      inviteCreated(2, broken),
      messageCreated(3, message),
      messageCreated(4, aMessage({ id: 'msg_bad', requestId: 'r1', sentAt: FIXTURE_NOW + 1 })),
    ])
    db.prepare(`UPDATE invites SET json = '{"id":"${kept.id}"}' WHERE id = ?`).run(broken.id)
    db.prepare(`UPDATE messages SET json = '"msg_bad"' WHERE id = 'msg_bad'`).run()
    expect(store.openInvites(FIXTURE_NOW).map((i) => i.id)).toEqual([kept.id])
    expect(store.invite(broken.id)).toBeNull()
    expect(store.messages('r1')).toEqual([message])
    expect(log.lines.join('\n')).toMatch(
      /Skipped the cached message msg_bad: its stored copy is not a message/,
    )
  })

  it('reads an expert that is not one as no expert, so the next sync starts from a snapshot', () => {
    const { store, db, log } = fresh()
    store.applyEvents([expertUpdated(1, anExpert())])
    db.prepare(`UPDATE expert SET json = '{"name":"Ada"}'`).run()
    expect(store.expert()).toBeNull()
    expect(log.lines.join('\n')).toMatch(
      /Skipped the cached expert exp_ada: its stored copy is not an expert/,
    )
  })

  it.each([
    [
      'a booked time that is text',
      `json_set(json, '$.bookedStart', 'soon')`,
      'bookedStart: expected a number',
    ],
    [
      'a booked time past any date',
      `json_set(json, '$.bookedStart', 9e15)`,
      'bookedStart: expected a number up to',
    ],
    ['a state no version has', `json_set(json, '$.state', 'soon')`, 'state: expected one of'],
    ['an outcome that is text', `json_set(json, '$.outcome', 'soon')`, 'outcome: expected an object'],
  ])(
    'skips a session holding %s deep inside, which a view or a reminder would trip on',
    (_what, edit, problem) => {
      const { store, db, log, good } = twoSessions()
      db.prepare(`UPDATE sessions SET json = ${edit} WHERE id = 'ses_bad'`).run()
      expect(store.upcomingSessions(FIXTURE_NOW, 10)).toEqual([good])
      expect(store.session('ses_bad')).toBeNull()
      expect(log.lines[0]).toContain(
        `warn Skipped the cached session ses_bad: its stored copy is not a session (${problem}`,
      )
      expect(log.lines.join('\n')).not.toContain('soon')
    },
  )

  it('skips a session whose request holds a wrong type, from the request row it is spliced from', () => {
    const { store, db, good, log } = twoSessions()
    db.prepare(`UPDATE requests SET json = json_set(json, '$.proposedTimes', 'soon') WHERE id = 'r2'`).run()
    expect(store.upcomingSessions(FIXTURE_NOW, 10)).toEqual([good])
    expect(log.lines[0]).toContain('(request.proposedTimes: expected an array)')
  })
})

describe('a stored row holding members its entity does not have', () => {
  it('reads without them, so a member nested too deep to send to a window cannot hide the list', () => {
    const { store, db, good } = twoSessions()
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`
    db.prepare(`UPDATE sessions SET json = json_set(json, '$.extra', ?) WHERE id = 'ses_good'`).run('-')
    db.prepare(`UPDATE sessions SET json = replace(json, '"extra":"-"', ?) WHERE id = 'ses_good'`).run(
      `"extra":${deep}`,
    )
    const sessions = store.upcomingSessions(FIXTURE_NOW, 10)
    expect(sessions[0]).toEqual(good)
    expect(() => structuredClone(sessions)).not.toThrow()
  })
})

describe('a stored row larger than its entity can be', () => {
  // Past every bound the protocol sets on an entity's text and lists: only an edit makes one.
  const HUGE = 2_000_000

  it('skips a session whose request is far too large without reading it, and keeps the rest', () => {
    const { store, db, log, good } = twoSessions()
    db.prepare(`UPDATE requests SET json = json_set(json, '$.description', ?) WHERE id = 'r2'`).run(
      'x'.repeat(HUGE),
    )
    expect(store.upcomingSessions(FIXTURE_NOW, 10)).toEqual([good])
    expect(store.session('ses_bad')).toBeNull()
    expect(log.lines[0]).toMatch(
      /^warn Skipped the cached session ses_bad: its stored copy is \d{7} bytes, more than a session can be; the next sync gets it again from the platform\.$/,
    )
  })

  it('skips an invite, a message and the expert far too large, and keeps the rest', () => {
    const { store, db, log } = fresh()
    const kept = anInvite({ request: aRequest({ id: 'r1' }) })
    const huge = anInvite({ request: aRequest({ id: 'r2' }) })
    const message = aMessage({ id: 'msg_ok', requestId: 'r1' })
    store.applyEvents([
      expertUpdated(1, anExpert()),
      inviteCreated(2, kept),
      inviteCreated(3, huge),
      messageCreated(4, message),
      messageCreated(5, aMessage({ id: 'msg_huge', requestId: 'r1', sentAt: FIXTURE_NOW + 1 })),
    ])
    const pad = (table: string, id: string): void => {
      db.prepare(`UPDATE ${table} SET json = json_set(json, '$.pad', ?) WHERE id = ?`).run(
        'x'.repeat(HUGE),
        id,
      )
    }
    pad('invites', huge.id)
    pad('messages', 'msg_huge')
    pad('expert', 'exp_ada')
    expect(store.openInvites(FIXTURE_NOW).map((i) => i.id)).toEqual([kept.id])
    expect(store.messages('r1')).toEqual([message])
    expect(store.expert()).toBeNull()
    const text = log.lines.join('\n')
    for (const what of [`invite ${huge.id}`, 'message msg_huge', 'expert exp_ada'])
      expect(text).toMatch(new RegExp(`Skipped the cached ${what}: its stored copy is \\d+ bytes, more than`))
  })

  it('leaves a session far too large out of the chargebacks and the names of past clients', () => {
    const { store, db } = fresh()
    const charged = (id: string, clientId: string, name: string) =>
      aSession({
        id,
        request: aRequest({ id: `r_${id}` }),
        state: 'ended',
        client: { ...aClient(0), id: clientId, name },
        chargeback: { reason: 'Disputed', recordedAt: FIXTURE_NOW },
      })
    store.applyEvents([
      sessionUpdated(1, charged('ses_a', 'cli_a', 'Ann')),
      sessionUpdated(2, charged('ses_b', 'cli_b', 'Bea')),
    ])
    expect(store.historyClients(10).map((c) => c.name)).toEqual(['Ann', 'Bea'])
    db.prepare(`UPDATE sessions SET json = json_set(json, '$.client.name', ?) WHERE id = 'ses_b'`).run(
      'x'.repeat(HUGE),
    )
    expect(store.historyClients(10).map((c) => c.name)).toEqual(['Ann'])
    expect(store.chargedBackSessions().map((s) => s.id)).toEqual(['ses_a'])
  })

  it('lists the past clients without one whose client column an edit left as bytes', () => {
    const { store, db } = fresh()
    const ended = (id: string, n: number) =>
      aSession({ id, request: aRequest({ id: `r_${id}` }), state: 'ended', client: aClient(n) })
    store.applyEvents([sessionUpdated(1, ended('ses_a', 0)), sessionUpdated(2, ended('ses_b', 1))])
    db.prepare(`UPDATE sessions SET client_id = X'00ff' WHERE id = 'ses_b'`).run()
    expect(store.historyClients(10)).toEqual([{ id: 'cli_0', name: 'Sam Okafor' }])
  })
})
