/**
 * A typed fake of the `electron` module, for tests that cannot launch Electron. Each fake
 * implements a `Pick` of Electron's own type for the members our code calls, so a signature change
 * in Electron breaks the fake at compile time rather than letting tests pass against a fiction.
 * Helpers named like user actions (`close`, `navigate`, `clickMenuItem`, `invoke`, `push`,
 * `pressAction`, `play('resume')`…) let a test play the part of Electron, the OS and the user.
 *
 * Use: `vi.mock('electron', async () => (await import('./fake-electron')).electronModule)`, and
 * call `resetFakeElectron()` in `beforeEach`. electron-store is inlined by vitest.config.ts, so its
 * own `import electron from 'electron'` gets this fake too.
 */
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'
import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  ContextBridge,
  CustomScheme,
  Event,
  HandlerDetails,
  HeadersReceivedResponse,
  IpcMain,
  IpcMainInvokeEvent,
  IpcRenderer,
  IpcRendererEvent,
  MenuItemConstructorOptions,
  NativeImage,
  Notification,
  NotificationConstructorOptions,
  OnHeadersReceivedListenerDetails,
  Protocol,
  PowerMonitor,
  SafeStorage,
  Session,
  Settings as LoginItemSettings,
  Shell,
  Tray,
  WebContents,
  WebRequest,
  WindowOpenHandlerResponse,
} from 'electron'

type InvokeListener = Parameters<IpcMain['handle']>[1]
type HeadersListener = (
  details: OnHeadersReceivedListenerDetails,
  callback: (response: HeadersReceivedResponse) => void,
) => void
type PermissionHandler = Parameters<Session['setPermissionRequestHandler']>[0]

/** An Electron event whose `preventDefault` a test can observe. */
export function preventableEvent<P extends object>(params: P = {} as P): Event<P> {
  let prevented = false
  return {
    ...params,
    preventDefault: () => {
      prevented = true
    },
    get defaultPrevented() {
      return prevented
    },
  }
}

let nextWebContentsId = 1

