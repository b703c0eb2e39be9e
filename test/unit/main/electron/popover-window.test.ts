import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createAppOrigin } from '../../../../src/main/electron/app-origin'
import {
  BLUR_CLICK_MS,
  createPopover,
  PAINT_WAIT_MS,
  popoverPosition,
} from '../../../../src/main/electron/popover-window'
import { POPOVER_SIZE } from '../../../../src/shared/window-sizes'
import { ManualClock } from '../../../../src/shared/clock'
import { fake, FakeBrowserWindow, resetFakeElectron, toldSoon } from '../../../support/fake-electron'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

const workArea = { x: 0, y: 24, width: 1440, height: 876 }

describe('popoverPosition', () => {
  it('centres the popover under a tray icon at the top of the screen', () => {
    expect(popoverPosition({ x: 1000, y: 0, width: 24, height: 24 }, POPOVER_SIZE, workArea)).toEqual([
      832, 28,
    ])
  })

  it('puts it above a tray icon at the bottom of the screen (Windows taskbar)', () => {
    const bottom = { x: 0, y: 0, width: 1920, height: 1040 }
    expect(popoverPosition({ x: 1800, y: 1045, width: 24, height: 30 }, POPOVER_SIZE, bottom)).toEqual([
      1556, 556,
    ])
  })

  it('keeps it inside the work area near a screen edge', () => {
    const [x] = popoverPosition({ x: 1430, y: 0, width: 24, height: 24 }, POPOVER_SIZE, workArea)
    expect(x + POPOVER_SIZE.width).toBeLessThanOrEqual(workArea.width)
  })
})

