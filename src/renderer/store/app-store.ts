/**
 * Everything the window shows that comes from the app: the connection, the expert, invites,
 * upcoming sessions and settings. It subscribes to the pushes before the first render (a push can
 * arrive before any effect runs), merges each `cache.changed` into the lists without asking the
 * host, and reads everything only at start, on (re)connect, and when a push says `full` or one was
 * lost. Two reads of the lists never overlap, and a read never undoes a push that arrived while it
 * was on its way. Components read it through hooks and never call IPC to render.
 */
import type { AppInfo, AppSettings, CacheChange, InviteLists } from '../../shared/ipc/contract'
import type { StandbyApi } from '../../shared/ipc/standby-api'
import { UPCOMING_SESSIONS_LISTED } from '../../shared/ipc/list-limits'
import type { ConnectionState } from '../../shared/connection-state'
import type { FirstFrameData } from '../../shared/first-frame'
import type { Expert, Session } from '../../shared/protocol/entities'
import { withChange, type CachedLists } from '../logic/cache-change'
import { closedInviteNotices } from '../logic/invite-changes'
import { noticeText, theirs, type NoticeStore } from './notices'
import { createValueStore, readableOf, type ReadableStore } from './value-store'

/** The window's data. */
export interface AppState {
  /** False until the first read of everything has answered. */
  readonly loaded: boolean
  readonly info: AppInfo | null
  readonly connection: ConnectionState
  readonly expert: Expert | null
  readonly invites: InviteLists
  /** Booked and live sessions, soonest first. */
  readonly upcoming: ReadonlyArray<Session>
  /** Whether later sessions are booked than those in `upcoming`, which the host reads only so far. */
  readonly upcomingLater: boolean
  readonly settings: AppSettings | null
  /** Why the last read failed, if it did; the lists then show what was read before. */
  readonly readError: string | null
}

/** The store plus the few writes that change what it holds. */
export interface AppStore extends ReadableStore<AppState> {
  /** Settles after the first complete read. */
  readonly ready: Promise<void>
  /** Read everything again, as after a reconnection that may have lost pushes. */
  reload(): Promise<void>
  /** Read the cached lists again. */
  refreshLists(): Promise<void>
  /** Read the settings again (after sign-in, which records the platform). */
  refreshSettings(): Promise<void>
  /** Store settings the host answered with. */
  setSettings(settings: AppSettings): void
  /**
   * Calls `listener` each time the pushes cannot be followed and the cache is read whole again
   * (a reconnection, a `full` push, a lost push), so views holding their own reads do the same.
   */
  onReread(listener: () => void): () => void
}

const EMPTY_INVITES: InviteLists = { open: [], missed: [] }

/** Before the first read: nothing to show yet. */
const NOT_LOADED: AppState = {
  loaded: false,
  info: null,
  connection: { status: 'connecting' },
  expert: null,
  invites: EMPTY_INVITES,
  upcoming: [],
  upcomingLater: false,
  settings: null,
  readError: null,
}

/** The state a pre-rendered first frame was rendered from: already loaded. */
export function stateOfFrame(frame: FirstFrameData): AppState {
  const { info, connection, expert, invites, upcoming, upcomingLater, settings } = frame
  return {
    loaded: true,
    info,
    connection,
    expert,
    invites,
    upcoming,
    upcomingLater,
    settings,
    readError: null,
  }
}

/**
 * Subscribe and start the first reads at once. Given the data of a pre-rendered first frame, the
 * store starts from it (so the first render matches the frame) and the reads bring it up to date.
 */
