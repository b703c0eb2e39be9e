import { describe, expect, it } from 'vitest'
import { comesAfter, type HistoryCursor } from '../../../src/shared/rules/history-order'
import type { ConnectionState } from '../../../src/shared/connection-state'
import type { AppSettings, CacheChange } from '../../../src/shared/ipc/contract'
import type { StandbyApi } from '../../../src/shared/ipc/standby-api'
import type { Invite, Session } from '../../../src/shared/protocol/entities'
import { createAppStore } from '../../../src/renderer/store/app-store'
import { createHistoryStore } from '../../../src/renderer/store/history-store'
import { reloadServices } from '../../../src/renderer/store/services'
import { createValueStore } from '../../../src/renderer/store/value-store'
import { noticeSentence, type NoticeStore, type NoticeText } from '../../../src/renderer/store/notices'
import { aRequest, aSession, anExpert, anInvite, FIXTURE_NOW, MINUTE } from '../../support/fixtures'

const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value })

/** Sessions at FIXTURE_NOW - n minutes, most recent first. */
function past(count: number, offset = 0): Session[] {
  return Array.from({ length: count }, (_, i) =>
    aSession({
      id: `ses_${i + offset}`,
      request: aRequest({ id: `req_${i + offset}` }),
      bookedStart: FIXTURE_NOW - (i + offset + 1) * MINUTE,
      state: 'ended',
    }),
  )
}

function historyApi(all: Session[]) {
  const calls: Array<{ limit: number; after?: HistoryCursor }> = []
  const api = {
    sessions: {
      history: (request: { limit: number; after?: HistoryCursor }) => {
        calls.push(request)
        const rows = all.filter((s) => request.after === undefined || comesAfter(s, request.after))
        return ok({ sessions: rows.slice(0, request.limit), more: rows.length > request.limit })
      },
    },
  } as unknown as Pick<StandbyApi, 'sessions'>
  return { api, calls }
}

describe('the history store', () => {
  it('reads page after page by booked start until a short page', async () => {
    const { api, calls } = historyApi(past(25))
    const store = createHistoryStore(api, 10)
    await store.loadMore()
    await store.loadMore()
    await store.loadMore()
    expect(store.getSnapshot().rows.map((s) => s.id)).toEqual(past(25).map((s) => s.id))
    expect(store.getSnapshot().hasMore).toBe(false)
    expect(calls[1]).toEqual({ limit: 10, after: { start: past(25)[9]!.bookedStart, id: past(25)[9]!.id } })
    await store.loadMore()
    expect(calls).toHaveLength(3)
  })

  it('refreshes the newest page and keeps the older rows already loaded', async () => {
    const sessions = past(25)
    const { api } = historyApi(sessions)
    const store = createHistoryStore(api, 10)
    await store.loadMore()
    await store.loadMore()
    const newest = aSession({
      id: 'ses_new',
      request: aRequest({ id: 'req_new' }),
      bookedStart: FIXTURE_NOW,
      state: 'ended',
    })
    sessions.unshift(newest)
    await store.refresh()
    const ids = store.getSnapshot().rows.map((s) => s.id)
    expect(ids[0]).toBe('ses_new')
    expect(ids).toHaveLength(21)
    expect(new Set(ids).size).toBe(ids.length)
    expect(store.getSnapshot().hasMore).toBe(true)
  })
})

const SETTINGS = { platformUrl: null, remindersEnabled: true, soundEnabled: true, launchAtLogin: false }

/** A cache change carrying `invites` (and nothing else). */
const change = (version: number, invites: Invite[] = [], full = false): CacheChange => ({
  version,
  full,
  invites,
  sessions: [],
  messages: [],
})

/** An app API over `invites`, with the pushes a test can play and a count of the calls made. */
function appApi(
  lists: () => { open: Invite[]; missed: Invite[] } | Promise<{ open: Invite[]; missed: Invite[] }>,
) {
  const calls: string[] = []
  const pushes = {
    cacheChanged: (_change: CacheChange): void => undefined,
    settingsChanged: (_settings: typeof SETTINGS): void => undefined,
    stateChanged: (_state: ConnectionState): void => undefined,
  }
  const api = {
    app: {
      getInfo: () => ok({ version: '1', platform: 'linux', protocolVersion: 1, defaultPlatformUrl: null }),
    },
    connection: {
      getState: () => ok({ status: 'online', since: 1 }),
      onStateChanged: (listener: (state: ConnectionState) => void) => {
        pushes.stateChanged = listener
        return () => undefined
      },
    },
    cache: {
      onChanged: (listener: (change: CacheChange) => void) => {
        pushes.cacheChanged = listener
        return () => undefined
      },
    },
    expert: { get: () => (calls.push('expert.get'), ok(anExpert())) },
    invites: { list: async () => (calls.push('invites.list'), { ok: true as const, value: await lists() }) },
    sessions: { upcoming: () => (calls.push('sessions.upcoming'), ok({ sessions: [], later: false })) },
    settings: {
      get: () => ok(SETTINGS),
      onChanged: (listener: (settings: typeof SETTINGS) => void) => {
        pushes.settingsChanged = listener
        return () => undefined
      },
    },
  } as unknown as StandbyApi
  return { api, pushes, calls }
}

