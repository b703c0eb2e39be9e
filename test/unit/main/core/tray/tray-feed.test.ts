import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../../../src/shared/clock'
import { PlatformClock } from '../../../../../src/main/core/platform-clock/platform-clock'
import type { TrayStatus } from '../../../../../src/main/core/ports/tray-state'
import { createPowerHook } from '../../../../../src/main/node/adapters/power-hook'
import { createTrayFeed, type TraySource } from '../../../../../src/main/core/tray/tray-feed'
import type { TrayView } from '../../../../../src/main/core/tray/tray-view'
import type { Expert, Invite, Session } from '../../../../../src/shared/protocol'
import { shownText } from '../../../../../src/shared/protocol/text'
import { TOOLTIP_MAX } from '../../../../../src/shared/os-limits'
import { useHostZone } from '../../../../support/host-zone'
import { nextValue } from '../../../../support/next-value'

const start = Date.UTC(2026, 0, 5, 14, 0)
const minutes = (n: number): number => n * 60_000

const signedOut: TrayStatus = {
  connection: { status: 'signed_out', reason: null },
  openInvites: 0,
  statusLine: 'Signed out',
}
const online = (openInvites = 0, notificationWarning: string | null = null): TrayStatus => ({
  connection: { status: 'online', since: 0 },
  openInvites,
  notificationWarning,
  statusLine: openInvites === 0 ? 'Online' : `Online · ${openInvites} open invites`,
})

const expert = { availability: 'online', availabilityCause: 'chosen', idleMinutes: null } as Expert
const invite = (id: string, title: string): Invite =>
  ({ id, request: { title, kind: 'instant' } }) as unknown as Invite
const session = (bookedStart: number, state: Session['state'] = 'booked'): Session =>
  ({ id: 's1', request: { title: 'Query plan' }, bookedStart, state }) as unknown as Session

function source(state: {
  invites?: Invite[]
  sessions?: Session[]
  expert?: Expert | null
  /** Whether an invite is open at a platform time; every one is unless given. */
  openAt?: (invite: Invite, now: number) => boolean
}): TraySource {
  return {
    expert: () => state.expert ?? expert,
    openInvites: (now, limit) =>
      (state.invites ?? []).filter((i) => state.openAt?.(i, now) ?? true).slice(0, limit),
    openInviteCount: (now) => (state.invites ?? []).filter((i) => state.openAt?.(i, now) ?? true).length,
    // As the cache: booked and live sessions not yet past their grace.
    upcomingSessions: (now, limit) =>
      (state.sessions ?? []).filter((s) => s.bookedStart + minutes(10) > now).slice(0, limit),
  }
}

function feed(clock = new ManualClock(start - minutes(25) - 30_000)) {
  const views: TrayView[] = []
  const trayFeed = createTrayFeed({ initial: signedOut, clock, show: (view) => views.push(view) })
  return { clock, views, trayFeed, last: () => views.at(-1)! }
}

