// The test of migration 0021, in the style of migrations.test.ts (which has grown past a file's
// size): migrate to 20, insert rows as version 20 wrote them, migrate to 21, compare.
import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { cacheMigrations } from '../../../../../src/main/db/migrations'
import { withoutRequest } from '../../../../../src/main/db/repositories/stored-json'
import { openCache } from '../../../../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../../../../src/main/db/sqlite-cache-store'
import type { HelpRequest, Session } from '../../../../../src/shared/protocol'
import { migrate } from '../../../../../src/shared/sqlite/migrate'
import { aClient, aMessage, anExpert, anInvite, aRequest, FIXTURE_NOW } from '../../../../support/fixtures'
import { cacheDatabaseAt, linesLogger, useTempDirs } from '../cache-test-kit'
import { insertPastSession } from './past-session'

const tempDir = useTempDirs()
const options = { what: 'Standby cache', remedy: '' }

/** A raw connection to a new file migrated up to `version`. */
const databaseAt = (version: number) => cacheDatabaseAt(tempDir(), version).db

const jsonOf = (db: Database.Database, table: string, id: string): unknown =>
  db.prepare(`SELECT json FROM ${table} WHERE id = ?`).pluck().get(id)
const dump = (db: Database.Database, table: string): unknown[] =>
  db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()

