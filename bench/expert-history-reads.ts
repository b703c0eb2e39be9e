/**
 * What an expert's long history costs the readers that list their invites: one expert with a
 * kept stream of 10,000 events (every third an invite, 20 of them open) and 90,000 invites whose
 * events a compaction pruned, beside 200 experts of 300 events. The file is built as platform
 * version 15 stored it (the pruned invites' rows under negative ids in `expert_events`), brought
 * up to the newest version by the real migrations, and then the expert's record with its figures
 * (`PlatformStore.expert`) and a whole snapshot (`snapshotFor`) are timed. Run it on two builds to
 * compare them: `npx tsx bench/expert-history-reads.ts [days the pruned invites span, 360]`.
 */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { ManualClock } from '../src/shared/clock'
import { migrate } from '../src/shared/sqlite/migrate'
import { platformMigrations } from '../server/src/db/migrations'
import { EventLog } from '../server/src/event-log'
import { defaultMarketplaceConfig, type MarketplaceContext } from '../server/src/marketplace/context'
import { snapshotFor } from '../server/src/marketplace/snapshot'
import { random } from '../server/src/seeded-random'
import { PlatformStore } from '../server/src/store/platform-store'
import { median, ms } from './stats'

const DAY = 24 * 60 * 60 * 1000
const NOW = 2_000 * DAY
const LIVE_EVENTS = 10_000
const PRUNED_INVITES = 90_000
const OTHER_EXPERTS = 200
const OTHER_EVENTS = 300
const RUNS = 20
/** Over how many days the pruned invites were sent (`-- 50` for a denser history): the recent figures read those of the last 30. */
const PRUNED_DAYS = Number(process.argv[2] ?? 360)
const CLOSED = ['accepted', 'declined', 'expired', 'taken', 'withdrawn']

/** Writes the history as version 15 kept it. */
function buildAtVersion15(db: Database.Database): void {
  migrate(db, platformMigrations, { what: 'bench database', remedy: '', upTo: 15 })
  db.pragma('foreign_keys = OFF')
  const next = random(15)
  const expert = db.prepare(
    `INSERT INTO experts (id, name, email, password_hash, time_zone, availability, tags)
       VALUES (?, ?, ?, 'h', 'UTC', 'online', '[]')`,
  )
  const invite = db.prepare(
    `INSERT INTO invites (id, request_id, expert_id, reason, sent_at, expires_at, state, answered_at)
       VALUES (?, ?, ?, 'direct', ?, ?, ?, ?)`,
  )
  // Only an open invite's request is read (the snapshot shows it).
  const request = db.prepare(
    `INSERT INTO requests (id, client_id, title, description, attachments, tags, kind, proposed_times,
       expected_duration_minutes, state, created_at) VALUES (?, 'c', 'Help', '', '[]', '[]', 'instant', '[]', 15, 'open', ?)`,
  )
  const place = db.prepare('INSERT INTO expert_events (expert_id, id, seq, invite_id) VALUES (?, ?, ?, ?)')
  let seq = 0
  let invites = 0
  const addInvite = (expertId: string, sentAt: number, open: boolean): string => {
    const id = `inv_${++invites}`
    const state = open ? 'open' : (CLOSED[Math.floor(next() * CLOSED.length)] as string)
    const answered = state === 'accepted' || state === 'declined'
    if (open) request.run(`req_${invites}`, sentAt)
    invite.run(
      id,
      `req_${invites}`,
      expertId,
      sentAt,
      sentAt + 300_000,
      state,
      answered ? sentAt + Math.floor(next() * 120_000) : null,
    )
    return id
  }
  db.transaction(() => {
    expert.run('x', 'X', 'x@bench.test')
    db.prepare(`INSERT INTO clients (id, name, time_zone) VALUES ('c', 'C', 'UTC')`).run()
    // The pruned invites, oldest first, sent over `PRUNED_DAYS` before the kept stream's 10 days.
    for (let n = 1; n <= PRUNED_INVITES; n++) {
      const sentAt = NOW - (PRUNED_DAYS + 10) * DAY + Math.floor((n / PRUNED_INVITES) * PRUNED_DAYS * DAY)
      place.run('x', -(3 * n), null, addInvite('x', sentAt, false))
    }
    for (let id = 3 * PRUNED_INVITES + 1, n = 0; n < LIVE_EVENTS; id++, n++) {
      const isInvite = id % 3 === 0
      const open = isInvite && n >= LIVE_EVENTS - 60
      const sentAt = NOW - 10 * DAY + Math.floor((n / LIVE_EVENTS) * 10 * DAY)
      place.run('x', id, ++seq, isInvite ? addInvite('x', sentAt, open) : null)
    }
    for (let e = 0; e < OTHER_EXPERTS; e++) {
      const expertId = `e${e}`
      expert.run(expertId, `E${e}`, `${expertId}@bench.test`)
      for (let id = 1; id <= OTHER_EVENTS; id++) {
        place.run(expertId, id, ++seq, id % 3 === 0 ? addInvite(expertId, NOW - DAY, false) : null)
      }
    }
    db.prepare('UPDATE platform_meta SET lookups_through_seq = ?').run(seq)
  })()
}

/** The median of `RUNS` timed calls of `read`, and its last answer. */
function timed<T>(read: () => T): { medianMs: number; answer: T } {
  const times: number[] = []
  let answer: T | undefined
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    answer = read()
    times.push(performance.now() - started)
  }
  return { medianMs: median(times), answer: answer as T }
}

const dir = mkdtempSync(join(tmpdir(), 'standby-history-reads-'))
try {
  const db = new Database(join(dir, 'platform.db'))
  db.pragma('journal_mode = WAL')
  buildAtVersion15(db)
  const migrating = performance.now()
  const version = migrate(db, platformMigrations, { what: 'bench database', remedy: '' })
  const migrated = performance.now() - migrating
  const clock = new ManualClock(NOW)
  const store = new PlatformStore(db, clock, defaultMarketplaceConfig)
  const ctx = {
    db,
    sql: db.prepare.bind(db),
    store,
    events: new EventLog(db, clock),
    clock,
    config: defaultMarketplaceConfig,
  } as unknown as MarketplaceContext
  const record = timed(() => store.expert('x'))
  const snapshot = timed(() => snapshotFor(ctx, 'x'))
  const lookupRows = db.prepare(`SELECT COUNT(*) FROM expert_events WHERE expert_id = 'x'`).pluck().get()
  console.log(`pruned invites sent over ${PRUNED_DAYS} days; load average ${loadavg()[0]?.toFixed(1)}`)
  console.log(
    `version ${version} (migrations from 15: ${ms(migrated)}); the expert's lookup rows: ${lookupRows}`,
  )
  console.log(`the expert's record with its figures: ${ms(record.medianMs)} (median of ${RUNS})`)
  console.log(`a whole snapshot (open invites, record, sessions, messages): ${ms(snapshot.medianMs)}`)
  console.log(`open invites: ${snapshot.answer.openInvites.length}`)
  console.log(
    `figures: ${JSON.stringify({ average: record.answer.stats.averageResponseMs, ...record.answer.stats.recent })}`,
  )
  db.close()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
