// The test of migration 0022: migrate to 21, insert rows as version 21 wrote them, migrate to 22, compare.
import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { cacheMigrations } from '../../../../../src/main/db/migrations'
import { SqliteCacheStore } from '../../../../../src/main/db/sqlite-cache-store'
import { migrate } from '../../../../../src/shared/sqlite/migrate'
import { aClient, aRequest } from '../../../../support/fixtures'
import { cacheDatabaseAt, linesLogger, useTempDirs } from '../cache-test-kit'
import { insertPastSession } from './past-session'

const tempDir = useTempDirs()
const options = { what: 'Standby cache', remedy: '' }

const jsonOf = (db: Database.Database, id: string): unknown =>
  db.prepare('SELECT json FROM sessions WHERE id = ?').pluck().get(id)

describe('0022-closing-note-none', () => {
  it('shows a closing note an older platform sent as a lone U+FFFD as no note, and keeps every real note', () => {
    const { db } = cacheDatabaseAt(tempDir(), 21)
    const request = aRequest({ id: 'req_1', title: 'Deploy fails', client: aClient(1) })
    const notes = {
      ses_placeholder: '\ufffd',
      // As another program may have written it: what ClosingNote drops around it is no note either.
      ses_invisible: ' \ufffd\u200b\n',
      ses_two: '\ufffd \ufffd',
      ses_broken_char: 'Thanks \ufffd',
      ses_real: 'Thanks, glad it works now',
      ses_none: null,
    }
    for (const [id, closingNote] of Object.entries(notes))
      insertPastSession(db, id, request, request.client, { closingNote })
    // Another writer may have escaped it: the same note.
    insertPastSession(db, 'ses_escaped', request)
    db.prepare('UPDATE sessions SET json = json_set(json, ?, ?) WHERE id = ?').run(
      '$.closingNote',
      '\ufffd',
      'ses_escaped',
    )
    db.prepare(
      `UPDATE sessions SET json = replace(json, char(65533), '\\uFFFD') WHERE id = 'ses_escaped'`,
    ).run()
    expect(jsonOf(db, 'ses_escaped')).toContain('\\uFFFD')
    db.prepare(
      `INSERT INTO sessions (id, request_id, state, booked_start, json) VALUES ('ses_broken', 'req_1', 'ended', 0, ?)`,
    ).run('{"id":"ses_broken","closingNote":"\ufffd')
    const untouched = ['ses_broken_char', 'ses_real', 'ses_none', 'ses_broken'].map((id) => jsonOf(db, id))
    const found = (query: string) =>
      new SqliteCacheStore(db, linesLogger()).sessionHistory(10, undefined, { query }).map((s) => s.id)
    expect(found('\ufffd')).toContain('ses_placeholder')

    migrate(db, cacheMigrations, { ...options, upTo: 22 })

    const read = new SqliteCacheStore(db, linesLogger())
    const noteOf = (id: string) => read.session(id)?.closingNote
    expect(noteOf('ses_placeholder')).toBeNull()
    expect(noteOf('ses_escaped')).toBeNull()
    expect(noteOf('ses_invisible')).toBeNull()
    expect(noteOf('ses_two')).toBe('\ufffd \ufffd')
    expect(noteOf('ses_broken_char')).toBe('Thanks \ufffd')
    expect(noteOf('ses_real')).toBe('Thanks, glad it works now')
    expect(noteOf('ses_none')).toBeNull()
    expect(['ses_broken_char', 'ses_real', 'ses_none', 'ses_broken'].map((id) => jsonOf(db, id))).toEqual(
      untouched,
    )
    expect(found('\ufffd').sort()).toEqual(['ses_broken_char', 'ses_two'])
    expect(found('deploy').sort()).toEqual(
      [
        'ses_broken_char',
        'ses_escaped',
        'ses_invisible',
        'ses_none',
        'ses_placeholder',
        'ses_real',
        'ses_two',
      ].sort(),
    )
    db.close()
  })
})