describe('the app store', () => {
  it('shows an invite pushed by cache.changed without asking the host', async () => {
    const { api, pushes, calls } = appApi(() => ({ open: [], missed: [] }))
    const store = createAppStore(api, { push: () => undefined } as unknown as NoticeStore)
    await store.ready
    calls.length = 0
    pushes.cacheChanged(change(1, [anInvite({ id: 'inv_new' })]))
    expect(store.getSnapshot().invites.open.map((i) => i.id)).toEqual(['inv_new'])
    expect(calls).toEqual([])
  })

  it('keeps a pushed invite when a read that started before it answers after it', async () => {
    let answer: (lists: { open: Invite[]; missed: Invite[] }) => void = () => undefined
    let held = false
    const { api, pushes } = appApi(() =>
      held ? new Promise((resolve) => (answer = resolve)) : { open: [], missed: [] },
    )
    const store = createAppStore(api, { push: () => undefined } as unknown as NoticeStore)
    await store.ready
    held = true
    const reading = store.refreshLists()
    pushes.cacheChanged(change(1, [anInvite({ id: 'inv_new' })]))
    answer({ open: [], missed: [] })
    await reading
    expect(store.getSnapshot().invites.open.map((i) => i.id)).toEqual(['inv_new'])
  })

  it('answers a read asked while another is on its way only from a read that started after the ask', async () => {
    // The host's cache gets an invite while the page's first read is on its way; a notification
    // naming it asks for the lists before that read answers without it.
    const answers: Array<(lists: { open: Invite[]; missed: Invite[] }) => void> = []
    const { api } = appApi(() => new Promise((resolve) => answers.push(resolve)))
    const store = createAppStore(api, { push: () => undefined } as unknown as NoticeStore)
    let settled = false
    const asked = store.refreshLists().then(() => (settled = true))
    const alsoAsked = store.refreshLists()
    answers[0]!({ open: [], missed: [] })
    await store.ready
    expect(settled).toBe(false)
    expect(answers).toHaveLength(2)
    answers[1]!({ open: [anInvite({ id: 'inv_new' })], missed: [] })
    await Promise.all([asked, alsoAsked])
    expect(store.getSnapshot().invites.open.map((i) => i.id)).toEqual(['inv_new'])
    // Both asks shared the one read after the first.
    expect(answers).toHaveLength(2)
  })

  it('keeps settings pushed or saved while a read of them was on its way, not the read’s older answer', async () => {
    const { api, pushes } = appApi(() => ({ open: [], missed: [] }))
    const store = createAppStore(api, { push: () => undefined } as unknown as NoticeStore)
    // The other window turned the sound off while the first read was on its way.
    pushes.settingsChanged({ ...SETTINGS, soundEnabled: false })
    await store.ready
    expect(store.getSnapshot().settings?.soundEnabled).toBe(false)
    const reading = store.refreshSettings()
    store.setSettings({ ...SETTINGS, soundEnabled: false, remindersEnabled: false } as AppSettings)
    await reading
    expect(store.getSnapshot().settings).toMatchObject({ soundEnabled: false, remindersEnabled: false })
  })

  it('shows the connection of the latest read when two reads of everything answer out of order', async () => {
    const { api } = appApi(() => ({ open: [], missed: [] }))
    const answers: Array<(state: ConnectionState) => void> = []
    Object.assign(api.connection, {
      getState: () =>
        new Promise((resolve) => answers.push((value) => resolve({ ok: true as const, value }))),
    })
    const store = createAppStore(api, { push: () => undefined } as unknown as NoticeStore)
    const reloaded = store.reload()
    answers[1]!({ status: 'online', since: 2 })
    await reloaded
    answers[0]!({ status: 'connecting' })
    await store.ready
    expect(store.getSnapshot().connection).toEqual({ status: 'online', since: 2 })
  })

  it('reads everything again when a push says full or one was lost, and drops a repeat', async () => {
    let open: Invite[] = []
    const { api, pushes, calls } = appApi(() => ({ open, missed: [] }))
    const store = createAppStore(api, { push: () => undefined } as unknown as NoticeStore)
    let rereads = 0
    store.onReread(() => rereads++)
    await store.ready
    calls.length = 0
    pushes.cacheChanged(change(1))
    pushes.cacheChanged(change(1, [anInvite({ id: 'inv_repeat' })]))
    expect(store.getSnapshot().invites.open).toEqual([])
    expect(calls).toEqual([])
    open = [anInvite({ id: 'inv_lost' })]
    pushes.cacheChanged(change(3))
    await store.refreshLists()
    expect(store.getSnapshot().invites.open.map((i) => i.id)).toEqual(['inv_lost'])
    calls.length = 0
    open = [anInvite({ id: 'inv_full' })]
    pushes.cacheChanged(change(4, [], true))
    await store.refreshLists()
    expect(calls).toContain('invites.list')
    expect(store.getSnapshot().invites.open.map((i) => i.id)).toEqual(['inv_full'])
    // Views holding their own reads (a message thread) were told each time.
    expect(rereads).toBe(2)
  })

  it('announces an open invite taken by someone else, once', async () => {
    let invites: { open: Invite[]; missed: Invite[] } = {
      open: [anInvite({ id: 'inv_1', request: aRequest({ title: 'Hooks' }) })],
      missed: [],
    }
    const { api, pushes } = appApi(() => invites)
    const shown: string[] = []
    const notices = { push: (text: NoticeText) => shown.push(noticeSentence(text)) } as unknown as NoticeStore
    const store = createAppStore(api, notices)
    await store.ready
    expect(store.getSnapshot()).toMatchObject({ loaded: true, connection: { status: 'online' } })
    expect(store.getSnapshot().invites.open).toHaveLength(1)

    const taken: Invite = { ...invites.open[0]!, state: 'taken' }
    invites = { open: [], missed: [taken] }
    pushes.cacheChanged(change(1, [taken]))
    pushes.cacheChanged(change(2, [taken]))
    await store.refreshLists()
    expect(shown).toEqual(['Taken by another expert: Hooks'])
    expect(store.getSnapshot().invites.missed).toHaveLength(1)
  })

  it('signed out: the lists of the expert who is gone leave at once, and are read again at the next sign-in', async () => {
    let open = [anInvite({ id: 'inv_ada' })]
    const { api, pushes, calls } = appApi(() => ({ open, missed: [] }))
    const shown: string[] = []
    const store = createAppStore(api, { push: (text: string) => shown.push(text) } as unknown as NoticeStore)
    await store.ready
    expect(store.getSnapshot().invites.open).toHaveLength(1)
    calls.length = 0
    pushes.stateChanged({ status: 'signed_out', reason: null })
    expect(store.getSnapshot()).toMatchObject({
      expert: null,
      invites: { open: [], missed: [] },
      upcoming: [],
    })
    expect(calls).toEqual([])
    open = [anInvite({ id: 'inv_bea' })]
    pushes.stateChanged({ status: 'connecting' })
    await store.refreshLists()
    expect(store.getSnapshot().invites.open.map((i) => i.id)).toEqual(['inv_bea'])
    // Gone with its expert, not closed by anyone: nothing is announced.
    expect(shown).toEqual([])
  })

  it('shows settings changed in the other window', async () => {
    const { api, pushes } = appApi(() => ({ open: [], missed: [] }))
    const store = createAppStore(api, { push: () => undefined } as unknown as NoticeStore)
    await store.ready
    expect(store.getSnapshot().settings?.remindersEnabled).toBe(true)
    pushes.settingsChanged({ ...SETTINGS, remindersEnabled: false })
    expect(store.getSnapshot().settings?.remindersEnabled).toBe(false)
  })
})