export function createAppStore(api: StandbyApi, notices: NoticeStore, frame?: FirstFrameData): AppStore {
  const store = createValueStore<AppState>(frame === undefined ? NOT_LOADED : stateOfFrame(frame))
  const patch = (changes: Partial<AppState>): void => store.set({ ...store.getSnapshot(), ...changes })
  // Bumped by every connection push and every read of it asked: only the latest is shown.
  let connectionChanges = 0

  api.connection.onStateChanged((connection) => {
    connectionChanges++
    const wasSignedOut = store.getSnapshot().connection.status === 'signed_out'
    if (connection.status !== 'signed_out') patch({ connection })
    // At once, not after the host's next read: the next expert at the computer (or a read that
    // fails) must not be shown the lists of the one who is gone.
    else patch({ connection, expert: null, invites: EMPTY_INVITES, upcoming: [], upcomingLater: false })
    if (wasSignedOut && connection.status !== 'signed_out') void reread()
  })
  api.cache.onChanged(onCacheChanged)
  // Bumped by every settings push, write and read asked: a read that answers after any of them
  // carries settings older than those shown, and is dropped.
  let settingsChanges = 0
  const setSettings = (settings: AppSettings): void => {
    settingsChanges++
    patch({ settings })
  }
  // A change made in the other window (the popover reads the reminders setting too).
  api.settings.onChanged(setSettings)

  // The last push's version: a smaller or equal one is a repeat, a larger gap means pushes were lost.
  let lastVersion: number | null = null
  // Pushes since the current read started: its answer may predate them, so they go on top of it.
  let sinceRead: CacheChange[] = []

  function onCacheChanged(change: CacheChange): void {
    const previous = lastVersion
    if (previous !== null && change.version <= previous) return
    lastVersion = change.version
    if (change.full || (previous !== null && change.version !== previous + 1)) {
      void reread()
      return
    }
    if (reading !== undefined) sinceRead.push(change)
    const next = withChange(store.getSnapshot(), change)
    show(next)
    // The host lists the soonest sessions only: as one of those goes, the next booked comes from a read.
    const short = next.upcomingLater && next.upcoming.length < UPCOMING_SESSIONS_LISTED
    if (short && change.sessions.length > 0) void refreshLists()
  }

  /** Show new lists, announcing the open invites that someone else's action closed. */
  function show(next: CachedLists, extra: Partial<AppState> = {}): void {
    const before = store.getSnapshot()
    // Another expert's lists are not what became of the gone one's invites: the next expert at
    // the computer is not told that the gone one's client's request was taken.
    const sameExpert = before.expert === null || before.expert.id === next.expert?.id
    const closed = sameExpert
      ? closedInviteNotices(before.invites.open, next.invites.open, next.invites.missed)
      : []
    for (const notice of closed) notices.push(noticeText`${notice.label}: ${theirs(notice.title)}`, 'warning')
    const { expert, invites, upcoming, upcomingLater } = next
    patch({ ...extra, expert, invites, upcoming, upcomingLater })
  }

  const rereads = new Set<() => void>()
  function reread(): Promise<void> {
    for (const listener of [...rereads]) listener()
    return refreshLists()
  }

  // One read at a time. A read asked while one is on its way waits for one more read after it,
  // shared by every caller asking meanwhile: the one on its way may have been asked before what
  // the caller knows (an invite a notification names, a sign-in), so its answer cannot say the
  // caller's item is gone.
  let reading: Promise<void> | undefined
  let next: Promise<void> | undefined
  function refreshLists(): Promise<void> {
    // Between the end of one read and the start of the next, callers join the next.
    if (next !== undefined) return next
    if (reading === undefined) return startRead()
    const after = (): Promise<void> => {
      next = undefined
      return startRead()
    }
    // After the one on its way however it ends: a failed read must not leave every later one waiting on it.
    next = reading.then(after, after)
    return next
  }

  function startRead(): Promise<void> {
    sinceRead = []
    reading = readLists().finally(() => {
      reading = undefined
    })
    return reading
  }

  async function readLists(): Promise<void> {
    const [expert, invites, upcoming] = await Promise.all([
      api.expert.get(),
      api.invites.list(),
      api.sessions.upcoming(),
    ])
    const failed = [expert, invites, upcoming].find((result) => !result.ok)
    const before = store.getSnapshot()
    let next: CachedLists = {
      expert: expert.ok ? expert.value : before.expert,
      invites: invites.ok ? invites.value : before.invites,
      upcoming: upcoming.ok ? upcoming.value.sessions : before.upcoming,
      upcomingLater: upcoming.ok ? upcoming.value.later : before.upcomingLater,
    }
    for (const change of sinceRead.splice(0)) next = withChange(next, change)
    show(next, { readError: failed && !failed.ok ? failed.error.message : null })
  }

  async function refreshSettings(): Promise<void> {
    const asked = ++settingsChanges
    const settings = await api.settings.get()
    if (settings.ok && asked === settingsChanges) patch({ settings: settings.value })
  }

  async function readAll(): Promise<void> {
    // After a reconnection the host may be a new one, counting its pushes afresh.
    lastVersion = null
    const asked = ++connectionChanges
    const [info, connection] = await Promise.all([
      api.app.getInfo(),
      api.connection.getState(),
      refreshLists(),
      refreshSettings(),
    ])
    patch({
      loaded: true,
      info: info.ok ? info.value : store.getSnapshot().info,
      // A push, or a later read's answer, is newer than this answer.
      ...(connection.ok && asked === connectionChanges ? { connection: connection.value } : {}),
    })
  }
  const ready = readAll()

  return {
    ...readableOf(store),
    ready,
    reload: () => {
      for (const listener of [...rereads]) listener()
      return readAll()
    },
    refreshLists,
    refreshSettings,
    setSettings,
    onReread(listener) {
      rereads.add(listener)
      return () => rereads.delete(listener)
    },
  }
}
