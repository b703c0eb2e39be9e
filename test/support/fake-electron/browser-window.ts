/**
 * A BrowserWindow that tracks visibility instead of drawing anything. Once destroyed (closed
 * without a 'close' listener preventing it, or destroy()), every method but `isDestroyed()` and
 * `destroy()` throws Electron's "Object has been destroyed" TypeError, `webContents` included;
 * listening (`on`, `once`) still works, as it does on Electron's EventEmitter.
 */
import { EventEmitter } from 'node:events'
import type { BrowserWindow, BrowserWindowConstructorOptions, NativeImage } from 'electron'
import { assertNotDestroyed, assertOnScreen, emitSoon, preventableEvent } from './events'
import { fake } from './state'
import type { FakeNativeImage } from './tray'
import { FakeWebContents } from './web-contents'

/** What a window loaded, for tests to read. */
export type LoadedPage = { url: string } | { file: string; hash?: string }

/** A BrowserWindow that tracks visibility instead of drawing anything. */
export class FakeBrowserWindow
  extends EventEmitter
  implements
    Pick<
      BrowserWindow,
      | 'show'
      | 'showInactive'
      | 'moveTop'
      | 'hide'
      | 'focus'
      | 'isFocused'
      | 'restore'
      | 'minimize'
      | 'isMinimized'
      | 'isVisible'
      | 'isDestroyed'
      | 'loadURL'
      | 'loadFile'
      | 'close'
      | 'destroy'
      | 'setPosition'
      | 'getNormalBounds'
      | 'getBounds'
      | 'setBounds'
      | 'maximize'
      | 'unmaximize'
      | 'isMaximized'
      | 'isFullScreen'
      | 'setFullScreen'
      | 'flashFrame'
      | 'setOverlayIcon'
    >
{
  /** The contents, readable by a test even after the window is gone (Electron's getter throws). */
  readonly contents = new FakeWebContents()
  visible = false
  minimized = false
  focused = false
  destroyed = false
  loaded: LoadedPage | undefined
  position: [number, number] = [0, 0]
  /** The window's size when neither maximized nor full screen: the constructor's (800×600 by default). */
  size: [number, number] = [800, 600]
  maximized = false
  fullScreen = false
  /** Whether the taskbar button flashes for attention (flashFrame). */
  flashing = false
  /** The taskbar button's overlay (Windows) and its spoken description; null when cleared. */
  overlay: { image: FakeNativeImage; description: string } | null = null

  /** The window with the focus, as Electron says: none once it was destroyed or lost it. */
  static getFocusedWindow(): FakeBrowserWindow | null {
    return fake.windows.find((w) => w.focused && !w.destroyed) ?? null
  }

  constructor(readonly options: BrowserWindowConstructorOptions = {}) {
    super()
    fake.app.assertReady('Cannot create BrowserWindow')
    // Electron centres a window given no position on the display it opens on.
    const { workArea } = fake.displays[0]!
    const [width, height] = [options.width ?? 800, options.height ?? 600]
    this.size = [width, height]
    this.position = [
      options.x ?? workArea.x + Math.round((workArea.width - width) / 2),
      options.y ?? workArea.y + Math.round((workArea.height - height) / 2),
    ]
    this.fullScreen = options.fullscreen ?? false
    fake.windows.push(this)
  }

  get webContents(): FakeWebContents {
    assertNotDestroyed(this)
    return this.contents
  }

  flashFrame(flag: boolean): void {
    assertNotDestroyed(this)
    this.flashing = flag
  }
  show(): void {
    assertNotDestroyed(this)
    this.shown()
  }
  /** On screen without the focus: the window that had it keeps it, as in Electron. */
  showInactive(): void {
    assertNotDestroyed(this)
    this.shown()
  }
  /**
   * On top of the other windows, the focus left where it is, as Electron's moveTop (Windows'
   * SetWindowPos with SWP_NOACTIVATE, macOS's orderWindow:NSWindowAbove). Counted for tests.
   */
  moveTop(): void {
    assertNotDestroyed(this)
    this.raised += 1
  }
  /** How many times moveTop raised the window. */
  raised = 0
  /** Hidden, the window has no taskbar button, and Windows drops the overlay that was on it; its focus goes. */
  hide(): void {
    assertNotDestroyed(this)
    this.visible = false
    this.blur()
    this.overlay = null
  }
  isFocused(): boolean {
    assertNotDestroyed(this)
    return this.focused
  }
  /** Gives the window the focus; as in Electron, 'focus' is told (soon) when it did not have it. */
  focus(): void {
    assertNotDestroyed(this)
    if (this.focused) return
    // One window has the focus: the one that had it loses it, as the platform moves it.
    for (const other of fake.windows) if (other !== this && other.focused && !other.destroyed) other.blur()
    this.focused = true
    emitSoon(this, 'focus')
  }
  restore(): void {
    assertNotDestroyed(this)
    const wasMinimized = this.minimized
    this.minimized = false
    this.shown()
    if (wasMinimized) this.emit('restore') // as Electron's, also for the expert's own, at the taskbar or Dock
  }
  minimize(): void {
    assertNotDestroyed(this)
    this.minimized = true
    this.blur()
  }
  isMinimized(): boolean {
    assertNotDestroyed(this)
    return this.minimized
  }
  isVisible(): boolean {
    assertNotDestroyed(this)
    return this.visible
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  async loadURL(url: string): Promise<void> {
    assertNotDestroyed(this)
    this.loaded = { url }
  }
  async loadFile(file: string, options?: { hash?: string }): Promise<void> {
    assertNotDestroyed(this)
    this.loaded = options?.hash === undefined ? { file } : { file, hash: options.hash }
  }
  /** Takes whole numbers only: Electron converts both to int and refuses anything else. */
  setPosition(x: number, y: number): void {
    assertNotDestroyed(this)
    for (const [index, value] of [x, y].entries()) {
      if (!Number.isInteger(value) || Math.abs(value) > 2 ** 31 - 1)
        throw new TypeError(`Error processing argument at index ${index}, conversion failure from ${value}`)
    }
    this.position = [x, y]
  }
  /** Where the window is: its normal bounds (the fake draws no maximized or full-screen frame). */
  getBounds = (): { x: number; y: number; width: number; height: number } => this.getNormalBounds()
  /** Moves and sizes the window; whole numbers only, as Electron converts each to int. */
  setBounds(bounds: Partial<{ x: number; y: number; width: number; height: number }>): void {
    assertNotDestroyed(this)
    const next = { ...this.getNormalBounds(), ...bounds }
    for (const [index, value] of Object.values(next).entries()) {
      if (!Number.isInteger(value)) throw new TypeError(`Error processing argument at index ${index}`)
    }
    this.position = [next.x, next.y]
    this.size = [next.width, next.height]
    this.emit('move')
    this.emit('resize')
  }
  /** The bounds the window has, or returns to from maximized or full screen. */
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    assertNotDestroyed(this)
    const [[x, y], [width, height]] = [this.position, this.size]
    return { x, y, width, height }
  }
  /**
   * As in Electron, maximizing a hidden window also shows it: on macOS without the focus (Electron's
   * ShowInactive), on Windows and Linux activated (Chromium shows it SW_SHOWMAXIMIZED, or maps it
   * activated; neither has an inactive way to show a window maximized).
   */
  maximize(): void {
    assertNotDestroyed(this)
    this.maximized = true
    if (this.visible || fake.platform === 'darwin') return this.shown()
    this.shown()
    this.focus()
  }
  /** Back to its normal bounds, by the app or the expert: 'unmaximize', as Electron tells both. */
  unmaximize(): void {
    assertNotDestroyed(this)
    if (!this.maximized) return
    this.maximized = false
    this.emit('unmaximize')
  }
  isMaximized(): boolean {
    assertNotDestroyed(this)
    return this.maximized
  }
  isFullScreen(): boolean {
    assertNotDestroyed(this)
    return this.fullScreen
  }
  /** Into or out of full screen, by the app or the expert, told as Electron tells either change. */
  setFullScreen(flag: boolean): void {
    assertNotDestroyed(this)
    if (this.fullScreen === flag) return
    this.fullScreen = flag
    this.emit(flag ? 'enter-full-screen' : 'leave-full-screen')
  }
  /** The user moved and resized the window by hand. */
  moveTo(bounds: { x: number; y: number; width: number; height: number }): void {
    assertOnScreen('a destroyed window', !this.destroyed)
    this.position = [bounds.x, bounds.y]
    this.size = [bounds.width, bounds.height]
    this.emit('move')
    this.emit('resize')
  }
  /** Now on screen; as in Electron, 'show' is emitted when it was not. */
  private shown(): void {
    if (this.visible) return
    this.visible = true
    this.emit('show')
  }

  /**
   * Windows only: elsewhere Electron does nothing with it, and so does the fake. A window not on
   * screen (not shown yet, or hidden) has no taskbar button, and ITaskbarList3 calls made before
   * the button exists are lost (Electron restores only thumbar buttons once it is created).
   */
  setOverlayIcon(image: NativeImage | null, description: string): void {
    assertNotDestroyed(this)
    if (fake.platform !== 'win32' || !this.visible) return
    this.overlay = image === null ? null : { image: image as unknown as FakeNativeImage, description }
  }

  /**
   * The user (Cmd+W, Alt+F4, the close button) or the app closes the window: 'close' first, and
   * unless a listener prevents it, or the page's beforeunload refuses, the window is destroyed. Throws on a destroyed window, as
   * Electron does.
   */
  close(): void {
    assertNotDestroyed(this)
    // Electron asks again only once the close under way is done.
    if (this.closing) return
    const event = preventableEvent()
    this.emit('close', event)
    if (event.defaultPrevented) return fake.app.windowCloseCancelled()
    // Electron asks the page's beforeunload after 'close': a page that refuses keeps its window.
    if (!this.contents.unloads()) return fake.app.windowCloseCancelled()
    if (fake.pendingCloses) this.closing = true
    else this.destroy()
  }

  /** True between a close that went ahead and 'closed', while `fake.pendingCloses` holds it. */
  closing = false

  /** The page of a window closing (with `fake.pendingCloses`) has unloaded: it is destroyed. */
  finishClose(): void {
    if (!this.closing) throw new Error('finishClose: no close of this window is under way')
    this.closing = false
    this.destroy()
  }

  /** Destroys the window without asking its 'close' listeners; harmless when already destroyed. */
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.visible = false
    this.focused = false
    this.contents.destroy()
    this.emit('closed')
    if (fake.windows.every((window) => window.isDestroyed())) fake.app.lastWindowClosed()
  }

  /** The window lost focus (the user clicked elsewhere): 'blur', told soon; none if it had none, as in Electron. */
  blur(): void {
    assertOnScreen('a destroyed window', !this.destroyed)
    if (!this.focused) return
    this.focused = false
    emitSoon(this, 'blur', preventableEvent())
  }

  /**
   * Windows ends the session (a logout, a shutdown): 'session-end' with its reasons, on Windows
   * only. Nothing closes the window, no 'close' or 'closed' follows: the process is ended next.
   */
  sessionEnds(reasons: string[] = ['logoff']): void {
    if (fake.platform !== 'win32')
      throw new Error(`Electron emits 'session-end' on Windows only, not on ${fake.platform}`)
    if (this.destroyed) return
    this.emit('session-end', preventableEvent({ reasons }))
  }

  /** Chromium painted the first frame. */
  readyToShow(): void {
    assertOnScreen('a destroyed window', !this.destroyed)
    this.emit('ready-to-show', preventableEvent())
  }
}