describe('the tray feed', () => {
  it('sums the unread client messages of every thread into one line and the tooltip, and drops it once read', () => {
    const { trayFeed, last } = feed()
    const unread = [
      { requestId: 'r1', count: 2 },
      { requestId: 'r2', count: 1 },
    ]
    trayFeed.follow({ ...source({}), unreadThreads: () => unread }, new ManualClock(start))
    trayFeed.set(online())
    expect(last().unreadMessages).toBe('3 unread messages')
    expect(last().tooltip).toBe('Standby — Online\n3 unread messages')
    unread.splice(0, 1)
    trayFeed.refresh()
    expect(last().unreadMessages).toBe('1 unread message')
    unread.splice(0)
    trayFeed.refresh()
    expect(last()).toMatchObject({ unreadMessages: null, tooltip: 'Standby — Online' })
    trayFeed.set(signedOut)
    expect(last().unreadMessages).toBeNull()
  })

  it('reads the cache once for a run of changes (a flood of messages), and shows how it stands after them', () => {
    const { trayFeed, last } = feed()
    const clock = new ManualClock(start)
    const unread = [{ requestId: 'r1', count: 1 }]
    let reads = 0
    const counting = {
      ...source({}),
      unreadThreads: () => {
        reads++
        return unread
      },
    }
    trayFeed.follow(counting, clock)
    trayFeed.set(online())
    reads = 0
    for (let message = 2; message <= 500; message++) {
      unread[0] = { requestId: 'r1', count: message }
      trayFeed.changed()
    }
    expect(reads).toBe(0)
    clock.advance(0)
    expect(reads).toBe(1)
    expect(last().unreadMessages).toBe('500 unread messages')
    // A later change is read again; one after the feed stopped is not.
    trayFeed.changed()
    trayFeed.stop()
    clock.advance(0)
    expect(reads).toBe(1)
  })

  it('shows the signed-out tray before the core has said anything', () => {
    const { trayFeed, last } = feed()
    trayFeed.refresh()
    expect(last()).toMatchObject({
      icon: 'signed-out',
      statusLine: 'Signed out',
      presence: null,
      badgeCount: 0,
    })
  })

  it('lists the open invites, counts them on the badge, and shows the attention icon', () => {
    const { trayFeed, last } = feed()
    const invites = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => invite(id, `Help ${id}`))
    trayFeed.follow(source({ invites }), new ManualClock(start))
    trayFeed.set(online(7))
    expect(last()).toMatchObject({ icon: 'invite', badgeCount: 7, moreInvites: 2 })
    expect(last().invites).toHaveLength(5)
    expect(last().invites[0]).toEqual({ id: 'a', label: 'Instant: Help a' })
    expect(last().tooltip).toBe('Standby — Online · 7 open invites')
  })

  it('reads only the invites the menu lists, whatever number are open, and counts the rest', () => {
    const { trayFeed, last } = feed()
    const invites = Array.from({ length: 10_000 }, (_, n) => invite(`inv_${n}`, `Help ${n}`))
    let read = 0
    const counting = source({ invites })
    trayFeed.follow(
      {
        ...counting,
        openInvites: (...args) => {
          const listed = counting.openInvites(...args)
          read += listed.length
          return listed
        },
      },
      new ManualClock(start),
    )
    trayFeed.set(online(10_000))
    for (let i = 0; i < 10; i++) trayFeed.refresh()
    expect(last()).toMatchObject({ badgeCount: 10_000, moreInvites: 9_995 })
    expect(last().invites.map((line) => line.id)).toEqual(['inv_0', 'inv_1', 'inv_2', 'inv_3', 'inv_4'])
    // A read of the menu's five at each of the twelve refreshes, not of every open invite.
    expect(read).toBeLessThanOrEqual(12 * 5)
  })

  it('says in the tooltip why the connection failed while it keeps reconnecting, as the window does', () => {
    const { trayFeed, last } = feed()
    trayFeed.follow(source({}), new ManualClock(start))
    const reason = 'Connection lost (frame too large).'
    trayFeed.set({
      connection: {
        status: 'reconnecting',
        nextAttemptAt: start + 5_000,
        attempt: 7,
        reason,
        lastSyncedAt: null,
      },
      openInvites: 0,
      statusLine: 'Reconnecting…',
    })
    expect(last().icon).toBe('reconnecting')
    expect(last().tooltip).toBe(`Standby — Reconnecting…\n${reason} Trying again shortly (attempt 7).`)
    // The menu's line (where the tooltip says the state alone) is the reason alone, the same at every attempt.
    expect(last().reason).toBe(reason)
  })

  it('keeps the next session and the unread messages in the tooltip as the tray cuts it, after a long failed attempt', () => {
    const { clock, trayFeed, last } = feed()
    const unread = [{ count: 2 }]
    trayFeed.follow({ ...source({ sessions: [session(start)] }), unreadThreads: () => unread }, clock)
    const reason =
      "The connection to https://platform.example.com ended before the platform let Standby in (the network connection to the platform failed: transport error). If this goes on, check the platform address, or tell the platform's support."
    trayFeed.set({
      connection: { status: 'offline', nextAttemptAt: start, reason, lastSyncedAt: null },
      openInvites: 0,
      statusLine: 'Offline · never synced',
    })
    // What the tray icon shows: the tooltip within what a Windows tray holds.
    const shown = shownText(last().tooltip, { max: TOOLTIP_MAX, multiline: true }).split('\n')
    expect(shown.slice(0, 3)).toEqual([
      'Standby — Offline · never synced',
      'Query plan · in 26 min',
      '2 unread messages',
    ])
    expect(shown[3]).toMatch(/^The connection to platform\.example\.com ended/)
  })

  it.each([
    [
      'is unreachable',
      ' is unreachable (connection refused). Check the address and your connection.',
      /unreachable \(connection refused\)/,
    ],
    [
      'refused the connection',
      " refused the connection: Account on hold. If this goes on, tell the platform's support.",
      /refused the connection: Account on hold\./,
    ],
  ])(
    'names a long platform address by its host in the tooltip, so the cut keeps what went wrong when it %s',
    (_, rest, wrong) => {
      const { trayFeed, last } = feed()
      trayFeed.follow(source({}), new ManualClock(start))
      const address = 'https://standby-platform.eu-central-1.customer-experts.example.com:8443/tenants/acme'
      trayFeed.set({
        connection: {
          status: 'reconnecting',
          nextAttemptAt: start,
          attempt: 2,
          reason: `The platform at ${address}${rest}`,
          lastSyncedAt: null,
        },
        openInvites: 0,
        statusLine: 'Reconnecting…',
      })
      const shown = shownText(last().tooltip, { max: TOOLTIP_MAX, multiline: true })
      expect(shown).toMatch(wrong)
      expect(shown).toContain('The platform at …customer-experts.example.com:8443')
    },
  )

  it('names a short platform address by its host, keeping the stop after it, in the tooltip and the menu’s reason', () => {
    const { trayFeed, last } = feed()
    trayFeed.follow(source({}), new ManualClock(start))
    trayFeed.set({
      connection: {
        status: 'offline',
        nextAttemptAt: null,
        reason: 'See https://status.example.com/today.',
        lastSyncedAt: null,
      },
      openInvites: 0,
      statusLine: 'Offline',
    })
    expect(last().tooltip).toBe('Standby — Offline\nSee status.example.com.')
    expect(last().reason).toBe('See status.example.com.')
    trayFeed.set({ connection: { status: 'connecting' }, openInvites: 0, statusLine: 'Connecting…' })
    expect(last().reason).toBeNull()
  })

  it('says in the tooltip why the expert was signed out, what to update, and how to get notifications back', () => {
    const { trayFeed, last } = feed()
    trayFeed.follow(source({}), new ManualClock(start))
    const refused = 'The platform no longer accepts this sign-in (it was revoked). Sign in again.'
    trayFeed.set({
      connection: { status: 'signed_out', reason: refused },
      openInvites: 0,
      statusLine: 'Signed out · sign in to receive invites',
    })
    expect(last().tooltip).toBe(`Standby — Signed out · sign in to receive invites\n${refused}`)
    const update = 'The platform needs a newer Standby: update it from the download page.'
    trayFeed.set({
      connection: { status: 'incompatible', message: update },
      openInvites: 0,
      statusLine: 'Update needed · cannot connect',
    })
    expect(last().tooltip).toBe(`Standby — Update needed · cannot connect\n${update}`)
    const advice = 'Notifications are off for Standby in System Settings'
    trayFeed.set(online(0, advice))
    expect(last().tooltip.split('\n')).toEqual([expect.stringContaining('Online'), advice])
  })

  it('shows silenced notifications on the icon while the expert takes invites', () => {
    const { trayFeed, last } = feed()
    trayFeed.follow(source({}), new ManualClock(start))
    trayFeed.set(online(0, 'Notifications are off for Standby in System Settings'))
    expect(last().icon).toBe('silenced')
    trayFeed.set(online(0, null))
    expect(last().icon).toBe('online')
  })

  it('counts the next session down each minute on the platform clock, and stops at its end', () => {
    const { clock, trayFeed, views, last } = feed()
    const sessions = [session(start)]
    trayFeed.follow(source({ sessions }), clock)
    trayFeed.set(online())
    expect(last().nextSession).toMatchObject({ id: 's1', label: 'Query plan · in 26 min' })
    expect(last().tooltip).toBe('Standby — Online\nQuery plan · in 26 min')
    clock.advance(30_000)
    expect(last().nextSession?.label).toBe('Query plan · in 25 min')
    clock.advance(minutes(24))
    expect(last().nextSession?.label).toBe('Query plan · in 1 min')
    clock.advance(minutes(1))
    expect(last().nextSession?.label).toBe('Query plan · starting now')
    // Past the grace the cache lets it go, and the timer with it.
    clock.advance(minutes(10))
    expect(last().nextSession).toBeNull()
    expect(clock.pendingTimers).toBe(0)
    const shown = views.length
    clock.advance(minutes(60))
    expect(views).toHaveLength(shown)
  })

  it('runs no timer without an upcoming session; for a live one, one until it is left long ago, then none', () => {
    const { clock, trayFeed } = feed()
    trayFeed.follow(source({}), clock)
    trayFeed.set(online())
    expect(clock.pendingTimers).toBe(0)
    const live = feed()
    live.trayFeed.follow(source({ sessions: [session(start, 'live')] }), live.clock)
    live.trayFeed.set(online())
    expect(live.last().nextSession?.label).toBe('Query plan · in session')
    expect(live.clock.pendingTimers).toBe(1)
    live.clock.advanceTo(start + minutes(3 * 60))
    expect(live.clock.pendingTimers).toBe(0)
  })

  it('stops its timer when told to', () => {
    const { clock, trayFeed } = feed()
    trayFeed.follow(source({ sessions: [session(start)] }), clock)
    trayFeed.set(online())
    expect(clock.pendingTimers).toBe(1)
    trayFeed.stop()
    expect(clock.pendingTimers).toBe(0)
  })

  it('reads and shows nothing once stopped, as the cache closes behind it', () => {
    const { clock, trayFeed, views } = feed()
    const closed: TraySource = {
      expert: () => expert,
      openInvites: () => [],
      openInviteCount: () => 0,
      upcomingSessions: () => [session(start)],
    }
    trayFeed.follow(closed, clock)
    trayFeed.set(online())
    const shown = views.length
    trayFeed.stop()
    closed.upcomingSessions = () => {
      throw new TypeError('The database connection is not open')
    }
    expect(() => trayFeed.set({ ...online(), statusLine: 'Offline' })).not.toThrow()
    expect(() => trayFeed.refresh()).not.toThrow()
    expect(views).toHaveLength(shown)
  })

  it('a read of the cache that fails (a damaged file) is logged, the last view kept, and the next change read again', () => {
    const views: TrayView[] = []
    const logged: unknown[] = []
    const failing = new ManualClock(start)
    const reads = source({ invites: [invite('a', 'First')], sessions: [session(start + minutes(30))] })
    const { openInvites } = reads
    const fed = createTrayFeed({
      initial: signedOut,
      clock: failing,
      show: (view) => views.push(view),
      log: { error: (...args: unknown[]) => logged.push(args) },
    })
    fed.follow(reads, failing)
    fed.set(online(1))
    const shown = views.length
    reads.openInvites = () => {
      throw new Error('database disk image is malformed')
    }
    // From a timer, where a throw would be the app's uncaught error.
    fed.changed()
    expect(() => failing.advance(0)).not.toThrow()
    expect(() => fed.set(online(2))).not.toThrow()
    expect(views).toHaveLength(shown)
    expect(logged).toHaveLength(1)
    // The countdown still moves on once the cache reads again.
    reads.openInvites = openInvites
    failing.advance(minutes(1))
    expect(views.at(-1)?.statusLine).toBe('Online · 2 open invites')
  })

  it('a drawing of the tray that fails is logged as such and drawn again at the next refresh, with nothing changed', () => {
    const views: TrayView[] = []
    const logged: unknown[][] = []
    const clock = new ManualClock(start)
    let drawing = false
    const fed = createTrayFeed({
      initial: signedOut,
      clock,
      show: (view) => {
        if (!drawing) throw new TypeError('Object has been destroyed')
        views.push(view)
      },
      log: { error: (...args: unknown[]) => logged.push(args) },
    })
    expect(() => fed.set(online(1))).not.toThrow()
    expect(logged.map(([message]) => message)).toEqual([
      'The tray could not be drawn; it shows what it last drew, and is drawn again soon',
    ])
    drawing = true
    clock.advance(minutes(1))
    expect(views.map((v) => v.statusLine)).toEqual(['Online · 1 open invites'])
  })

  it('shows nothing of the cache once signed out', () => {
    const { trayFeed, last } = feed()
    trayFeed.follow(
      source({ invites: [invite('a', 'x')], sessions: [session(start)] }),
      new ManualClock(start),
    )
    trayFeed.set({ ...signedOut, openInvites: 1 })
    expect(last()).toMatchObject({ invites: [], nextSession: null, presence: null, badgeCount: 0 })
  })

  it('shows the availability with why and whether the toggle is on', () => {
    const { trayFeed, last } = feed()
    const away = { availability: 'away', availabilityCause: 'idle', idleMinutes: 10 } as Expert
    trayFeed.follow(source({ expert: away }), new ManualClock(start))
    trayFeed.set(online())
    expect(last()).toMatchObject({
      icon: 'away',
      presence: { label: 'Away — idle for 10 min', online: false, changeable: true },
    })
  })

  it('in a live session: busy, and the toggle cannot be picked, since a choice would replace the availability the platform puts back when it ends', () => {
    const { trayFeed, last } = feed()
    const inSession = { availability: 'busy', availabilityCause: 'session', idleMinutes: null } as Expert
    trayFeed.follow(source({ expert: inSession }), new ManualClock(start))
    trayFeed.set(online())
    expect(last().presence).toEqual({
      label: 'Busy — in a session (your availability comes back when it ends)',
      online: false,
      changeable: false,
    })
    // A busy the expert chose is theirs to change.
    trayFeed.follow(
      source({ expert: { ...inSession, availabilityCause: 'chosen' } as Expert }),
      new ManualClock(start),
    )
    trayFeed.set(online())
    expect(last().presence).toEqual({ label: 'Busy', online: false, changeable: true })
  })

  it('offline: the availability is the last synced one, and the toggle waits for the connection', () => {
    const { trayFeed, last } = feed()
    trayFeed.follow(source({}), new ManualClock(start))
    trayFeed.set({
      connection: { status: 'offline', nextAttemptAt: null, reason: 'No network.', lastSyncedAt: 0 },
      openInvites: 0,
      statusLine: 'Offline',
    })
    expect(last().presence).toEqual({
      label: 'Online (as last synced; change it once online)',
      online: true,
      changeable: false,
    })
    trayFeed.set(online())
    expect(last().presence).toEqual({ label: 'Online', online: true, changeable: true })
  })
})