describe('0021-text-cleaned-again', () => {
  it('cleans the text cached before as the app now reads it, so a client named "Sa\u2064m" is shown and found as Sam', () => {
    const db = databaseAt(20)
    // Text as an earlier cleaning left it: an invisible inside a word, blanks hidden behind a joiner.
    const dirtyRequest = aRequest({
      id: 'req_dirty',
      title: 'Deplo\u2064y fails\u2800\u200d',
      client: { ...aClient(1), name: '\u200d\u2800Sa\u2064m' },
      tags: ['ci\u2062'],
    })
    insertPastSession(db, 'ses_dirty', dirtyRequest)
    insertPastSession(db, 'ses_dirty_client', aRequest({ id: 'req_plain', title: 'Plain title' }), {
      ...aClient(2),
      name: 'Zo\u2063ë',
    })
    // Only the request's text to clean: the session is indexed again all the same.
    insertPastSession(
      db,
      'ses_title_only',
      aRequest({ id: 'req_title', title: 'Rollba\u2064ck', client: aClient(4) }),
    )
    // Clean text past ASCII, its members in another order than a write puts them: left as it is.
    const cleanRequest = aRequest({ id: 'req_clean', title: 'Straße ❤️ 辺󠄀', client: aClient(3) })
    insertPastSession(db, 'ses_clean', cleanRequest)
    const { title, ...rest } = JSON.parse(jsonOf(db, 'requests', 'req_clean') as string) as HelpRequest
    db.prepare('UPDATE requests SET json = ? WHERE id = ?').run(
      JSON.stringify({ ...rest, title }),
      'req_clean',
    )
    const invite = anInvite({ id: 'inv_dirty', request: dirtyRequest })
    db.prepare(
      'INSERT INTO invites (id, request_id, state, sent_at, json, closes_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(invite.id, dirtyRequest.id, invite.state, invite.sentAt, withoutRequest(invite), invite.expiresAt)
    const message = aMessage({
      id: 'msg_dirty',
      requestId: 'req_dirty',
      body: '\u2800Hello\u2064\n\u200d\u2800',
    })
    db.prepare(
      'INSERT INTO messages (id, request_id, sent_at, json, from_client) VALUES (?, ?, ?, ?, 1)',
    ).run(message.id, message.requestId, message.sentAt, JSON.stringify(message))
    db.prepare(`INSERT INTO expert (slot, id, json) VALUES (1, 'exp_ada', ?)`).run(
      JSON.stringify(anExpert({ id: 'exp_ada', name: 'Ada\u2064 \u2800\u200d' })),
    )
    // Damaged rows past ASCII: JSON that does not parse, and JSON that is no session.
    const damaged = db.prepare(
      `INSERT INTO sessions (id, request_id, state, booked_start, json) VALUES (?, 'req_plain', 'ended', 0, ?)`,
    )
    damaged.run('ses_broken', '{"id":"ses_broken","client":{"name":"\u2800')
    damaged.run('ses_odd', '{"id":"ses_odd","client":{"name":"\u2800Sam"}}')
    const store = new SqliteCacheStore(db, linesLogger())
    const found = (query: string) => store.sessionHistory(10, undefined, { query }).map((s) => s.id)
    expect(found('sam')).toEqual([])
    expect(found('deploy')).toEqual([])
    const before = Object.fromEntries(['invites', 'reminders', 'sync_state'].map((t) => [t, dump(db, t)]))
    const cleanBefore = [jsonOf(db, 'requests', 'req_clean'), jsonOf(db, 'sessions', 'ses_clean')]
    const damagedBefore = [jsonOf(db, 'sessions', 'ses_broken'), jsonOf(db, 'sessions', 'ses_odd')]

    migrate(db, cacheMigrations, { ...options, upTo: 21 })

    expect(db.pragma('user_version', { simple: true })).toBe(21)
    const read = new SqliteCacheStore(db, linesLogger())
    const dirty = read.session('ses_dirty') as Session
    expect([dirty.request.title, dirty.request.client.name, dirty.client.name]).toEqual([
      'Deploy fails',
      'Sam',
      'Sam',
    ])
    expect(dirty.request.tags).toEqual(['ci'])
    expect(read.session('ses_dirty_client')?.client.name).toBe('Zoë')
    expect(read.openInvites(FIXTURE_NOW).map((each) => each.request.title)).toEqual(['Deploy fails'])
    expect(read.messages('req_dirty').map((each) => each.body)).toEqual(['Hello'])
    expect(read.expert()?.name).toBe('Ada')
    expect(found('sam')).toEqual(['ses_dirty'])
    expect(found('deploy')).toEqual(['ses_dirty'])
    expect(found('zoe')).toEqual(['ses_dirty_client'])
    expect(found('rollback')).toEqual(['ses_title_only'])
    expect(found('strasse')).toEqual(['ses_clean'])
    expect([jsonOf(db, 'requests', 'req_clean'), jsonOf(db, 'sessions', 'ses_clean')]).toEqual(cleanBefore)
    expect([jsonOf(db, 'sessions', 'ses_broken'), jsonOf(db, 'sessions', 'ses_odd')]).toEqual(damagedBefore)
    for (const [table, rows] of Object.entries(before)) expect(dump(db, table), table).toEqual(rows)
    db.close()
  })

  it('says in one log line, naming a few, which rows it left uncleaned because they no longer read as their entity', () => {
    const db = databaseAt(20)
    insertPastSession(db, 'ses_dirty', aRequest({ id: 'req_dirty', title: 'Deplo\u2064y fails' }))
    const odd = db.prepare(
      `INSERT INTO sessions (id, request_id, state, booked_start, json) VALUES (?, 'req_dirty', 'ended', 0, ?)`,
    )
    for (let n = 1; n <= 7; n += 1)
      odd.run(`ses_odd_${n}`, `{"id":"ses_odd_${n}","client":{"name":"\u2800Sam"}}`)
    // JSON that does not parse is the reader's to tell, as it skips the row.
    odd.run('ses_broken', '{"id":"ses_broken","client":{"name":"\u2800')
    const lines: string[] = []

    migrate(db, cacheMigrations, { ...options, upTo: 21, note: (line) => lines.push(line) })

    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('Left 7 cached rows as they were')
    expect(lines[0]).toContain('sessions "ses_odd_1"')
    expect(lines[0]).toContain('sessions "ses_odd_5", …')
    expect(lines[0]).not.toContain('ses_odd_6')
    expect(lines[0]).not.toContain('ses_broken')
    expect(new SqliteCacheStore(db, linesLogger()).session('ses_dirty')?.request.title).toBe('Deploy fails')
    db.close()
  })

  it('tells the log of the open that migrates the cache', () => {
    const db = databaseAt(20)
    insertPastSession(db, 'ses_dirty', aRequest({ id: 'req_dirty', title: 'Deplo\u2064y fails' }))
    db.prepare(
      `INSERT INTO sessions (id, request_id, state, booked_start, json) VALUES ('ses_odd', 'req_dirty', 'ended', 0, ?)`,
    ).run('{"id":"ses_odd","client":{"name":"\u2800Sam"}}')
    const path = db.name
    db.close()
    const log = linesLogger()

    openCache({ path, log }).close()

    expect(log.lines.filter((line) => line.includes('sessions "ses_odd"'))).toHaveLength(1)
  })

  it('keeps the cache when damaged rows nest deeper or list more than any entity, and still cleans the others', () => {
    const db = databaseAt(20)
    insertPastSession(db, 'ses_dirty', aRequest({ id: 'req_dirty', title: 'Deplo\u2064y fails' }))
    // Valid JSON past ASCII within a session's size, yet no session: arrays in arrays far deeper
    // than any entity nests, and one array far longer than any entity holds. Either ran the walk
    // out of stack, which failed the migration: the whole cache was moved aside and rebuilt.
    const damaged = db.prepare(
      `INSERT INTO sessions (id, request_id, state, booked_start, json) VALUES (?, 'req_dirty', 'ended', 0, ?)`,
    )
    const depth = 50_000
    damaged.run('ses_deep', `{"id":"ses_deep","x":${'['.repeat(depth)}"Sa\u2064m"${']'.repeat(depth)}}`)
    damaged.run('ses_wide', `{"id":"ses_wide","x":[${'0,'.repeat(200_000)}"Sa\u2064m"]}`)
    const path = db.name
    db.close()

    const opened = openCache({ path })

    expect(opened.rebuilt).toBeNull()
    const read = new SqliteCacheStore(opened.db, linesLogger())
    expect(read.session('ses_dirty')?.request.title).toBe('Deploy fails')
    opened.close()
  })

  it('keeps the line breaks of a multi-line message, and a clean one as it was stored', () => {
    const db = databaseAt(20)
    const insert = db.prepare(
      'INSERT INTO messages (id, request_id, sent_at, json, from_client) VALUES (?, ?, ?, ?, 1)',
    )
    const bodies = {
      msg_dirty: 'Zeile eins\u2064\n\n\tZeile zwei\u2800',
      msg_clean: 'ログイン\n\n\tできません ❤️',
    }
    for (const [id, body] of Object.entries(bodies)) {
      const message = aMessage({ id, requestId: 'req_1', body })
      insert.run(id, message.requestId, message.sentAt, JSON.stringify(message))
    }
    const cleanBefore = jsonOf(db, 'messages', 'msg_clean')

    migrate(db, cacheMigrations, { ...options, upTo: 21 })

    const read = new SqliteCacheStore(db, linesLogger())
    expect(read.messages('req_1').map((each) => each.body)).toEqual([
      'Zeile eins\n\n\tZeile zwei',
      'ログイン\n\n\tできません ❤️',
    ])
    expect(jsonOf(db, 'messages', 'msg_clean')).toBe(cleanBefore)
    db.close()
  })

  it('cleans a row another program stored as a BLOB, which the app reads and shows as text', () => {
    const db = databaseAt(20)
    const message = aMessage({ id: 'msg_blob', requestId: 'req_1', body: 'Sa\u2064m' })
    db.prepare(
      'INSERT INTO messages (id, request_id, sent_at, json, from_client) VALUES (?, ?, ?, ?, 1)',
    ).run(message.id, message.requestId, message.sentAt, Buffer.from(JSON.stringify(message)))

    migrate(db, cacheMigrations, { ...options, upTo: 21 })

    const read = new SqliteCacheStore(db, linesLogger())
    expect(read.messages('req_1').map((each) => each.body)).toEqual(['Sam'])
    db.close()
  })
})
