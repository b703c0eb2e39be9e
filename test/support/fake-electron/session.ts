/**
 * `session.defaultSession` and the partitions' sessions (response headers, permission prompts,
 * device choosers, downloads) and `protocol` (the app's scheme).
 */
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'
import type {
  DownloadItem,
  CustomScheme,
  HeadersReceivedResponse,
  OnHeadersReceivedListenerDetails,
  Protocol,
  Session,
  WebRequest,
} from 'electron'
import { preventableEvent } from './events'
import { fake } from './state'

type HeadersListener = (
  details: OnHeadersReceivedListenerDetails,
  callback: (response: HeadersReceivedResponse) => void,
) => void
type PermissionHandler = Parameters<Session['setPermissionRequestHandler']>[0]
type PermissionCheckHandler = Parameters<Session['setPermissionCheckHandler']>[0]
type DevicePermissionHandler = Parameters<Session['setDevicePermissionHandler']>[0]
type PairingHandler = Parameters<Session['setBluetoothPairingHandler']>[0]

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

/**
 * A session: response headers, permission prompts, device choosers and downloads. Like Electron's,
 * each session has its own handlers, and one without them answers as Electron's defaults do.
 */
export class FakeSession
  extends EventEmitter
  implements
    Pick<
      Session,
      | 'setPermissionRequestHandler'
      | 'setPermissionCheckHandler'
      | 'setDevicePermissionHandler'
      | 'setBluetoothPairingHandler'
      | 'addWordToSpellCheckerDictionary'
    >
{
  private headersListener: HeadersListener | undefined
  private permissionHandler: PermissionHandler = null
  private permissionCheckHandler: PermissionCheckHandler = null
  private devicePermissionHandler: DevicePermissionHandler = null
  private pairingHandler: PairingHandler = null
  /** The words added to the spell checker's custom dictionary. */
  readonly dictionaryWords: string[] = []

  /** The partition it was made for (`''` for the default session). */
  constructor(readonly partition = '') {
    super()
  }

  readonly webRequest: Pick<WebRequest, 'onHeadersReceived'> = {
    onHeadersReceived: (...args: unknown[]): void => {
      this.headersListener = args.at(-1) as HeadersListener
    },
  }

  /** As in Electron, an in-memory session (a partition not named `persist:…`) keeps no dictionary: false. */
  addWordToSpellCheckerDictionary(word: string): boolean {
    if (this.partition !== '' && !this.partition.startsWith('persist:')) return false
    this.dictionaryWords.push(word)
    return true
  }

  setPermissionRequestHandler(handler: PermissionHandler): void {
    this.permissionHandler = handler
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler
  }

  setDevicePermissionHandler(handler: DevicePermissionHandler): void {
    this.devicePermissionHandler = handler
  }

  setBluetoothPairingHandler(handler: PairingHandler): void {
    this.pairingHandler = handler
  }

  /**
   * A page calls `navigator.hid|usb.requestDevice` or `navigator.serial.requestPort` while a device
   * is plugged in; resolves with the device id the page gets, undefined when none. As in Electron,
   * a chooser nobody prevented is cancelled, and one prevented but never answered leaves the page
   * waiting (the promise never settles).
   */
  chooseDevice(kind: 'hid' | 'usb' | 'serial'): Promise<string | undefined> {
    return new Promise((resolve) => {
      const event = preventableEvent()
      const answer = (id?: string | null): void => resolve(id === null || id === '' ? undefined : id)
      const device = { deviceId: `${kind}-1`, name: 'Keyboard', productId: 1, vendorId: 1 }
      if (kind === 'serial') {
        this.emit('select-serial-port', event, [{ portId: 'serial-1', portName: 'ttyS0' }], null, answer)
      } else {
        this.emit(`select-${kind}-device`, event, { deviceList: [device], frame: null }, answer)
      }
      if (!event.defaultPrevented) resolve(undefined)
    })
  }

  /**
   * A page uses a device Chromium remembers granting it; whether it may. With no handler Electron
   * keeps Chromium's remembered grant.
   */
  checkDevice(kind: 'hid' | 'usb' | 'serial'): boolean {
    const handler = this.devicePermissionHandler
    if (!handler) return true
    return handler({
      deviceType: kind,
      origin: 'https://evil.example',
      device: { deviceId: `${kind}-1` },
    } as never)
  }

  /** Windows or Linux asks to pair a Bluetooth device with a PIN; resolves with whether it paired. */
  pairBluetooth(): Promise<boolean> {
    const handler = this.pairingHandler
    if (!handler) return Promise.resolve(true) // Chromium's own prompt; the user may well click it
    return new Promise((resolve) =>
      handler({ deviceId: 'bt-1', pairingKind: 'confirm', frame: null } as never, (response) =>
        resolve(response.confirmed),
      ),
    )
  }

  /**
   * A page starts downloading `url` (a link with `download`, a response saved as a file); true if
   * the app refused it. Unrefused, Electron saves it, asking where or not.
   */
  download(url: string): boolean {
    const event = preventableEvent()
    const item = { getURL: () => url, cancel: vi.fn() } as Pick<DownloadItem, 'getURL' | 'cancel'>
    this.emit('will-download', event, item, null, null)
    return event.defaultPrevented || (item.cancel as ReturnType<typeof vi.fn>).mock.calls.length > 0
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

  /** The page checks a permission without asking (clipboard, `navigator.permissions.query`). */
  checkPermission(permission: 'clipboard-read' | 'media' | 'geolocation' | 'hid' | 'serial'): boolean {
    const handler = this.permissionCheckHandler
    if (!handler) return true // Electron's default grants everything here too
    return handler(null, permission, 'standby://app', { isMainFrame: true, requestingUrl: 'standby://app/' })
  }
}

/**
 * `session.fromPartition`: one session per partition, made on first use; as in Electron, the app
 * hears of each new one ('session-created'). electron-updater makes one for its downloads.
 */
export function fakeSessionFromPartition(partition: string): FakeSession {
  const known = fake.partitions.get(partition)
  if (known !== undefined) return known
  const session = new FakeSession(partition)
  fake.partitions.set(partition, session)
  fake.app.emit('session-created', session)
  return session
}
