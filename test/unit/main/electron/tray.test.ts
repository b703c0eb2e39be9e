import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { TrayView } from '../../../../src/main/core/tray/tray-view'
import { type Logger } from '../../../../src/main/node/log'
import { createTray, type TrayOptions } from '../../../../src/main/electron/tray'
import { menuText } from '../../../../src/main/electron/menu-text'
import { MENU_LINE_MAX, TOOLTIP_MAX } from '../../../../src/shared/os-limits'
import { fake, newestMade, resetFakeElectron, type FakeTray } from '../../../support/fake-electron'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

const log: Logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }
const onOpen = vi.fn()
const onQuit = vi.fn()
const onAvailability = vi.fn()
const onShowInvite = vi.fn()

const signedOut: TrayView = {
  icon: 'signed-out',
  statusLine: 'Not connected',
  tooltip: 'Standby — Not connected',
  reason: null,
  notificationAdvice: null,
  presence: null,
  invites: [],
  moreInvites: 0,
  nextSession: null,
  badgeCount: 0,
  unreadMessages: null,
}
const busy: TrayView = {
  icon: 'invite',
  statusLine: 'Online · 7 open invites',
  tooltip: 'Standby — Online · 7 open invites\nQuery plan · in 25 min',
  reason: null,
  notificationAdvice: null,
  presence: { label: 'Online', online: true, changeable: true },
  invites: [
    { id: 'i1', label: 'Instant: Q&A on indexes' },
    { id: 'i2', label: 'Scheduled: Query plan review' },
  ],
  moreInvites: 5,
  nextSession: { id: 's1', label: 'Query plan · in 25 min', startLine: 'Query plan · at 10:25' },
  badgeCount: 7,
  unreadMessages: null,
}

function makeTray(options: Partial<TrayOptions> = {}) {
  const standbyTray = createTray({
    iconPath: (state) => `/res/tray-${state}.png`,
    view: signedOut,
    onOpen,
    onQuit,
    onAvailability,
    onShowInvite,
    platform: 'linux',
    log,
    ...options,
  })
  return { tray: newestMade(fake.trays, 'tray'), standbyTray }
}

const ids = (tray: FakeTray): ReadonlyArray<string | undefined> =>
  tray.menu!.template.map((item) => item.id ?? item.type)

/** The menu's lines of one explanation (`status-reason`, `status-reason-2`…), in order. */
const explanation = (tray: FakeTray, id: string) =>
  tray.menu!.template.filter((item) => item.id === id || item.id?.startsWith(`${id}-`))

beforeEach(() => {
  resetFakeElectron()
  vi.clearAllMocks()
})

