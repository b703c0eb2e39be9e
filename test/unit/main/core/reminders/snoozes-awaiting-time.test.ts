// Snooze presses an earlier run kept for the platform's time, in a cache rebuilt after damage: the
// cache holds the presses before the platform sends their sessions again.
import { describe, expect, it } from 'vitest'
import type { SnoozeAwaitingTime } from '../../../../../src/main/core/ports/cache-store'
import { SnoozesAwaitingTime } from '../../../../../src/main/core/reminders/snoozes-awaiting-time'
import type { Session } from '../../../../../src/shared/protocol'
import { aSession, FIXTURE_NOW } from '../../../../support/fixtures'

const press: SnoozeAwaitingTime = { sessionId: 'ses_1', bookedStart: FIXTURE_NOW, requestId: 'req_1', at: 1 }

function kept() {
  const sessions = new Map<string, Session>()
  const rows = new Map([[press.sessionId, press]])
  const logged: string[] = []
  const presses = new SnoozesAwaitingTime({
    cache: {
      snoozesAwaitingTime: () => [...rows.values()],
      keepSnoozeAwaitingTime: (row) => void rows.set(row.sessionId, row),
      dropSnoozeAwaitingTime: (id) => void rows.delete(id),
      session: (id) => sessions.get(id) ?? null,
    },
    clock: { now: () => FIXTURE_NOW },
    log: { info: (line) => logged.push(line), warn: () => {}, error: () => {} },
  })
  presses.carryFromEarlierRun()
  const answered: string[] = []
  const answer = () => presses.answerEarlier((p) => (answered.push(p.sessionId), true))
  const sendSession = () => sessions.set('ses_1', aSession({ id: 'ses_1' }))
  return { presses, rows, logged, answered, answer, sendSession }
}

describe('Snooze presses an earlier run kept, their sessions not in the cache yet', () => {
  it('wait for the session, then are answered once', () => {
    const { rows, answered, answer, sendSession } = kept()
    answer()
    expect(answered).toEqual([])
    expect([...rows.keys()]).toEqual(['ses_1'])
    sendSession()
    answer()
    answer()
    expect(answered).toEqual(['ses_1'])
    expect(rows.size).toBe(0)
  })

  it('are dropped, and said so, when the platform’s sessions come without theirs', () => {
    const { presses, rows, logged, answered, answer } = kept()
    presses.cacheChanged({ kind: 'replaced' })
    answer()
    expect(answered).toEqual([])
    expect(rows.size).toBe(0)
    expect(logged).toEqual([expect.stringMatching(/snooze of session ses_1 .* is dropped/)])
  })

  it('stay for a snapshot that brings their session', () => {
    const { presses, answered, answer, sendSession } = kept()
    sendSession()
    presses.cacheChanged({ kind: 'replaced' })
    answer()
    expect(answered).toEqual(['ses_1'])
  })
})
