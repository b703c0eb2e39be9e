// The window's Upcoming when more sessions are booked than it lists: as one listed goes, the next comes.
import { expect, it } from 'vitest'
import type { CacheChange, UpcomingRead } from '../../../src/shared/ipc/contract'
import { UPCOMING_SESSIONS_LISTED } from '../../../src/shared/ipc/list-limits'
import type { StandbyApi } from '../../../src/shared/ipc/standby-api'
import type { Session } from '../../../src/shared/protocol/entities'
import { createAppStore } from '../../../src/renderer/store/app-store'
import type { NoticeStore } from '../../../src/renderer/store/notices'
import { aRequest, aSession, anExpert, FIXTURE_NOW, MINUTE } from '../../support/fixtures'

const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value })
const booked = (n: number): Session =>
  aSession({
    id: `ses_${String(n).padStart(4, '0')}`,
    request: aRequest({ id: `req_${n}` }),
    bookedStart: FIXTURE_NOW + (60 + n) * MINUTE,
    state: 'booked',
  })

/** A page's API over a host holding `all` booked sessions, answering the soonest as the host does. */
function hostOf(all: Session[]) {
  let pushed: (change: CacheChange) => void = () => undefined
  let reads = 0
  const read = (): UpcomingRead => ({
    sessions: all.slice(0, UPCOMING_SESSIONS_LISTED),
    later: all.length > UPCOMING_SESSIONS_LISTED,
  })
  const api = {
    app: {
      getInfo: () => ok({ version: '1', platform: 'linux', protocolVersion: 1, defaultPlatformUrl: null }),
    },
    connection: { getState: () => ok({ status: 'online', since: 1 }), onStateChanged: () => () => undefined },
    cache: { onChanged: (listener: typeof pushed) => ((pushed = listener), () => undefined) },
    settings: { get: () => ok(null), onChanged: () => () => undefined },
    expert: { get: () => ok(anExpert()) },
    invites: { list: () => ok({ open: [], missed: [] }) },
    sessions: { upcoming: () => (reads++, ok(read())) },
  } as unknown as StandbyApi
  return { api, push: (change: CacheChange) => pushed(change), reads: () => reads }
}

it('reads Upcoming again as a listed session ends while later ones are booked, so the next is listed', async () => {
  const all = Array.from({ length: UPCOMING_SESSIONS_LISTED + 1 }, (_, n) => booked(n))
  const host = hostOf(all)
  const store = createAppStore(host.api, { push: () => undefined } as unknown as NoticeStore)
  await store.ready
  expect(store.getSnapshot().upcomingLater).toBe(true)
  const reads = host.reads()

  // The soonest ends: the host's cache no longer lists it, and its push says so.
  const ended = { ...all.shift()!, state: 'ended' as const }
  const filled = new Promise<void>((resolve) => {
    const off = store.subscribe(() => {
      if (store.getSnapshot().upcoming.length < UPCOMING_SESSIONS_LISTED) return
      off()
      resolve()
    })
  })
  host.push({ version: 1, full: false, invites: [], sessions: [ended], messages: [] })
  // Without a read the list stays one short and this never settles: the test's time limit ends it.
  await filled
  expect(host.reads()).toBeGreaterThan(reads)
  const shown = store.getSnapshot().upcoming.map((s) => s.id)
  expect(shown).toHaveLength(UPCOMING_SESSIONS_LISTED)
  expect(shown.at(-1)).toBe(booked(UPCOMING_SESSIONS_LISTED).id)
  expect(store.getSnapshot().upcomingLater).toBe(false)
})
