import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  firstIssue,
  MOST_ITEMS_LOGGED,
  parseReplayPage,
  readStreamEntry,
} from '../../../../../src/main/core/connection/replay-page'
import { MAX_REPLAY_PAGE } from '../../../../../src/shared/protocol'
import { aClient, aSnapshot, anExpert, anInvite, aRequest, inviteCreated } from '../../../../support/fixtures'

const invite = anInvite({ id: 'inv_1', request: aRequest({ id: 'req_1' }) })
const good = inviteCreated(1, invite)

describe('parseReplayPage', () => {
  it('keeps the good events of a page and marks a malformed one by its id with its problem, logging only one with no id', () => {
    const errors: string[] = []
    const page = parseReplayPage(
      {
        kind: 'events',
        events: [good, { id: 2, digest: 'd2', type: 'invite.created', payload: {} }, { type: 'no id' }],
        latestId: 2,
        hasMore: false,
      },
      { error: (m) => errors.push(m) },
    )
    expect(page).toMatchObject({
      kind: 'events',
      entries: [
        good,
        {
          type: 'unreadable',
          id: 2,
          digest: 'd2',
          malformed: true,
          problem: expect.stringMatching(/\S/),
        },
      ],
      unplaced: 1,
      // Its type is none this version knows: as a newer platform's would be.
      unplacedOfUnknownKind: 1,
      latestId: 2,
    })
    // The marker is logged once the cache passes over its id (event-batch.ts), not at each arrival.
    expect(errors).toEqual([expect.stringMatching(/^Ignored an event from the platform with no readable id/)])
  })

  it.each([
    ['a binary payload', true, { ...inviteCreated(2, invite), payload: Buffer.alloc(64) }],
    ['no payload at all', true, { ...inviteCreated(2, invite), payload: undefined }],
    ['a field out of its bounds', true, inviteCreated(2, { ...invite, expiresAt: -1 })],
    [
      'a state this version does not know',
      false,
      inviteCreated(2, { ...invite, state: 'snoozed' as 'open' }),
    ],
    ['a kind this version does not know', false, { id: 2, type: 'payout.sent', payload: {} }],
  ])('tells an event with %s as malformed by the platform: %s', (_, malformed, raw) => {
    const errors: string[] = []
    const entry = readStreamEntry(raw, { error: (m) => errors.push(m) })
    expect(entry).toMatchObject({ type: 'unreadable', id: 2 })
    expect(entry !== null && 'malformed' in entry).toBe(malformed)
    expect(entry).toMatchObject({ problem: expect.stringMatching(/\S/) })
    expect(errors).toEqual([])
  })

  it('reads an invite whose name and title an older platform stored as only what cleaning now drops, shown as U+FFFD', () => {
    // Such an invite failed the schema and was skipped: the expert never saw it.
    const errors: string[] = []
    const log = { error: (m: string) => errors.push(m) }
    const blank = anInvite({
      id: 'inv_blank',
      request: aRequest({ id: 'req_blank', title: '\u2800', client: { ...aClient(1), name: '\u200d' } }),
    })
    const page = parseReplayPage(
      { kind: 'events', events: [inviteCreated(1, blank)], latestId: 1, hasMore: false },
      log,
    )
    const shown = { id: 'inv_blank', request: { title: '\ufffd', client: { name: '\ufffd' } } }
    expect(page).toMatchObject({
      kind: 'events',
      entries: [{ type: 'invite.created', payload: { invite: shown } }],
    })
    const snapshot = parseReplayPage({ kind: 'snapshot', snapshot: aSnapshot({ openInvites: [blank] }) }, log)
    expect(snapshot).toMatchObject({ kind: 'snapshot', skipped: 0, snapshot: { openInvites: [shown] } })
    expect(errors).toEqual([])
  })

  it('reads an invite whose name and title a faulty platform sent empty, live, replayed or in a snapshot, shown as U+FFFD', () => {
    // Such an invite failed the schema and was skipped with a log line: the expert never saw it.
    const errors: string[] = []
    const log = { error: (m: string) => errors.push(m) }
    const empty = anInvite({
      id: 'inv_empty',
      request: aRequest({ id: 'req_empty', title: '', client: { ...aClient(1), name: '' } }),
    })
    const shown = { id: 'inv_empty', request: { title: '\ufffd', client: { name: '\ufffd' } } }
    expect(readStreamEntry(inviteCreated(1, empty), log)).toMatchObject({ payload: { invite: shown } })
    const page = parseReplayPage(
      { kind: 'events', events: [inviteCreated(1, empty)], latestId: 1, hasMore: false },
      log,
    )
    expect(page).toMatchObject({ kind: 'events', entries: [{ payload: { invite: shown } }] })
    const snapshot = parseReplayPage({ kind: 'snapshot', snapshot: aSnapshot({ openInvites: [empty] }) }, log)
    expect(snapshot).toMatchObject({ kind: 'snapshot', skipped: 0, snapshot: { openInvites: [shown] } })
    expect(errors).toEqual([])
  })

  it('reads a snapshot entity by entity: an unreadable invite or profile costs that one, not the snapshot', () => {
    const errors: string[] = []
    const log = { error: (m: string) => errors.push(m) }
    const snapshot = aSnapshot({ openInvites: [invite] })
    const raw = { ...snapshot, openInvites: [...snapshot.openInvites, { id: 'inv_bad' }] }
    const page = parseReplayPage({ kind: 'snapshot', snapshot: raw }, log)
    expect(page).toMatchObject({
      kind: 'snapshot',
      skipped: 1,
      snapshot: { openInvites: [invite] },
    })
    expect(errors).toEqual([expect.stringMatching(/^Skipped an invite in the platform's snapshot/)])

    const cached = anExpert({ name: 'Cached' })
    const noProfile = parseReplayPage(
      { kind: 'snapshot', snapshot: { ...snapshot, expert: { id: 1 } } },
      log,
      () => cached,
    )
    expect(noProfile).toMatchObject({ kind: 'snapshot', skipped: 1, snapshot: { expert: cached } })
    expect(() => parseReplayPage({ kind: 'snapshot', snapshot: { ...snapshot, expert: null } }, log)).toThrow(
      /expert profile cannot be read/,
    )
  })

  it('refuses a snapshot or page whose outline is wrong, with a sentence', () => {
    const log = { error: () => {} }
    expect(() => parseReplayPage({ kind: 'snapshot', snapshot: { cursor: 'x' } }, log)).toThrow(
      /malformed snapshot/,
    )
    expect(() => parseReplayPage({ kind: 'events', events: 'nope' }, log)).toThrow(/malformed replay page/)
    expect(() => parseReplayPage(null, log)).toThrow(/malformed replay page/)
  })

  it('refuses a page whose newest id is not a whole count, rather than rebuilding or asking for ever', () => {
    // 1e999 in the platform's JSON reads as Infinity; -1 would pass for a stream of another history.
    for (const latestId of [Number.POSITIVE_INFINITY, -1, 1.5, Number.NaN, 2 ** 53]) {
      const errors: string[] = []
      expect(() =>
        parseReplayPage(
          { kind: 'events', events: [good], latestId, hasMore: false },
          { error: (m) => errors.push(m) },
        ),
      ).toThrow('The platform sent a malformed replay page')
      expect(errors).toEqual([
        expect.stringMatching(/^The platform sent a malformed replay page \(latestId — /),
      ])
    }
  })

  it('refuses in one line a page of more events than any page holds, rather than reading each', () => {
    const errors: string[] = []
    const log = { error: (m: string) => errors.push(m) }
    const page = { kind: 'events', events: new Array(1_000_000).fill(0), latestId: 2, hasMore: false }
    expect(() => parseReplayPage(page, log)).toThrow('The platform sent a malformed replay page')
    expect(errors).toEqual([expect.stringMatching(/malformed replay page \(events — /)])
    const full = { ...page, events: [good, ...new Array(MAX_REPLAY_PAGE - 1).fill(0)] }
    expect(parseReplayPage(full, log)).toMatchObject({ kind: 'events', entries: [good] })
  })

  it('refuses in one line a snapshot list longer than one message can hold of its entities', () => {
    const snapshot = aSnapshot()
    for (const list of ['openInvites', 'sessions', 'recentMessages']) {
      const errors: string[] = []
      const raw = { ...snapshot, [list]: new Array(500_000).fill({}) }
      expect(() =>
        parseReplayPage({ kind: 'snapshot', snapshot: raw }, { error: (m) => errors.push(m) }),
      ).toThrow('The platform sent a malformed snapshot')
      expect(errors).toEqual([expect.stringMatching(new RegExp(`malformed snapshot \\(${list} — `))])
    }
  })

  it('logs the first few unreadable items of an answer one by one and counts the rest in one line', () => {
    const errors: string[] = []
    const log = { error: (m: string) => errors.push(m) }
    const events = Array.from({ length: MAX_REPLAY_PAGE }, (_, i) => ({ id: `e${i}`, type: 'payout.sent' }))
    const page = parseReplayPage({ kind: 'events', events, latestId: MAX_REPLAY_PAGE, hasMore: false }, log)
    expect(page).toMatchObject({ kind: 'events', unplaced: MAX_REPLAY_PAGE, entries: [] })
    expect(errors).toHaveLength(MOST_ITEMS_LOGGED + 1)
    expect(errors.at(-1)).toBe(
      `${MAX_REPLAY_PAGE - MOST_ITEMS_LOGGED} more items of the same answer could not be read either`,
    )

    errors.length = 0
    const raw = { ...aSnapshot({ openInvites: [invite] }), sessions: new Array(2_000).fill(0) }
    const snapshot = parseReplayPage({ kind: 'snapshot', snapshot: raw }, log)
    expect(snapshot).toMatchObject({ kind: 'snapshot', skipped: 2_000, snapshot: { openInvites: [invite] } })
    expect(errors).toHaveLength(MOST_ITEMS_LOGGED + 1)
  })

  it("quotes, escapes and bounds a key the platform chose, as a page's is, so it cannot forge or flood a log line", () => {
    const hostile = ['\u202eevil', 'x\n[error] forged', 'k'.repeat(10_000)]
    for (const key of hostile) {
      // No schema of the protocol reads the platform's keys today; a map of them, or one that
      // refuses keys it does not know, would put them in the path or in the message.
      for (const schema of [z.record(z.string(), z.number()), z.strictObject({})]) {
        const parsed = schema.safeParse({ [key]: 'x' })
        if (parsed.success) throw new Error('expected a problem')
        const line = `The platform sent a malformed snapshot (${firstIssue(parsed.error)})`
        expect(line).not.toMatch(/[\n\u202e]/)
        expect(line.length).toBeLessThan(300)
        expect(line).toContain(
          key.startsWith('k') ? 'kkk' : key.startsWith('x') ? '\\n[error] forged' : '\\u{202e}',
        )
      }
    }
  })
})