/** A window's web contents: navigation, window.open and IPC sends. */
export class FakeWebContents
  extends EventEmitter
  implements Pick<WebContents, 'id' | 'isDestroyed' | 'send'>
{
  readonly id = nextWebContentsId++
  destroyed = false
  readonly send = vi.fn<WebContents['send']>()
  private windowOpenHandler: Parameters<WebContents['setWindowOpenHandler']>[0] | undefined

  isDestroyed(): boolean {
    return this.destroyed
  }

  setWindowOpenHandler(handler: Parameters<WebContents['setWindowOpenHandler']>[0]): void {
    this.windowOpenHandler = handler
  }

  /** The page tries to navigate to `url`; true if the app prevented it. */
  navigate(url: string): boolean {
    const event = preventableEvent({ url, isSameDocument: false, isMainFrame: true, frame: null })
    this.emit('will-navigate', event, url)
    return event.defaultPrevented
  }

  /** The page calls window.open(url); returns the app's answer. */
  openWindow(url: string): WindowOpenHandlerResponse {
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

  /** The page finished loading. */
  finishLoad(): void {
    this.emit('did-finish-load', preventableEvent())
  }
}

/** A BrowserWindow that tracks visibility instead of drawing anything. */
export class FakeBrowserWindow
  extends EventEmitter
  implements
    Pick<
      BrowserWindow,
      | 'show'
      | 'hide'
      | 'focus'
      | 'restore'
      | 'isMinimized'
      | 'isVisible'
      | 'isDestroyed'
      | 'loadURL'
      | 'loadFile'
      | 'close'
      | 'setPosition'
    >
{
  readonly webContents = new FakeWebContents()
  visible = false
  minimized = false
  focused = false
  destroyed = false
  loaded: { url: string } | { file: string; hash?: string } | undefined
  position: [number, number] = [0, 0]

  constructor(readonly options: BrowserWindowConstructorOptions = {}) {
    super()
    fake.windows.push(this)
  }

  show(): void {
    this.visible = true
  }
  hide(): void {
    this.visible = false
    this.focused = false
  }
  focus(): void {
    this.focused = true
  }
  restore(): void {
    this.minimized = false
    this.visible = true
  }
  minimize(): void {
    this.minimized = true
    this.focused = false
  }
  isMinimized(): boolean {
    return this.minimized
  }
  isVisible(): boolean {
    return this.visible
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  async loadURL(url: string): Promise<void> {
    this.loaded = { url }
  }
  async loadFile(file: string, options?: { hash?: string }): Promise<void> {
    this.loaded = options?.hash === undefined ? { file } : { file, hash: options.hash }
  }
  setPosition(x: number, y: number): void {
    this.position = [x, y]
  }
  /** The window lost focus (the user clicked elsewhere). */
  blur(): void {
    this.focused = false
    this.emit('blur', preventableEvent())
  }

  /** The user (or the app) closes the window; it is destroyed unless a listener prevents it. */
  close(): void {
    if (this.destroyed) return
    const event = preventableEvent()
    this.emit('close', event)
    if (event.defaultPrevented) return
    this.destroyed = true
    this.visible = false
    this.webContents.destroyed = true
    this.emit('closed')
  }

  /** Chromium painted the first frame. */
  readyToShow(): void {
    this.emit('ready-to-show', preventableEvent())
  }
}

/** A menu that keeps the template it was built from (our code only builds menus, never reads them). */
export class FakeMenu {
  constructor(readonly template: ReadonlyArray<MenuItemConstructorOptions>) {}

  static buildFromTemplate(template: Array<MenuItemConstructorOptions>): FakeMenu {
    return new FakeMenu(template)
  }

  /** The item with this id; throws if there is none. */
  item(id: string): MenuItemConstructorOptions {
    const item = this.template.find((candidate) => candidate.id === id)
    if (!item) throw new Error(`no menu item with id ${id}`)
    return item
  }
}

/** A tray icon with a context menu and a tooltip. */
export class FakeTray extends EventEmitter implements Pick<Tray, 'setToolTip' | 'destroy'> {
  menu: FakeMenu | undefined
  toolTip = ''
  destroyed = false

  constructor(readonly image: FakeNativeImage | string) {
    super()
    fake.trays.push(this)
  }

  setContextMenu(menu: FakeMenu | null): void {
    this.menu = menu ?? undefined
  }
  setToolTip(toolTip: string): void {
    this.toolTip = toolTip
  }
  destroy(): void {
    this.destroyed = true
  }

  /** Where the icon sits on screen (what `click` reports). */
  bounds = { x: 1000, y: 0, width: 24, height: 24 }

  /** The user clicks the icon itself. */
  clickIcon(): void {
    this.emit('click', preventableEvent(), this.bounds)
  }

  /** The user picks a menu item. */
  clickMenuItem(id: string): void {
    const item = this.menu?.item(id)
    if (!item?.click) throw new Error(`menu item ${id} has no action`)
    if (item.enabled === false) throw new Error(`menu item ${id} is disabled`)
    item.click(undefined as never, undefined, undefined as never)
  }
}

/** An image loaded from a path; `empty` plays a missing file. */
export class FakeNativeImage implements Pick<NativeImage, 'isEmpty'> {
  constructor(
    readonly path: string,
    private readonly empty = false,
  ) {}
  isEmpty(): boolean {
    return this.empty
  }
}

/** Electron's `app`: lifecycle events, the single-instance lock, quit. */
export class FakeApp
  extends EventEmitter
  implements
    Pick<
      App,
      | 'requestSingleInstanceLock'
      | 'quit'
      | 'exit'
      | 'whenReady'
      | 'getVersion'
      | 'getLocale'
      | 'getAppPath'
      | 'getPath'
      | 'isPackaged'
      | 'setLoginItemSettings'
    >
{
  isPackaged = false
  /** Every call to setLoginItemSettings, in order. */
  readonly setLoginItemSettings = vi.fn<(settings: LoginItemSettings) => void>()
  /** Whether requestSingleInstanceLock succeeds: false plays "another Standby is running". */
  lockAvailable = true
  readonly requestSingleInstanceLock = vi.fn(() => this.lockAvailable)
  /** Like Electron: emits before-quit, then closes every window. */
  readonly quit = vi.fn(() => {
    this.emit('before-quit', preventableEvent())
    for (const window of [...fake.windows]) window.close()
  })
  readonly exit = vi.fn<App['exit']>()
  readonly whenReady = vi.fn(() => Promise.resolve())
  getVersion(): string {
    return '1.2.3'
  }
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

  /** Another copy of the app was started. */
  secondInstance(): void {
    this.emit('second-instance', preventableEvent(), ['standby'], '/', {})
  }
}

/** `protocol`: the app's own scheme, declared before ready and answered by a handler. */
export class FakeProtocol implements Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'> {
  readonly registerSchemesAsPrivileged = vi.fn<(schemes: CustomScheme[]) => void>()
  private readonly handlers = new Map<string, (request: Request) => Response | Promise<Response>>()

  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    if (this.handlers.has(scheme)) throw new Error(`The scheme "${scheme}" is already handled`)
    this.handlers.set(scheme, handler)
  }

  /** A page of the app requests `url` (GET), as the renderer would. */
  async request(url: string): Promise<Response> {
    const handler = this.handlers.get(new URL(url).protocol.slice(0, -1))
    if (!handler) throw new Error(`No handler for ${url}: Chromium would fail the load`)
    return handler(new Request(url))
  }
}

