/**
 * Session-wide protections that apply to every page the app loads, whatever loaded it, in every
 * session: the default one and any Electron creates later (a partition asked for by a library, a
 * guest's), since each session keeps its own handlers and starts with Electron's permissive defaults.
 */
import { type Session, type WebRequest } from 'electron'
import { describeAddress } from '../../shared/describe-untrusted'
import type { Logger } from '../../shared/logger'

/** What the app sets on a session: headers, permission and device handlers, download and device events. */
export type SecurableSession = Pick<
  Session,
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setDevicePermissionHandler'
  | 'setBluetoothPairingHandler'
  | 'on'
> & { readonly webRequest: Pick<WebRequest, 'onHeadersReceived'> }

/** What every session is locked down with. */
export interface SessionSecurityOptions {
  /** The Content-Security-Policy every response gets. */
  readonly policy: string
  readonly log: Logger
}

/** Sessions already locked down: each is done once, however many ways it is reached. */
const secured = new WeakSet<object>()

/**
 * Locks down the default session now and every session Electron creates from now on, so a
 * partition made later (by a library, or a page's guest) is never left with Electron's defaults.
 */
export function secureEverySession(
  app: { on(event: 'session-created', listener: (session: Session) => void): unknown },
  defaultSession: SecurableSession,
  options: SessionSecurityOptions,
): void {
  app.on('session-created', (session) => secureSession(session, options))
  secureSession(defaultSession, options)
}

/** The CSP on every response, and no permission, device, pairing or download for any page. */
export function secureSession(session: SecurableSession, options: SessionSecurityOptions): void {
  if (secured.has(session)) return
  secured.add(session)
  enforceContentSecurityPolicy(session, options.policy)
  denyPermissionRequests(session)
  refuseDevicesAndDownloads(session, options.log)
}

/** Adds our Content-Security-Policy to every response, replacing any the response carried. */
export function enforceContentSecurityPolicy(
  session: { readonly webRequest: Pick<WebRequest, 'onHeadersReceived'> },
  policy: string,
): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(
        ([name]) => name.toLowerCase() !== 'content-security-policy',
      ),
    )
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [policy] } })
  })
}

/**
 * Refuses camera, microphone, geolocation and every other web permission: the UI needs none. Both
 * handlers answer no, since Chromium asks the check handler alone for some permissions (the
 * clipboard, `navigator.permissions.query`, HID and serial), and Electron grants those by default.
 */
export function denyPermissionRequests(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

/**
 * No page may reach a HID, serial, USB or Bluetooth device, nor save a file: the UI needs none,
 * and a page made to ask (an injected script, a hostile link) must get nothing. A device grant
 * Chromium remembered from before is refused too, and every chooser is answered "none" at once.
 */
function refuseDevicesAndDownloads(session: SecurableSession, log: Logger): void {
  session.setDevicePermissionHandler(() => false)
  session.setBluetoothPairingHandler((_details, callback) => callback({ confirmed: false }))
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault()
    callback()
    log.warn('Refused a page access to a HID device: Standby uses none.')
  })
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault()
    callback()
    log.warn('Refused a page access to a USB device: Standby uses none.')
  })
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault()
    callback('')
    log.warn('Refused a page access to a serial port: Standby uses none.')
  })
  session.on('will-download', (event, item) => {
    event.preventDefault()
    log.warn(`Refused a download of ${describeAddress(item.getURL())}: Standby's pages download nothing.`)
  })
}
