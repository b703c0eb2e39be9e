/** Electron's `app`: lifecycle events, the single-instance lock, paths, quit (its login items: login-items.ts). */
import { vi } from 'vitest'
import type { App, Details, RelaunchOptions } from 'electron'
import { preventableEvent } from './events'
import { fake } from './state'
import { FakeLoginItems } from './login-items'

/** Electron's `app`: lifecycle events, the single-instance lock, quit. */
export class FakeApp
  extends FakeLoginItems
  implements
    Pick<
      App,
      | 'requestSingleInstanceLock'
      | 'hasSingleInstanceLock'
      | 'releaseSingleInstanceLock'
      | 'quit'
      | 'exit'
      | 'whenReady'
      | 'isReady'
      | 'getVersion'
      | 'getName'
      | 'relaunch'
      | 'getLocale'
      | 'getAppPath'
      | 'getPath'
      | 'isPackaged'
      | 'setLoginItemSettings'
      | 'getLoginItemSettings'
      | 'setBadgeCount'
      | 'getBadgeCount'
      | 'setAsDefaultProtocolClient'
      | 'setAppUserModelId'
    >
{
  isPackaged = false
  /**
   * The count Electron holds (getBadgeCount): the last one it took, 0 after a call without one.
   * Electron documents no badge on Windows, yet answers true there and draws it as the taskbar
   * overlay of every window (browser_win.cc), which would take the place of an overlay the app set.
   */
  badgeCount = 0
  /**
   * What the Dock or the Linux launcher shows (macOS, Linux): the count as Electron writes it
   * (past its most, that most and a plus), a dot for a call without a count on macOS, or null for none.
   */
  badgeShown: string | null = null
  /**
   * Linux: whether the dock or taskbar draws LauncherEntry badges, as KDE's and Ubuntu's do; false
   * plays one that does not (GNOME's own dock). Electron cannot tell: it sends the count over D-Bus
   * either way and answers true (launcher_entry.cc), and nothing shows.
   */
  launcherBadges = true
  /**
   * Linux: whether Electron knows the app's `.desktop` name (package.json's `desktopName`,
   * `app.setDesktopName`), which LauncherEntry names the app by; without it setBadgeCount answers false.
   */
  desktopNameKnown = true
  /**
   * As Electron's Browser::SetBadgeCount: a count that is no whole number an int holds is refused as its
   * argument conversion refuses it; none at all shows a dot on macOS and a flag on Windows, and on
   * Linux answers false.
   */
  setBadgeCount(count?: number): boolean {
    if (count !== undefined && !(Number.isInteger(count) && count >= -(2 ** 31) && count < 2 ** 31))
      throw new TypeError(`Error processing argument at index 0, conversion failure from ${String(count)}`)
    if (fake.platform === 'linux') {
      if (count === undefined || !this.desktopNameKnown) return false
      this.badgeCount = count
      this.badgeShown = this.launcherBadges && count !== 0 ? badgeText(count) : null
      return true
    }
    this.badgeCount = count ?? 0
    if (fake.platform === 'darwin')
      this.badgeShown = count === undefined ? '•' : count === 0 ? null : badgeText(count)
    if (fake.platform === 'win32') {
      // Drawn on the taskbar buttons there are: a window not on screen has none.
      for (const window of fake.windows.filter((w) => !w.isDestroyed() && w.visible))
        window.overlay =
          count === 0 ? null : { image: 'badge' as never, description: `${count ?? 'unread'} badge` }
    }
    return true
  }
  getBadgeCount(): number {
    return this.badgeCount
  }
  /** Whether another copy of Standby holds the single-instance lock: false plays one running. */
  lockAvailable = true
  /**
   * Whether this copy holds the lock. As in Electron, from a requestSingleInstanceLock that found
   * it free until releaseSingleInstanceLock, or the end of the process: App::OnQuit lets it go
   * only after emitting 'quit', so a copy started while this one is still quitting finds it held.
   */
  holdsLock = false
  readonly requestSingleInstanceLock = vi.fn<App['requestSingleInstanceLock']>(() => {
    if (this.holdsLock) return true
    if (!this.lockAvailable) return false
    this.holdsLock = true
    return true
  })
  hasSingleInstanceLock(): boolean {
    return this.holdsLock
  }
  readonly releaseSingleInstanceLock = vi.fn<App['releaseSingleInstanceLock']>(() => {
    this.holdsLock = false
  })
  /**
   * Another copy of Standby starts (the expert launches one, an update starts the new version) and
   * asks for the lock, as Electron's ProcessSingleton does: held by this copy, this one hears
   * 'second-instance' with its command line and the new copy quits; held by a third, the new copy
   * quits; free, the new copy takes it and runs. Says what became of the new copy.
   */
  anotherCopyStarts(argv: ReadonlyArray<string> = ['/opt/standby/standby']): 'runs' | 'quits' {
    if (this.holdsLock) {
      this.secondInstance(argv)
      return 'quits'
    }
    if (!this.lockAvailable) return 'quits'
    this.lockAvailable = false
    return 'runs'
  }
  /**
   * True while a quit is under way (Electron's is_quitting_): from a before-quit nobody prevented
   * until a window's close or will-quit is prevented, which cancels the quit without a word.
   */
  quitting = false
  /** True once the app quit ('quit' was emitted). */
  quitDone = false
  /**
   * Like Electron's Browser::Quit: ignored while a quit is under way; 'before-quit' (preventable),
   * then every open window closed; once the last is gone, 'will-quit' (preventable) and 'quit'.
   */
  readonly quit = vi.fn(() => {
    if (this.quitting) return
    const event = preventableEvent()
    this.emit('before-quit', event)
    if (event.defaultPrevented) return
    this.quitting = true
    // Electron closes the windows still open; a destroyed one is gone from its list.
    const open = fake.windows.filter((candidate) => !candidate.isDestroyed())
    if (open.length === 0) this.willQuit()
    for (const window of open) window.close()
  })

  /** A window's 'close' was prevented: as in Electron, a quit under way is cancelled. */
  windowCloseCancelled(): void {
    this.quitting = false
  }

  /**
   * A child process other than a renderer ended (the GPU process, a utility service): Electron's
   * 'child-process-gone', told on the app only; a renderer's end is its page's 'render-process-gone'.
   */
  childProcessGone(details: Details): void {
    this.emit('child-process-gone', preventableEvent(), details)
  }

  /** Every window is gone during a quit: 'will-quit', and unless prevented, 'quit'. */
  private willQuit(): void {
    const event = preventableEvent()
    this.emit('will-quit', event)
    if (event.defaultPrevented) {
      this.quitting = false
      return
    }
    this.quitDone = true
    this.emit('quit', preventableEvent(), 0)
    this.holdsLock = false
  }
  /** True once the app exited (`exit()`): every window was destroyed, and no quit could stop it. */
  exited = false
  /**
   * Like Electron's Browser::ExitWithCode: every window destroyed at once, without 'close' (their
   * 'closed' still comes), none of before-quit, window-all-closed or will-quit, and then 'quit'
   * with the exit code (Browser::Shutdown emits it). Before 'ready' the process ends at once, with
   * no event at all.
   */
  readonly exit = vi.fn<App['exit']>((code = 0) => {
    if (this.exited) return
    this.exited = true
    // Electron's is_quitting_ too: a quit asked for from now on (a tray click, a timer) does nothing.
    this.quitting = true
    for (const window of fake.windows.filter((candidate) => !candidate.isDestroyed())) window.destroy()
    if (this.readyNow && !this.quitDone) {
      this.quitDone = true
      this.emit('quit', preventableEvent(), code)
    }
    // The process ends: the lock goes with it, 'quit' or not.
    this.holdsLock = false
  })
  /** Windows only, as in Electron: elsewhere `app.setAppUserModelId` is no function. */
  setAppUserModelId(id: string): void {
    if (fake.platform !== 'win32') throw new TypeError('app.setAppUserModelId is not a function')
    this.appUserModelId = id
  }
  /** The Dock's bounce, recorded; Electron has `app.dock` on macOS only, undefined elsewhere. */
  readonly dockBounce = vi.fn<(type?: 'critical' | 'informational') => number>(() => 1)
  get dock(): { bounce: (type?: 'critical' | 'informational') => number } | undefined {
    return fake.platform === 'darwin' ? { bounce: this.dockBounce } : undefined
  }
  private ready: Promise<void> = Promise.resolve()
  private readyNow = true
  readonly whenReady = vi.fn(() => this.ready)
  /** Whether 'ready' came; before it Electron refuses windows, trays, notifications and `screen`. */
  isReady(): boolean {
    return this.readyNow
  }
  /**
   * Holds the app before 'ready', as while macOS is still launching it (when open-url can already
   * arrive); the function returned lets it become ready.
   */
  holdReady(): () => void {
    let release: () => void = () => undefined
    this.readyNow = false
    this.ready = new Promise((resolve) => (release = resolve))
    return () => {
      this.readyNow = true
      release()
    }
  }

  /** Throws what Electron throws when `what` is made or used before 'ready'. */
  assertReady(what: string): void {
    if (!this.readyNow) throw new Error(`${what} before app is ready`)
  }
  /**
   * Whether the OS lets the app become the handler of a scheme. False plays a refusal (Linux
   * without xdg-settings, a policy on Windows): as in Electron, the call then answers false.
   */
  protocolClientAllowed = true
  /** Every call to setAsDefaultProtocolClient, in order. */
  readonly setAsDefaultProtocolClient = vi.fn<App['setAsDefaultProtocolClient']>(
    () => this.protocolClientAllowed,
  )
  /** The version Electron reports (package.json's in a real app); a test may change it. */
  version = '1.2.3'
  getVersion(): string {
    return this.version
  }
  getName(): string {
    return 'Standby'
  }
  /**
   * Every relaunch asked for (an update installing restarts the app). As in Electron, each call
   * starts one more copy once this process ends, however it ends: nothing takes one back. Electron
   * answers whether its relaunch helper started (App::Relaunch returns RelaunchApp's bool, though
   * its typings say void): false plays one that could not start, and that call starts nothing.
   */
  readonly relaunch = vi.fn<(options?: RelaunchOptions) => boolean>(() => this.relaunchHelperStarts)
  /** Whether Electron's relaunch helper process starts; false plays a failed `app.relaunch`. */
  relaunchHelperStarts = true
  /** The OS language Electron reports; a test may change it. */
  locale = 'en-GB'
  getLocale(): string {
    return this.locale
  }
  getAppPath(): string {
    return '/opt/standby-dev'
  }
  /** Answers from `fake.paths`: shared state, since electron-store keeps the `app` it first imported. */
  getPath(name: Parameters<App['getPath']>[0]): string {
    const path = fake.paths[name]
    if (path === undefined) {
      throw new Error(
        `fake app.getPath('${name}') has no answer: set fake.paths.${name} to a temporary directory`,
      )
    }
    return path
  }

  /**
   * The last open window was destroyed. As in Electron, an exit says nothing more, a quit under
   * way goes on to 'will-quit', and otherwise the app quits unless something listens to
   * 'window-all-closed'.
   */
  lastWindowClosed(): void {
    if (this.exited) return
    if (this.quitting) return this.willQuit()
    if (this.listenerCount('window-all-closed') === 0) this.quit()
    else this.emit('window-all-closed', preventableEvent())
  }

  /**
   * Another copy of the app was started with `argv` (on Windows and Linux, a clicked link is its
   * last argument). As in Electron, the first copy gets the second's whole command line, never
   * before 'ready': one that comes earlier is posted until after what the app does as it is ready.
   */
  secondInstance(argv: ReadonlyArray<string> = ['/opt/standby/standby']): void {
    if (!this.readyNow) return void this.ready.then(() => this.secondInstance(argv))
    this.emit('second-instance', preventableEvent(), [...argv], '/', {})
  }

  /**
   * macOS hands the app a link (clicked in a browser, or the link that launched it, possibly
   * before 'ready'). Returns whether the app took it (called preventDefault), as Electron asks.
   */
  openUrl(url: string): boolean {
    const event = preventableEvent()
    this.emit('open-url', event, url)
    return event.defaultPrevented
  }
}

/** A count as Electron's BadgeManager writes it: past its most, that most and a plus. */
function badgeText(count: number): string {
  return count > MOST_BADGE_CONTENT ? `${MOST_BADGE_CONTENT}+` : String(count)
}

/** The highest count a badge shows as it is (badge_manager.h). */
const MOST_BADGE_CONTENT = 99