describe('the popover window', () => {
  const options = {
    preloadPath: '/app/out/preload/index.cjs',
    origin: createAppOrigin({}),
    openExternal: async () => undefined,
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
  }

  beforeEach(resetFakeElectron)

  it('puts itself away on Esc, keeping the key from the page', () => {
    const popover = createPopover(options)
    const window = fake.windows.at(-1)!
    window.readyToShow()
    popover.open({ x: 1000, y: 0, width: 24, height: 24 })
    expect(window.webContents.pressKey('a')).toBe(false)
    expect(window.visible).toBe(true)
    expect(window.webContents.pressKey('Escape')).toBe(true)
    expect(window.visible).toBe(false)
    expect(window.destroyed).toBe(false)
  })

  it('shows without the focus when asked not to take it (a link), also once its page paints', () => {
    const popover = createPopover(options)
    const window = fake.windows.at(-1)!
    // Asked before its first frame: the wait keeps what the ask said.
    popover.open({ x: 1000, y: 0, width: 24, height: 24 }, { takeFocus: false })
    window.readyToShow()
    expect([window.visible, window.focused]).toEqual([true, false])
    popover.hide()
    popover.open({ x: 1000, y: 0, width: 24, height: 24 }, { takeFocus: false })
    expect([window.visible, window.focused]).toEqual([true, false])
    // The expert's own click on the icon focuses it as before.
    popover.hide()
    popover.open({ x: 1000, y: 0, width: 24, height: 24 })
    expect([window.visible, window.focused]).toEqual([true, true])
  })

  it('is put away by its page only while a link showed it and the expert has not clicked into it', () => {
    const popover = createPopover(options)
    const window = fake.windows.at(-1)!
    window.readyToShow()
    const icon = { x: 1000, y: 0, width: 24, height: 24 }
    // Never focused, it hears no blur: it would stay on top of the expert's apps.
    popover.open(icon, { takeFocus: false })
    popover.hideIfUntouched()
    expect(window.visible).toBe(false)
    // Once the expert clicks into it, it is theirs: only a blur or Esc puts it away, also while
    // Electron has yet to tell the 'focus' (it posts it for later).
    popover.open(icon, { takeFocus: false })
    window.focus()
    popover.hideIfUntouched()
    expect(window.visible).toBe(true)
    // A link while the expert uses it, or an open of their own, leaves it theirs too.
    popover.open(icon, { takeFocus: false })
    popover.hideIfUntouched()
    expect(window.visible).toBe(true)
    popover.hide()
    popover.open(icon)
    popover.hideIfUntouched()
    expect(window.visible).toBe(true)
  })

  it('keeps the focus the expert asked for while it waited for its page when a link asks meanwhile', () => {
    const popover = createPopover(options)
    const window = fake.windows.at(-1)!
    popover.toggle({ x: 1000, y: 0, width: 24, height: 24 })
    popover.open({ x: 1000, y: 0, width: 24, height: 24 }, { takeFocus: false })
    popover.hideIfUntouched()
    window.readyToShow()
    expect(window).toMatchObject({ visible: true, focused: true })
  })

  it("drops a link's open still waiting for its page when put away untouched", () => {
    const popover = createPopover(options)
    const window = fake.windows.at(-1)!
    popover.open({ x: 1000, y: 0, width: 24, height: 24 }, { takeFocus: false })
    popover.hideIfUntouched()
    window.readyToShow()
    expect(window.visible).toBe(false)
  })

  it('opens beside the icon, focused, and a toggle puts it away', () => {
    const popover = createPopover(options)
    const window = fake.windows.at(-1)!
    window.readyToShow()
    popover.toggle({ x: 1000, y: 0, width: 24, height: 24 })
    expect(window).toMatchObject({ visible: true, focused: true, position: [832, 28] })
    popover.toggle({ x: 1000, y: 0, width: 24, height: 24 })
    expect(window.visible).toBe(false)
  })

  it('stays open while its right-click menu takes the focus, and goes away if the menu was left for elsewhere', async () => {
    const popover = createPopover(options)
    const window = fake.windows.at(-1)!
    window.readyToShow()
    popover.open({ x: 1000, y: 0, width: 24, height: 24 })
    const rightClick = (): void => window.contents.rightClick()

    // Linux desktops take the focus for the menu: no click elsewhere, so the popover stays.
    rightClick()
    window.blur()
    await toldSoon()
    expect(window.visible).toBe(true)
    // The expert picked Paste: the focus is back, the popover stays.
    window.focus()
    fake.poppedMenus.at(-1)!.close()
    await toldSoon()
    expect(window.visible).toBe(true)

    // This time the expert clicked elsewhere to dismiss the menu: the popover goes too.
    rightClick()
    window.blur()
    await toldSoon()
    fake.poppedMenus.at(-1)!.close()
    expect(window.visible).toBe(false)
  })

  it('stays open on a blur Electron tells once a press has given it the focus again', async () => {
    const popover = createPopover(options)
    const window = fake.windows.at(-1)!
    window.readyToShow()
    const icon = { x: 1000, y: 0, width: 24, height: 24 }
    popover.open(icon)
    // The expert clicks a notification: the focus leaves, and its press opens the popover again
    // before Electron has told that blur.
    window.blur()
    popover.open(icon)
    await toldSoon()
    expect(window).toMatchObject({ visible: true, focused: true })
  })

  it('goes away when the expert clicks into the full window, which takes the focus from it', async () => {
    const main = new FakeBrowserWindow()
    main.show()
    const popover = createPopover(options)
    const window = fake.windows.at(-1)!
    window.readyToShow()
    popover.open({ x: 1000, y: 0, width: 24, height: 24 })
    main.focus()
    await toldSoon()
    expect([window.visible, main.isFocused()]).toEqual([false, true])
  })

  /** A popover on a manual clock, opened from the tray icon and then put away by a click elsewhere. */
  const openedThenPutAway = async () => {
    const clock = new ManualClock(0)
    const popover = createPopover({ ...options, clock })
    const window = fake.windows.at(-1)!
    window.readyToShow()
    const icon = { x: 1000, y: 0, width: 24, height: 24 }
    popover.toggle(icon)
    window.blur()
    await toldSoon()
    return { clock, popover, window, icon }
  }

  it('stays closed when a click on the tray icon took its focus (the blur comes first), and opens on the next', async () => {
    const { clock, popover, window, icon } = await openedThenPutAway()
    popover.toggle(icon)
    expect(window.visible).toBe(false)
    clock.advance(BLUR_CLICK_MS)
    popover.toggle(icon)
    expect(window.visible).toBe(true)
  })

  it('opens on a click on the icon a while after a click elsewhere put it away', async () => {
    const { clock, popover, window, icon } = await openedThenPutAway()
    clock.advance(60_000)
    popover.toggle(icon)
    expect(window).toMatchObject({ visible: true, focused: true })
  })

  describe('asked to open before its page painted (built anew after Cmd+W)', () => {
    const icon = { x: 1000, y: 0, width: 24, height: 24 }
    const unpainted = () => {
      const clock = new ManualClock(0)
      const popover = createPopover({ ...options, clock })
      return { clock, popover, window: fake.windows.at(-1)! }
    }

    it('shows nothing until the first frame, then shows it where last asked, focused', () => {
      const { popover, window } = unpainted()
      popover.open({ x: 0, y: 1045, width: 24, height: 30 })
      expect(window.visible).toBe(false)
      popover.open(icon)
      window.readyToShow()
      expect(window).toMatchObject({ visible: true, focused: true, position: [832, 28] })
    })

    it('shows anyway once the wait is over, so a page that never paints still answers the click', () => {
      const { clock, popover, window } = unpainted()
      popover.toggle(icon)
      clock.advance(PAINT_WAIT_MS - 1)
      expect(window.visible).toBe(false)
      clock.advance(1)
      expect(window).toMatchObject({ visible: true, focused: true })
      // The frame that comes later shows nothing twice and moves nothing.
      window.readyToShow()
      expect(window.visible).toBe(true)
    })

    it('takes a second click on the icon while it waits as "never mind"', () => {
      const { clock, popover, window } = unpainted()
      popover.toggle(icon)
      popover.toggle(icon)
      window.readyToShow()
      clock.advance(PAINT_WAIT_MS)
      expect(window.visible).toBe(false)
    })

    it('stays away when the full window is brought forward while it waits', () => {
      const { clock, popover, window } = unpainted()
      popover.open(icon)
      popover.hide()
      window.readyToShow()
      clock.advance(PAINT_WAIT_MS)
      expect(window.visible).toBe(false)
    })

    it('is not shown (which would throw) when it is closed while it waits', () => {
      const { clock, popover, window } = unpainted()
      popover.open(icon)
      window.close()
      expect(() => clock.advance(PAINT_WAIT_MS)).not.toThrow()
      expect(window.destroyed).toBe(true)
    })
  })

  it('is destroyed by Cmd+W or Alt+F4, and says so to whoever holds it', () => {
    const popover = createPopover(options)
    fake.windows.at(-1)!.close()
    expect(popover.isDestroyed()).toBe(true)
  })
})