/** `session.defaultSession`: response headers and permission prompts. */
export class FakeSession implements Pick<Session, 'setPermissionRequestHandler'> {
  private headersListener: HeadersListener | undefined
  private permissionHandler: PermissionHandler = null

  readonly webRequest: Pick<WebRequest, 'onHeadersReceived'> = {
    onHeadersReceived: (...args: unknown[]): void => {
      this.headersListener = args.at(-1) as HeadersListener
    },
  }

  setPermissionRequestHandler(handler: PermissionHandler): void {
    this.permissionHandler = handler
  }

  /** A response arrives with these headers; returns what the app told Electron to use instead. */
  receiveResponse(url: string, responseHeaders: Record<string, string[]>): HeadersReceivedResponse {
    if (!this.headersListener) throw new Error('no onHeadersReceived listener was set')
    let answer: HeadersReceivedResponse | undefined
    const details = {
      id: 1,
      url,
      method: 'GET',
      resourceType: 'mainFrame',
      referrer: '',
      timestamp: 0,
      statusLine: 'HTTP/1.1 200 OK',
      statusCode: 200,
      responseHeaders,
    } as const
    this.headersListener(details, (response) => {
      answer = response
    })
    if (!answer) throw new Error('the onHeadersReceived listener did not call back')
    return answer
  }

  /** The page asks for a permission; resolves with the app's decision. */
  requestPermission(permission: 'media' | 'geolocation' | 'notifications'): Promise<boolean> {
    const handler = this.permissionHandler
    if (!handler) return Promise.resolve(true) // Electron's default grants everything
    return new Promise((resolve) =>
      handler(undefined as never, permission, resolve, { isMainFrame: true, requestingUrl: 'file:///' }),
    )
  }
}

/** Electron's `ipcMain`: invoke handlers by channel. */
export class FakeIpcMain implements Pick<IpcMain, 'handle' | 'removeHandler' | 'on'> {
  readonly handlers = new Map<string, InvokeListener>()
  /** Channels with an ipcMain.on listener (our code uses handle(); electron-store registers one). */
  readonly listeners = new Map<string, Array<(...args: unknown[]) => void>>()