describe('the tray', () => {
  it('shows the icon of the view’s state, and changes it with the state', () => {
    const { tray, standbyTray } = makeTray()
    expect(tray.image).toMatchObject({ path: '/res/tray-signed-out.png' })
    standbyTray.show(busy)
    expect(tray.image).toMatchObject({ path: '/res/tray-invite.png' })
    expect(log.warn).not.toHaveBeenCalled()
  })

  it('says so in the log when an icon file is missing', () => {
    fake.imagesExist = false
    makeTray()
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('/res/tray-signed-out.png'))
  })

  it('signed out: the status line, Open and Quit, and the tooltip', () => {
    const { tray } = makeTray()
    const items = tray.menu?.template.filter((item) => item.type !== 'separator')
    expect(items?.map(({ id, label, enabled }) => ({ id, label, enabled }))).toEqual([
      { id: 'status', label: 'Not connected', enabled: false },
      { id: 'open', label: 'Open Standby', enabled: undefined },
      { id: 'quit', label: 'Quit Standby', enabled: undefined },
    ])
    expect(tray.toolTip).toBe('Standby — Not connected')
  })

  it('holds everything when signed in: status, invites, the next session, availability, Open, Quit', () => {
    const { tray, standbyTray } = makeTray()
    standbyTray.show(busy)
    expect(ids(tray)).toEqual([
      'status',
      'separator',
      'invite:i1',
      'invite:i2',
      'invites-more',
      'separator',
      'next-session',
      'separator',
      'presence',
      'availability',
      'separator',
      'open',
      'quit',
    ])
    expect(tray.menu?.item('invites-more').label).toBe('5 more open invites…')
    // Linux closes a menu the expert has open when it is replaced: the line says when, not how long.
    expect(tray.menu?.item('next-session').label).toBe('Next: Query plan · at 10:25')
    // Each tooltip sends the Linux menu again, closing it: it says the state alone, as the menu does.
    expect(tray.toolTip).toBe('Standby — Online · 7 open invites')
  })

  it('on Linux, whose tray may show no tooltip, says why Standby is offline in the menu, under the state', () => {
    fake.platform = 'linux'
    fake.trayReportsClicks = false
    const { tray, standbyTray } = makeTray()
    const reason = 'Could not reach standby.example.com: connection refused. Check your network.'
    const offline: TrayView = {
      ...signedOut,
      icon: 'offline',
      statusLine: 'Reconnecting… · last synced 10:02',
      tooltip: `Standby — Reconnecting… · last synced 10:02\n${reason} Trying again shortly (attempt 2).`,
      reason,
    }
    standbyTray.show(offline)
    expect(tray.toolTip).toBe('Standby — Reconnecting… · last synced 10:02')
    expect(ids(tray).slice(0, 2)).toEqual(['status', 'status-reason'])
    expect(tray.menu?.item('status-reason')).toMatchObject({
      label: menuText(reason, 'linux'),
      enabled: false,
    })
    // The next attempt says the same: a menu the expert has open stays.
    tray.clickIcon()
    standbyTray.show({ ...offline, tooltip: offline.tooltip.replace('attempt 2', 'attempt 3') })
    expect(tray.menuShownByClick).toBe(true)
    // Back online, the line goes; silenced notifications get theirs.
    const advice = 'Notifications are off for Standby: turn them on in your desktop’s settings.'
    standbyTray.show({ ...busy, notificationAdvice: advice })
    expect(ids(tray)).not.toContain('status-reason')
    expect(tray.menu?.item('notifications-advice')).toMatchObject({
      label: menuText(advice, 'linux'),
      enabled: false,
    })
  })

  it('on Linux, says the whole reason and advice, what to do included, over lines as narrow as the menu’s', () => {
    fake.platform = 'linux'
    const { tray, standbyTray } = makeTray()
    const reason =
      'The platform at standby.example.com did not answer the connection within 20 s. If this goes on, check the platform address and your connection.'
    const advice =
      'Notifications could not be shown. Allow Standby in the system’s notification settings, then send a test notification from Settings.'
    standbyTray.show({ ...signedOut, icon: 'offline', reason, notificationAdvice: advice })
    for (const [prefix, said] of [
      ['status-reason', reason],
      ['notifications-advice', advice],
    ] as const) {
      const shown = explanation(tray, prefix)
      expect(shown.map((item) => item.label).join(' ')).toBe(said)
      for (const item of shown) {
        expect(item.label!.length).toBeLessThanOrEqual(MENU_LINE_MAX)
        expect(item.enabled).toBe(false)
      }
    }
    expect(ids(tray).indexOf('notifications-advice')).toBeGreaterThan(ids(tray).indexOf('status-reason'))
  })

  it('on Linux, a hostile reason (controls, direction marks, no end) stays a few plain lines', () => {
    fake.platform = 'linux'
    const { tray, standbyTray } = makeTray()
    const reason = `The platform refused: \u202egnp.exe\u202c\u0007 & ${'x'.repeat(5_000)} ${'word '.repeat(2_000)}`
    standbyTray.show({ ...signedOut, icon: 'offline', reason })
    const shown = explanation(tray, 'status-reason').map((item) => item.label ?? '')
    expect(shown.length).toBeGreaterThan(1)
    expect(shown.length).toBeLessThanOrEqual(4)
    expect(shown[0]).toMatch(/^The platform refused: gnp\.exe && x+$/u)
    expect(shown.at(-1)).toMatch(/…$/u)
    for (const label of shown) expect(label.replaceAll('&&', '&').length).toBeLessThanOrEqual(MENU_LINE_MAX)
    expect(shown.join('')).not.toMatch(/[\p{Cc}\u202a-\u202e]/u)
  })

  it('on Linux, a character longer than a menu line (emoji joined past it) leaves no empty line', () => {
    fake.platform = 'linux'
    const { tray, standbyTray } = makeTray()
    // One user-perceived character of 120 UTF-16 units: no line can hold it, and half of it would be a broken emoji.
    const joined = `${'👩\u200d'.repeat(39)}👩`
    standbyTray.show({
      ...signedOut,
      icon: 'offline',
      reason: `The platform refused: ${joined} Sign in again.`,
    })
    const shown = explanation(tray, 'status-reason').map((item) => item.label ?? '')
    expect(shown).toEqual(['The platform refused:', '…'])
  })

  it.each(['darwin', 'win32'] as const)('on %s, leaves why to the tooltip', (platform) => {
    fake.platform = platform
    const { tray, standbyTray } = makeTray({ platform })
    standbyTray.show({ ...signedOut, tooltip: 'Standby — Offline\nNo network.', reason: 'No network.' })
    expect(tray.toolTip).toBe('Standby — Offline\nNo network.')
    expect(ids(tray)).not.toContain('status-reason')
  })

  it.each(['darwin', 'win32'] as const)(
    'on %s, counts down to the next session in the menu too',
    (platform) => {
      const { tray, standbyTray } = makeTray({ platform })
      standbyTray.show(busy)
      expect(tray.menu?.item('next-session').label).toBe('Next: Query plan · in 25 min')
    },
  )

  it('on Linux, leaves a menu the expert has open alone while the countdown moves on', () => {
    fake.platform = 'linux'
    fake.trayReportsClicks = false
    const { tray, standbyTray } = makeTray()
    standbyTray.show(busy)
    tray.clickIcon()
    expect(tray.menuShownByClick).toBe(true)
    const minuteLater = {
      ...busy,
      tooltip: 'Standby — Online · 7 open invites\nQuery plan · in 24 min',
      nextSession: { ...busy.nextSession!, label: 'Query plan · in 24 min' },
    }
    standbyTray.show(minuteLater)
    expect(tray.menuShownByClick).toBe(true)
    // What the menu holds does change it, open or not.
    standbyTray.show({ ...minuteLater, moreInvites: 6 })
    expect(tray.menu?.item('invites-more').label).toBe('6 more open invites…')
    expect(tray.menuShownByClick).toBe(false)
  })

  it('on Windows, has its tooltip back when the pointer comes over an icon that an Explorer restart added again', () => {
    fake.platform = 'win32'
    const { tray, standbyTray } = makeTray({ platform: 'win32' })
    standbyTray.show(busy)
    tray.taskbarRecreated()
    expect(tray.toolTip).toBe('')
    tray.pointerOver()
    expect(tray.toolTip).toBe('Standby — Online · 7 open invites\nQuery plan · in 25 min')
    standbyTray.destroy()
    tray.emit('mouse-enter')
    expect(tray.toolTip).toBe('Standby — Online · 7 open invites\nQuery plan · in 25 min')
  })

  it('on Windows, sets the tooltip once as the pointer comes onto the icon, not on each move over it', () => {
    fake.platform = 'win32'
    const { tray, standbyTray } = makeTray({ platform: 'win32' })
    standbyTray.show(busy)
    const set = vi.spyOn(tray, 'setToolTip')
    tray.pointerOver(40)
    expect(set).toHaveBeenCalledTimes(1)
    standbyTray.destroy()
  })

  it('counts one invite beyond those listed as one, and thousands whole', () => {
    const { tray, standbyTray } = makeTray()
    standbyTray.show({ ...busy, moreInvites: 1 })
    expect(tray.menu?.item('invites-more').label).toBe('1 more open invite…')
    standbyTray.show({ ...busy, moreInvites: 4995 })
    expect(tray.menu?.item('invites-more').label).toBe('4995 more open invites…')
  })

  it('a kept menu’s "Restart to update" runs the action given last', () => {
    const { tray, standbyTray } = makeTray()
    const first = vi.fn()
    const second = vi.fn()
    standbyTray.setUpdateAction(first)
    const menu = tray.menu
    standbyTray.setUpdateAction(second)
    expect(tray.menu).toBe(menu)
    tray.clickMenuItem('restart-to-update')
    expect([first, second].map((action) => action.mock.calls.length)).toEqual([0, 1])
  })

  it('lists the unread messages between the session and the availability, opening the window', () => {
    const { tray, standbyTray } = makeTray()
    standbyTray.show({ ...busy, unreadMessages: '3 unread messages' })
    expect(ids(tray).slice(6, 11)).toEqual([
      'next-session',
      'separator',
      'unread-messages',
      'separator',
      'presence',
    ])
    expect(tray.menu?.item('unread-messages').label).toBe('3 unread messages')
    tray.clickMenuItem('unread-messages')
    expect(onOpen).toHaveBeenCalledOnce()
  })

  it('opens the popover on an invite picked in the menu, and on all of them from the count', () => {
    const { tray, standbyTray } = makeTray()
    standbyTray.show(busy)
    tray.clickMenuItem('invite:i2')
    expect(onShowInvite).toHaveBeenLastCalledWith('i2')
    tray.clickMenuItem('invites-more')
    expect(onShowInvite).toHaveBeenLastCalledWith(null)
    tray.clickMenuItem('next-session')
    expect(onOpen).toHaveBeenCalledOnce()
  })

  it('keeps a client’s “&” in a title on Windows and Linux, where menus read it as a shortcut key', () => {
    const { tray, standbyTray } = makeTray({ platform: 'win32' })
    standbyTray.show(busy)
    expect(tray.menu?.item('invite:i1').label).toBe('Instant: Q&&A on indexes')
    expect(menuText('Q&A', 'linux')).toBe('Q&&A')
    expect(menuText('Q&A', 'darwin')).toBe('Q&A')
  })

  it('shows a client’s title on one short line, without characters that reorder or hide text', () => {
    const label = menuText(`Instant: Fix\u202e gol\u200b\nNew line ${'x'.repeat(300)}`, 'win32')
    expect(label).toMatch(/^Instant: Fix gol New line x+…$/)
    expect(label.length).toBeLessThanOrEqual(MENU_LINE_MAX)
    expect(menuText('Q&A'.repeat(100), 'win32').replaceAll('&&', '&').length).toBeLessThanOrEqual(
      MENU_LINE_MAX,
    )
  })

  it('keeps the tooltip within what a Windows tray icon holds, its lines kept', () => {
    const { tray, standbyTray } = makeTray({ platform: 'win32' })
    const title = `Fix\u202e ${'y'.repeat(300)}`
    standbyTray.show({ ...busy, tooltip: `Standby — Online\n${title}\r\n2 unread messages` })
    expect(tray.toolTip.length).toBeLessThanOrEqual(TOOLTIP_MAX)
    expect(tray.toolTip).toMatch(/^Standby — Online\nFix y+…$/)
  })

  it('opens the window from Open, and from a click on the icon when no click action is given', () => {
    const { tray } = makeTray()
    tray.clickMenuItem('open')
    tray.clickIcon()
    expect(onOpen).toHaveBeenCalledTimes(2)
    expect(onQuit).not.toHaveBeenCalled()
  })

  it('offers "Restart to update" before Quit while an update may restart the app, keeping the view', () => {
    const { tray, standbyTray } = makeTray({ view: busy })
    const restart = vi.fn()
    standbyTray.setUpdateAction(restart)
    standbyTray.show({ ...busy, statusLine: 'Online · 1 open invite' })
    expect(ids(tray).slice(-3)).toEqual(['open', 'restart-to-update', 'quit'])
    expect(tray.menu?.template.find((item) => item.id === 'status')?.label).toBe('Online · 1 open invite')
    tray.clickMenuItem('restart-to-update')
    expect(restart).toHaveBeenCalledOnce()
    standbyTray.setUpdateAction(null)
    expect(ids(tray)).not.toContain('restart-to-update')
  })

  it('hands a click on the icon, with where it is, to the click action (the popover)', () => {
    const onClick = vi.fn()
    const { tray } = makeTray({ onClick })
    tray.clickIcon()
    expect(onClick).toHaveBeenCalledWith(tray.bounds)
    expect(onOpen).not.toHaveBeenCalled()
  })

  it('on Linux, whose click says nothing of where the icon is, hands the click action the pointer’s place', () => {
    fake.platform = 'linux'
    fake.cursor = { x: 1800, y: 12 }
    const onClick = vi.fn()
    makeTray({ onClick }).tray.clickIcon()
    // Not the empty rectangle Electron reports, which would put the popover in the screen's corner.
    expect(onClick).toHaveBeenCalledWith({ x: 1800, y: 12, width: 1, height: 1 })
  })

  it('on a Linux tray that shows only a menu, a click opens the menu, which holds the invites and Open', () => {
    fake.platform = 'linux'
    fake.trayReportsClicks = false
    const onClick = vi.fn()
    const { tray } = makeTray({ onClick, view: busy })
    tray.clickIcon()
    expect(onClick).not.toHaveBeenCalled()
    expect(tray.menuShownByClick).toBe(true)
    expect(ids(tray)).toEqual(expect.arrayContaining(['status', 'open', 'quit']))
    tray.clickMenuItem('invite:i1')
    expect(onShowInvite).toHaveBeenCalledWith('i1')
    tray.clickMenuItem('open')
    expect(onOpen).toHaveBeenCalledOnce()
  })

  it('leaves a click on macOS to the menu, which the menu bar opens on a click', () => {
    const onClick = vi.fn()
    makeTray({ onClick, platform: 'darwin' }).tray.clickIcon()
    expect(onClick).not.toHaveBeenCalled()
    expect(onOpen).not.toHaveBeenCalled()
  })

  it('on Windows toggles the popover once for a double-click, and leaves a right click to the menu', () => {
    fake.platform = 'win32'
    const onClick = vi.fn()
    const { tray } = makeTray({ onClick, platform: 'win32' })
    tray.doubleClickIcon()
    expect(onClick).toHaveBeenCalledOnce()
    tray.rightClickIcon()
    expect(onClick).toHaveBeenCalledOnce()
    expect(tray.menuShownByClick).toBe(true)
  })

  it('quits from Quit', () => {
    makeTray().tray.clickMenuItem('quit')
    expect(onQuit).toHaveBeenCalledOnce()
  })

  it('tells where the icon is; on Linux, which does not say, where the pointer is', () => {
    fake.platform = 'darwin'
    expect(makeTray().standbyTray.bounds()).toEqual({ x: 1000, y: 0, width: 24, height: 24 })
    fake.platform = 'linux'
    fake.cursor = { x: 1800, y: 12 }
    expect(makeTray().standbyTray.bounds()).toEqual({ x: 1800, y: 12, width: 1, height: 1 })
  })

  it('takes a new view after the icon was removed (the app quitting) without throwing', () => {
    const { tray, standbyTray } = makeTray()
    standbyTray.destroy()
    expect(() => standbyTray.show(busy)).not.toThrow()
    expect(tray.isDestroyed()).toBe(true)
    expect(() => standbyTray.destroy()).not.toThrow()
    expect(() => standbyTray.setUpdateAction(() => undefined)).not.toThrow()
    // Where the popover would open: by the pointer, as where a tray cannot say.
    fake.cursor = { x: 300, y: 20 }
    expect(standbyTray.bounds()).toEqual({ x: 300, y: 20, width: 1, height: 1 })
  })

  describe('the availability toggle', () => {
    it('is not in the menu while signed out, nor without a toggle action', () => {
      expect(ids(makeTray().tray)).toEqual(['status', 'separator', 'open', 'quit'])
      const { tray, standbyTray } = makeTray({ onAvailability: undefined })
      standbyTray.show(busy)
      expect(ids(tray)).not.toContain('availability')
    })

    it('shows the availability with why, checked when online, and picking it goes away', () => {
      const { tray, standbyTray } = makeTray()
      standbyTray.show({ ...busy, presence: { label: 'Online', online: true, changeable: true } })
      expect(tray.menu?.item('presence')).toMatchObject({ label: 'Online', enabled: false })
      expect(tray.menu?.item('availability')).toMatchObject({
        label: 'Available for invites',
        type: 'checkbox',
        checked: true,
      })
      tray.clickMenuItem('availability')
      expect(onAvailability).toHaveBeenCalledWith('away')
    })

    it('offline: the toggle cannot be picked, so a change is never silently lost', () => {
      const { tray, standbyTray } = makeTray()
      const label = 'Online (as last synced; change it once online)'
      standbyTray.show({ ...busy, presence: { label, online: true, changeable: false } })
      expect(tray.menu?.item('presence').label).toBe(label)
      expect(tray.menu?.item('availability')).toMatchObject({ checked: true, enabled: false })
    })

    it('shows the availability the platform has after a pick, not the tick Electron put on the click, until the platform says', () => {
      const { tray, standbyTray } = makeTray()
      const online = { ...busy, presence: { label: 'Online', online: true, changeable: true } }
      standbyTray.show(online)
      // Refused, unanswered or still on its way: the view has not changed, nor does the menu.
      tray.clickMenuItem('availability')
      expect(onAvailability).toHaveBeenCalledWith('away')
      expect(tray.menu?.item('availability').checked).toBe(true)
      tray.clickMenuItem('availability')
      expect(onAvailability).toHaveBeenLastCalledWith('away')
      expect(tray.menu?.item('availability').checked).toBe(true)
      // The platform's word arrives.
      standbyTray.show({
        ...online,
        icon: 'away',
        presence: { label: 'Away', online: false, changeable: true },
      })
      expect(tray.menu?.item('availability').checked).toBe(false)
    })

    it('brings an expert who is away back online', () => {
      const { tray, standbyTray } = makeTray()
      standbyTray.show({
        ...busy,
        icon: 'away',
        presence: { label: 'Away — idle for 10 min', online: false, changeable: true },
      })
      expect(tray.menu?.item('presence').label).toBe('Away — idle for 10 min')
      expect(tray.menu?.item('availability').checked).toBe(false)
      tray.clickMenuItem('availability')
      expect(onAvailability).toHaveBeenLastCalledWith('online')
    })
  })
})
