/** A window's web contents: navigation, window.open and IPC sends; unusable once destroyed. */
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'
import type {
  ContextMenuParams,
  HandlerDetails,
  RenderProcessGoneDetails,
  WebContents,
  WindowOpenHandlerResponse,
} from 'electron'
import { assertNotDestroyed, assertOnScreen, preventableEvent } from './events'
import type { FakeSession } from './session'
import { fake } from './state'

let nextWebContentsId = 1
/** Chromium's net error for a load another navigation took the place of: no error page commits. */
const ERR_ABORTED = -3

/** A window's web contents: navigation, window.open and IPC sends. */
export class FakeWebContents
  extends EventEmitter
  implements
    Pick<
      WebContents,
      | 'id'
      | 'isDestroyed'
      | 'send'
      | 'reload'
      | 'isCrashed'
      | 'forcefullyCrashRenderer'
      | 'replaceMisspelling'
    >
{
  readonly id = nextWebContentsId++
  destroyed = false
  /** Whether the page's renderer is gone (crashed, killed) and nothing was loaded since. */
  crashed = false
  /** Every reload asked for; a reload starts a new renderer, as Electron's does after a crash. */
  readonly reload = vi.fn<WebContents['reload']>(() => {
    assertNotDestroyed(this)
    this.crashed = false
    this.responsive = true
  })
  /**
   * Every renderer ended this way; as Electron documents, its 'render-process-gone' follows
   * (reason 'killed'), and only then does a reload start a renderer that answers. It follows
   * later, not within the call: Chromium hears of the end once the process is gone.
   */
  readonly forcefullyCrashRenderer = vi.fn<WebContents['forcefullyCrashRenderer']>(() => {
    assertNotDestroyed(this)
    this.responsive = true
    queueMicrotask(() => {
      if (!this.destroyed) this.renderProcessGone('killed')
    })
  })
  /** False while the page hangs (between 'unresponsive' and 'responsive'). */
  responsive = true
  /**
   * Every send, including refused ones: like Electron, a send to destroyed contents throws, and so
   * does one carrying what the structured clone algorithm cannot copy.
   */
  readonly send = vi.fn<WebContents['send']>((_channel, ...args) => {
    assertNotDestroyed(this)
    structuredClone(args)
  })
  private windowOpenHandler: Parameters<WebContents['setWindowOpenHandler']>[0] | undefined
  /** Every spelling fix the app applied in the page. */
  readonly replaceMisspelling = vi.fn<WebContents['replaceMisspelling']>(() => {
    assertNotDestroyed(this)
  })

  /** The session of the page: the default one, as for every window the app makes. */
  get session(): FakeSession {
    assertNotDestroyed(this)
    return fake.session
  }

  /** As in Electron, the app hears of every web contents as it is created ('web-contents-created'). */
  constructor() {
    super()
    fake.app.emit('web-contents-created', preventableEvent(), this)
  }

  isDestroyed(): boolean {
    return this.destroyed
  }
  isCrashed(): boolean {
    assertNotDestroyed(this)
    return this.crashed
  }

  /** Plain JavaScript in Electron, so it does not check for destruction either. */
  setWindowOpenHandler(handler: Parameters<WebContents['setWindowOpenHandler']>[0]): void {
    this.windowOpenHandler = handler
  }

  /**
   * The expert right-clicks in the page: 'context-menu' with Electron's params, a plain spot
   * of an editable field unless `params` says otherwise.
   */
  rightClick(params: Partial<ContextMenuParams> = {}): void {
    assertOnScreen('destroyed web contents', !this.destroyed)
    this.emit('context-menu', preventableEvent(), {
      isEditable: true,
      selectionText: '',
      misspelledWord: '',
      dictionarySuggestions: [],
      editFlags: {
        canUndo: false,
        canRedo: false,
        canCut: false,
        canCopy: false,
        canPaste: true,
        canSelectAll: true,
      },
      ...params,
    })
  }

  /**
   * Whether the page's `beforeunload` handler asks to stay (returns a value): as in Electron, that
   * cancels a close of its window silently, unless the app hears 'will-prevent-unload' and
   * prevents it, which lets the page unload all the same.
   */
  refusesUnload = false

  /** The page is asked to unload (its window closes): true if it may, false if it stays. */
  unloads(): boolean {
    if (!this.refusesUnload) return true
    const event = preventableEvent()
    this.emit('will-prevent-unload', event)
    return event.defaultPrevented
  }

  /** The contents go with their window, telling listeners as Electron does. */
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.emit('destroyed')
  }

  /**
   * The page tries to navigate its main frame to `url`; true if the app prevented it. As in
   * Electron, will-frame-navigate comes first and will-navigate only if that one was let through.
   */
  navigate(url: string): boolean {
    if (this.navigateFrame(url, { isMainFrame: true })) return true
    const event = preventableEvent({ url, isSameDocument: false, isMainFrame: true, frame: null })
    this.emit('will-navigate', event, url)
    return event.defaultPrevented
  }

  /** A frame of the page (an iframe unless `isMainFrame`) tries to navigate; true if prevented. */
  navigateFrame(url: string, options: { readonly isMainFrame: boolean }): boolean {
    assertOnScreen('a destroyed page', !this.destroyed)
    const event = preventableEvent({
      url,
      isSameDocument: false,
      isMainFrame: options.isMainFrame,
      frame: null,
    })
    this.emit('will-frame-navigate', event)
    return event.defaultPrevented
  }

  /** The server answers a navigation of the page with a redirect to `url`; true if prevented. */
  redirect(url: string): boolean {
    assertOnScreen('a destroyed page', !this.destroyed)
    const event = preventableEvent({ url, isSameDocument: false, isMainFrame: true, frame: null })
    this.emit('will-redirect', event, url, false, true, 0, 0)
    return event.defaultPrevented
  }

  /** The page calls window.open(url); returns the app's answer. */
  openWindow(url: string): WindowOpenHandlerResponse {
    assertOnScreen('a destroyed page', !this.destroyed)
    if (!this.windowOpenHandler) throw new Error('no window open handler was set')
    const details: HandlerDetails = {
      url,
      frameName: '',
      features: '',
      disposition: 'foreground-tab',
      referrer: { url: '', policy: 'default' },
    }
    return this.windowOpenHandler(details)
  }

  /** The page adds a `<webview>` showing `src`; true if the app refused to attach it. */
  attachWebview(src: string): boolean {
    assertOnScreen('a destroyed page', !this.destroyed)
    const event = preventableEvent()
    const preferences = { preload: '/tmp/guest-preload.js', nodeIntegration: true }
    this.emit('will-attach-webview', event, preferences, { src })
    return event.defaultPrevented
  }

  /**
   * The page calls `navigator.bluetooth.requestDevice` with a device in range; resolves with the
   * device id it gets, undefined when none. As in Electron, a chooser nobody prevented picks the
   * first device found.
   */
  chooseBluetoothDevice(): Promise<string | undefined> {
    assertOnScreen('a destroyed page', !this.destroyed)
    return new Promise((resolve) => {
      const event = preventableEvent()
      const devices = [{ deviceId: 'bt-1', deviceName: 'Headset' }]
      this.emit('select-bluetooth-device', event, devices, (id: string) =>
        resolve(id === '' ? undefined : id),
      )
      if (!event.defaultPrevented) resolve(devices[0]?.deviceId)
    })
  }

  /** The user presses a key in the page; true if the app kept it from the page. */
  pressKey(key: string): boolean {
    assertOnScreen('a destroyed page', !this.destroyed)
    const event = preventableEvent()
    this.emit('before-input-event', event, { type: 'keyDown', key, code: key, isAutoRepeat: false })
    return event.defaultPrevented
  }

  /**
   * The page's renderer process is gone (crashed, killed by the OS, out of memory): the window
   * stays, empty, until the app reloads it. As in Electron, sends to it are dropped, not refused.
   */
  renderProcessGone(reason: RenderProcessGoneDetails['reason'] = 'crashed'): void {
    assertOnScreen('a destroyed page', !this.destroyed)
    this.crashed = true
    const details: RenderProcessGoneDetails = { reason, exitCode: reason === 'clean-exit' ? 0 : 1 }
    this.emit('render-process-gone', preventableEvent(), details)
  }

  /** The page stopped answering (a script in an endless loop): Electron's 'unresponsive'. */
  hang(): void {
    assertOnScreen('a destroyed page', !this.destroyed)
    this.responsive = false
    this.emit('unresponsive', preventableEvent())
  }

  /** The hung page answers again: Electron's 'responsive'. */
  answerAgain(): void {
    assertOnScreen('a destroyed page', !this.destroyed)
    this.responsive = true
    this.emit('responsive', preventableEvent())
  }

  /**
   * A load of the page failed (`errorCode` is Chromium's net error, e.g. -2 ERR_FAILED). As in
   * Electron, a main frame's failure commits Chromium's error page, whose `did-finish-load` follows
   * (with no `did-navigate`, told only of pages that are no error page).
   */
  failLoad(url: string, errorCode = -2, isMainFrame = true): void {
    assertOnScreen('a destroyed page', !this.destroyed)
    this.emit('did-fail-load', preventableEvent(), errorCode, 'ERR_FAILED', url, isMainFrame, 1, 1)
    if (isMainFrame && errorCode !== ERR_ABORTED && !this.destroyed)
      this.emit('did-finish-load', preventableEvent())
  }

  /** The page committed and finished loading: `did-navigate`, then `did-finish-load`, at every reload. */
  finishLoad(url = 'standby-app://app/'): void {
    assertOnScreen('a destroyed page', !this.destroyed)
    this.emit('did-navigate', preventableEvent(), url, 200, 'OK')
    if (!this.destroyed) this.emit('did-finish-load', preventableEvent())
  }

  /** Sends of one push event, their payloads in order. */
  sentOf(channel: string): ReadonlyArray<unknown> {
    return this.send.mock.calls.filter(([sent]) => sent === channel).map(([, payload]) => payload as unknown)
  }
}