  on(channel: string, listener: Parameters<IpcMain['on']>[1]): IpcMain {
    this.listeners.set(channel, [
      ...(this.listeners.get(channel) ?? []),
      listener as (...args: unknown[]) => void,
    ])
    return this as unknown as IpcMain
  }

  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, listener)
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }

  /** A renderer frame at `frameUrl` in `sender` calls ipcRenderer.invoke(channel, ...args). */
  async invoke(
    channel: string,
    from: { sender: FakeWebContents; frameUrl: string | null },
    ...args: unknown[]
  ): Promise<unknown> {
    const listener = this.handlers.get(channel)
    if (!listener) throw new Error(`No handler registered for '${channel}'`)
    // Only the fields our code reads; the rest of IpcMainInvokeEvent is Electron internals.
    const event = {
      ...preventableEvent(),
      sender: from.sender,
      senderFrame: from.frameUrl === null ? null : { url: from.frameUrl },
      frameId: 1,
      processId: 1,
    } as unknown as IpcMainInvokeEvent
    return listener(event, ...args)
  }
}

/** Electron's `ipcRenderer`: invoke and push-event listeners. */
export class FakeIpcRenderer extends EventEmitter implements Pick<IpcRenderer, 'invoke'> {
  readonly invoke = vi.fn<IpcRenderer['invoke']>(async () => undefined)

  /** The main process sends `channel` with `payload` to this renderer. */
  push(channel: string, payload: unknown): void {
    const event = { sender: this, senderId: 0, ports: [] } as unknown as IpcRendererEvent
    this.emit(channel, event, payload)
  }
}

/**
 * `safeStorage`, async API. The "encryption" is reversible but never contains the plain text, so
 * a test can check that a token does not reach the disk in the clear.
 */
