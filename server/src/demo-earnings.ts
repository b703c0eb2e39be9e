/**
 * A demo's past: twelve weeks of settled sessions for each demo expert (charged, discounted, free,
 * and now and then a client who never came), so History shows amounts and My stats its earnings
 * chart as soon as a newcomer signs in. Deterministic for a seed; safe to run twice.
 */
import type { Outcome } from '../../src/shared/protocol'
import { newRoomKey } from './room/room-link'
import type { Marketplace } from './marketplace/marketplace'
import { DEMO_CLIENTS, DEMO_EXPERTS } from './seed'
import { random } from './seeded-random'

const MINUTE = 60_000
const WEEK = 7 * 24 * 60 * MINUTE

const TITLES = [
  'Review of a slow dashboard query',
  'Webpack build fails after upgrade',
  'Help reading a flame graph',
  'Flaky integration test in CI',
  'Designing a retry policy',
] as const

/** Give every demo expert with no settled session a past; returns how many sessions were added. */
export function seedDemoEarnings(marketplace: Marketplace, seed = 13): number {
  const rand = random(seed)
  const pick = <T>(items: ReadonlyArray<T>): T => items[Math.floor(rand() * items.length)] as T
  const now = marketplace.clock.now()
  const { db, events, store } = marketplace
  const hasPast = db.prepare(`SELECT 1 FROM sessions WHERE expert_id = ? AND state IN ('ended', 'cancelled')`)
  const insertRequest = db.prepare(
    `INSERT INTO requests (id, client_id, title, description, attachments, tags, kind, proposed_times,
       expected_duration_minutes, state, created_at) VALUES (?, ?, ?, '', '[]', '[]', 'instant', '[]', ?, 'booked', ?)`,
  )
  const insertSession = db.prepare(
    `INSERT INTO sessions (id, request_id, expert_id, client_id, kind, booked_start, state, phase,
       expert_joined_at, client_joined_at, billing_started_at, ended_at, outcome, cancellation,
       updated_at, room_key, rate_minor, rate_currency, cancellation_fee_minor)
     SELECT ?, ?, id, ?, 'instant', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, rate_minor, rate_currency, ?
       FROM experts WHERE id = ?`,
  )
  const fee = marketplace.config.cancellationFeeMinor
  let added = 0
  for (const expert of DEMO_EXPERTS) {
    if (store.expertRow(expert.id) === undefined || hasPast.get(expert.id) !== undefined) continue
    events.transact(() => {
      for (let week = 11; week >= 0; week--) {
        const count = 1 + Math.floor(rand() * 4)
        for (let n = 0; n < count; n++) {
          // Spread over the week, and never later than an hour ago.
          const start = Math.min(now - 2 * 60 * MINUTE, now - week * WEEK - rand() * WEEK)
          const id = `demo_${expert.id}_${week}_${n}`
          const client = pick(DEMO_CLIENTS).id
          insertRequest.run(`req_${id}`, client, pick(TITLES), 30, start - 5 * MINUTE)
          const noShow = rand() < 0.1
          const billed = Math.round((8 + rand() * 60) * MINUTE)
          const outcome: Outcome = pick<Outcome>([
            { kind: 'charged' },
            { kind: 'charged' },
            { kind: 'charged' },
            { kind: 'discounted', percent: pick([10, 25, 50]) },
            { kind: 'free' },
          ])
          const ended = start + 3 * MINUTE + billed
          const cancellation = {
            reason: 'client_absent',
            feeAssessedTo: 'client',
            cancelledAt: start + 10 * MINUTE,
          }
          insertSession.run(
            `ses_${id}`,
            `req_${id}`,
            client,
            start,
            noShow ? 'cancelled' : 'ended',
            noShow ? 'context' : 'billable',
            start,
            noShow ? null : start,
            noShow ? null : start + 3 * MINUTE,
            noShow ? null : ended,
            noShow ? null : JSON.stringify(outcome),
            noShow ? JSON.stringify(cancellation) : null,
            noShow ? cancellation.cancelledAt : ended,
            newRoomKey(),
            fee,
            expert.id,
          )
          events.append(expert.id, 'session.updated', { session: store.session(`ses_${id}`) })
          added++
        }
      }
      events.append(expert.id, 'expert.updated', { expert: store.expert(expert.id) })
    })
  }
  return added
}