describe('reading everything again after a reconnection', () => {
  it('shows what changed on the host while its pushes were lost', async () => {
    let open: Invite[] = []
    const { api } = appApi(() => ({ open, missed: [] }))
    const store = createAppStore(api, { push: () => undefined } as unknown as NoticeStore)
    await store.ready
    // The host moved on while the page's link was down: no push told the page.
    open = [anInvite({ id: 'inv_2' })]
    Object.assign(api.connection, { getState: () => ok({ status: 'offline', reason: 'network', since: 2 }) })
    Object.assign(api.settings, { get: () => ok({ ...SETTINGS, soundEnabled: false }) })
    const history = createHistoryStore(historyApi(past(3)).api)
    let healthReads = 0
    const notifications = { refresh: () => Promise.resolve(void healthReads++) }
    await reloadServices({
      app: store,
      history,
      clock: { refresh: () => Promise.resolve() },
      notifications,
      updates: { refresh: () => Promise.resolve() },
    } as never)
    expect(store.getSnapshot()).toMatchObject({
      connection: { status: 'offline' },
      settings: { soundEnabled: false },
      invites: { open: [{ id: 'inv_2' }] },
    })
    expect(history.getSnapshot().rows).toHaveLength(3)
    expect(healthReads).toBe(1)
  })
})

describe('a value store', () => {
  it('keeps the value it started with for hydration, while readers see the current one', () => {
    const store = createValueStore({ now: 1 })
    const first = store.getSnapshot()
    store.set({ now: 2 })
    expect(store.getSnapshot()).toEqual({ now: 2 })
    expect(store.getServerSnapshot()).toBe(first)
  })
})