export class FakeSafeStorage implements Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
> {
  /** False plays a machine without a usable keychain. */
  available = true
  /** What Linux reports; 'basic_text' means a hardcoded key, i.e. no real protection. */
  backend: ReturnType<SafeStorage['getSelectedStorageBackend']> = 'gnome_libsecret'
  /** True plays a rotated key: the next decryption asks for re-encryption. */
  shouldReEncrypt = false
  /** Bumped to play a new key: data encrypted under an older one no longer decrypts. */
  keyGeneration = 1

  isAsyncEncryptionAvailable = vi.fn(async (): Promise<boolean> => this.available)

  encryptStringAsync = vi.fn(async (plainText: string): Promise<Buffer> => {
    if (!this.available) throw new Error('Encryption is not available.')
    const body = Buffer.from(plainText, 'utf8').map((byte) => byte ^ 0x5a)
    return Buffer.concat([Buffer.from(`fake-v${this.keyGeneration}:`), body])
  })

  decryptStringAsync = vi.fn(
    async (encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> => {
      const prefix = Buffer.from(`fake-v${this.keyGeneration}:`)
      if (!this.available) throw new Error('Decryption is not available.')
      if (!encrypted.subarray(0, prefix.length).equals(prefix))
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
      const body = encrypted.subarray(prefix.length).map((byte) => byte ^ 0x5a)
      return { shouldReEncrypt: this.shouldReEncrypt, result: Buffer.from(body).toString('utf8') }
    },
  )

  getSelectedStorageBackend(): ReturnType<SafeStorage['getSelectedStorageBackend']> {
    return this.backend
  }
}

/** A native notification: remembers its options and whether it is on screen. */
export class FakeNotification extends EventEmitter implements Pick<Notification, 'show' | 'close'> {
  /** Whether the OS supports notifications (Electron's static isSupported()). */
  static isSupported(): boolean {
    return fake.notificationsSupported
  }

  shown = false
  closed = false

  constructor(readonly options: NotificationConstructorOptions = {}) {
    super()
    fake.notifications.push(this)
  }

  show(): void {
    this.shown = true
    this.emit('show', preventableEvent())
  }
  close(): void {
    if (this.closed) return
    this.closed = true
    this.emit('close', preventableEvent({ reason: 'applicationHidden' as const }))
  }

  /** The user clicks the notification's body. */
  click(): void {
    this.emit('click', preventableEvent())
  }
  /** The user presses the action button at `actionIndex`. */
  pressAction(actionIndex: number): void {
    this.emit('action', preventableEvent({ actionIndex, selectionIndex: -1 }), actionIndex, -1)
  }
  /** The user dismisses it (or it times out). */
  dismiss(): void {
    this.closed = true
    this.emit('close', preventableEvent({ reason: 'userCanceled' as const }))
  }
  /** The OS refused to show it. */
  fail(error: string): void {
    this.emit('failed', preventableEvent(), error)
  }
}

/** The powerMonitor events our code listens to. */
type PowerMonitorEvent = 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen'

/** `powerMonitor`: a test plays the machine sleeping, waking, locking and unlocking. */
export class FakePowerMonitor extends EventEmitter implements Pick<PowerMonitor, 'isOnBatteryPower'> {
  isOnBatteryPower(): boolean {
    return false
  }
  /** Emits one of the events with no arguments, as Electron does for these four. */
  play(event: PowerMonitorEvent): void {
    this.emit(event)
  }
}

function freshState() {
  return {
    app: new FakeApp(),
    session: new FakeSession(),
    protocol: new FakeProtocol(),
    ipcMain: new FakeIpcMain(),
    ipcRenderer: new FakeIpcRenderer(),
    shell: { openExternal: vi.fn<Shell['openExternal']>(async () => {}) },
    contextBridge: { exposeInMainWorld: vi.fn<ContextBridge['exposeInMainWorld']>() },
    /**
     * What app.getPath answers. Empty, so nothing writes to a real directory unless a test points
     * it at its own temporary one (`fake.paths.userData = dir`).
     */
    paths: {} as Partial<Record<Parameters<App['getPath']>[0], string>>,
    safeStorage: new FakeSafeStorage(),
    powerMonitor: new FakePowerMonitor(),
    /** Whether nativeImage finds files: false plays missing icons. */
    imagesExist: true,
    /** Whether Notification.isSupported(): false plays a system without notifications. */
    notificationsSupported: true,
    windows: [] as FakeBrowserWindow[],
    trays: [] as FakeTray[],
    notifications: [] as FakeNotification[],
  }
}

// Kept on globalThis so that a test which re-imports modules (vi.resetModules) and gets a second
// copy of this file still shares one state with the copy behind the mocked `electron` module.
const STATE = Symbol.for('standby.test.fake-electron')
const globals = globalThis as typeof globalThis & { [STATE]?: ReturnType<typeof freshState> }

/** The fakes' shared state, reset between tests. */
export const fake = (globals[STATE] ??= freshState())

const namedExports = {
  get app() {
    return fake.app
  },
  get ipcMain() {
    return fake.ipcMain
  },
  get protocol() {
    return fake.protocol
  },
  get ipcRenderer() {
    return fake.ipcRenderer
  },
  get shell() {
    return fake.shell
  },
  get contextBridge() {
    return fake.contextBridge
  },
  session: {
    get defaultSession() {
      return fake.session
    },
  },
  nativeImage: {
    createFromPath: (path: string): FakeNativeImage => new FakeNativeImage(path, !fake.imagesExist),
  },
  get safeStorage() {
    return fake.safeStorage
  },
  get powerMonitor() {
    return fake.powerMonitor
  },
  screen: {
    /** One 1440×900 display with a 24 px menu bar at the top. */
    getDisplayMatching: () => ({ workArea: { x: 0, y: 24, width: 1440, height: 876 } }),
  },
  BrowserWindow: FakeBrowserWindow,
  Menu: FakeMenu,
  Notification: FakeNotification,
  Tray: FakeTray,
}

/**
 * What `import … from 'electron'` returns under `vi.mock('electron', …)`. The default export is
 * the module itself, as with the real CommonJS module (electron-store does `import electron`).
 */
export const electronModule = Object.assign(namedExports, { default: namedExports })

/** Fresh fakes for the next test. */
export function resetFakeElectron(): void {
  Object.assign(fake, freshState())
}
