// Sign-out empties the cache: the words it held must not stay readable in the file's free pages or its WAL.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  aMessage,
  anExpert,
  anInvite,
  inviteClosed,
  inviteCreated,
  aRequest,
  aSession,
  expertUpdated,
  messageCreated,
  sessionUpdated,
} from '../../../support/fixtures'
import { useFreshStores } from './cache-test-kit'

const fresh = useFreshStores()

/** Every byte SQLite keeps for the cache at `path`, as Latin-1 text to search. */
function onDisk(path: string): string {
  return ['', '-wal', '-journal']
    .filter((suffix) => existsSync(path + suffix))
    .map((suffix) => readFileSync(path + suffix).toString('latin1'))
    .join('\n')
}

describe('clearing the cache', () => {
  it('leaves none of a client message in the file or its WAL', () => {
    const { store, db, path } = fresh()
    const words = 'my-private-problem-with-the-payroll-export'
    const thread = inviteCreated(2, anInvite({ request: aRequest({ id: 'req_1' }) }))
    store.applyEvents([expertUpdated(1, anExpert()), thread, messageCreated(3, aMessage({ body: words }))])
    db.pragma('wal_checkpoint(TRUNCATE)')
    expect(onDisk(path)).toContain(words)
    store.clear()
    expect(onDisk(path)).not.toContain(words)
    db.close()
    expect(onDisk(path)).not.toContain(words)
  })

  it("leaves none of a session's title, description or private note, nor their search words", () => {
    const { store, db, path } = fresh()
    const request = aRequest({ title: 'Zanzibarquux payroll', description: 'Quuxfrobnicate the ledger' })
    store.applyEvents([
      expertUpdated(1, anExpert()),
      sessionUpdated(2, aSession({ request, privateNote: 'Wibblewobble owes me' })),
    ])
    db.pragma('wal_checkpoint(TRUNCATE)')
    for (const word of ['zanzibarquux', 'quuxfrobnicate', 'wibblewobble']) {
      expect(onDisk(path).toLowerCase()).toContain(word)
    }
    store.clear()
    db.close()
    for (const word of ['zanzibarquux', 'quuxfrobnicate', 'wibblewobble']) {
      expect(onDisk(path).toLowerCase(), word).not.toContain(word)
    }
  })

  it('leaves none of what was deleted long before the sign-out either', () => {
    const { store, db, path } = fresh()
    const before = 'an-invite-closed-hours-before-the-sign-out'
    const invite = anInvite({ request: aRequest({ description: before }) })
    store.applyEvents([expertUpdated(1, anExpert()), inviteCreated(2, invite)])
    db.pragma('wal_checkpoint(TRUNCATE)')
    // Taken by another expert: its row is deleted, its words left in the page it freed.
    store.applyEvents([inviteClosed(3, invite.id, 'taken')])
    db.pragma('wal_checkpoint(TRUNCATE)')
    expect(onDisk(path)).toContain(before)
    store.clear()
    db.close()
    expect(onDisk(path)).not.toContain(before)
  })

  it('removes the damaged copies of the cache kept aside, which hold the same words', () => {
    const { store, path } = fresh()
    const folder = dirname(path)
    const copy = `${basename(path)}.corrupt-20261127T120000Z`
    // A newer Standby's cache, kept aside when an update was undone, holds them too.
    const newer = `${basename(path)}.newer-20261127T120000Z`
    for (const name of [copy, `${copy}-wal`, `${copy}-2`, newer, `${newer}-wal`, 'notes.txt']) {
      writeFileSync(join(folder, name), 'a client message')
    }
    store.clear()
    expect(readdirSync(folder).filter((name) => /\.(corrupt|newer)-/.test(name))).toEqual([])
    expect(existsSync(join(folder, 'notes.txt'))).toBe(true)
  })

  it('removes a whole copy of the cache that a write-back interrupted at an earlier quit left beside it', () => {
    const { store, path } = fresh()
    // A process id past every pid_max: the run that left it is gone.
    const left = `${path}.${2 ** 31 - 2}-0123456789ab.tmp`
    writeFileSync(left, 'a client message')
    store.clear()
    expect(existsSync(left)).toBe(false)
  })
})