describe('the tray feed on the platform’s clock', () => {
  it('keeps an invite seen expired, and its thread’s unread messages, out of the menu when the estimate of the platform’s clock moves back', () => {
    const local = new ManualClock(start)
    const platform = new PlatformClock(local, createPowerHook(), {
      info: () => {},
      warn: () => {},
      error: () => {},
    })
    /** One answer from a platform whose clock is `aheadMs` ahead of this computer's. */
    const answer = (aheadMs: number): void => {
      const reading = platform.reading()
      platform.record({ sent: reading, received: reading, serverTime: local.now() + aheadMs })
    }
    answer(0)
    const expiresAt = start + minutes(2)
    const expiring = { ...invite('i1', 'Quick question'), expiresAt }
    const { trayFeed, last } = feed()
    const openAt = (i: Invite, now: number): boolean => now < i.expiresAt
    trayFeed.follow(
      {
        ...source({ invites: [expiring], openAt }),
        // As the cache: an invite's thread counts while the invite is open.
        unreadThreads: (now) => (openAt(expiring, now) ? [{ requestId: 'r1', count: 2 }] : []),
      },
      platform,
    )
    trayFeed.set(online(1))
    expect(last().invites.map((i) => i.id)).toEqual(['i1'])
    expect(last().unreadMessages).toBe('2 unread messages')
    local.advance(minutes(2))
    trayFeed.refresh()
    expect(last().invites).toEqual([])
    expect(last().unreadMessages).toBeNull()
    // Two answers agreeing that the platform's clock is some seconds behind the estimate.
    answer(-20_000)
    answer(-20_000)
    trayFeed.refresh()
    expect(platform.now()).toBe(expiresAt - 20_000)
    expect(last().invites).toEqual([])
    expect(last().unreadMessages).toBeNull()
  })

  it('keeps one countdown timer however often the computer’s clock is set, and the countdown on the platform’s time', async () => {
    const local = new ManualClock(start - minutes(25) - 30_000)
    const platform = new PlatformClock(local, createPowerHook(), {
      info: () => {},
      warn: () => {},
      error: () => {},
    })
    const { trayFeed, last } = feed(local)
    // As the app wires it: a new offset redraws the tray.
    platform.changes.add(() => trayFeed.refresh())
    trayFeed.follow(source({ sessions: [session(start)] }), platform)
    trayFeed.set(online())
    for (const stepMinutes of [30, -90, 45, -5, 120]) {
      local.step(minutes(stepMinutes))
      const told = nextValue(platform.changes)
      local.advance(minutes(1))
      await told
    }
    expect(local.pendingTimers).toBe(1)
    expect(last().nextSession?.label).toBe('Query plan · in 21 min')
  })
})

describe('the tray feed and the computer’s time zone', () => {
  const setZone = useHostZone()
  /** "09:00" as this host writes the time of day in `timeZone`. */
  const timeIn = (t: number, timeZone: string): string =>
    new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone }).format(t)

  it('writes the next session’s start in the zone the expert moved to, once the host reads it again', () => {
    setZone('America/New_York')
    const { trayFeed, last } = feed(new ManualClock(start - minutes(90)))
    trayFeed.follow(source({ sessions: [session(start)] }), new ManualClock(start - minutes(90)))
    trayFeed.set(online())
    expect(last().nextSession?.startLine).toBe(`Query plan · at ${timeIn(start, 'America/New_York')}`)

    // Still the same day in Tokyo: 23:00 there.
    setZone('Asia/Tokyo')
    trayFeed.zoneChanged()
    expect(last().nextSession?.startLine).toBe(`Query plan · at ${timeIn(start, 'Asia/Tokyo')}`)
  })
})
