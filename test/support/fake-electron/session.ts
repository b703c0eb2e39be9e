/** `session.defaultSession` (response headers, permission prompts) and `protocol` (the app's scheme). */
import { vi } from 'vitest'
import type {
  CustomScheme,
  HeadersReceivedResponse,
  OnHeadersReceivedListenerDetails,
  Protocol,
  Session,
  WebRequest,
} from 'electron'

type HeadersListener = (
  details: OnHeadersReceivedListenerDetails,
  callback: (response: HeadersReceivedResponse) => void,
) => void
type PermissionHandler = Parameters<Session['setPermissionRequestHandler']>[0]
type PermissionCheckHandler = Parameters<Session['setPermissionCheckHandler']>[0]

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
export class FakeSession implements Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler'
> {
  private headersListener: HeadersListener | undefined
  private permissionHandler: PermissionHandler = null
  private permissionCheckHandler: PermissionCheckHandler = null

  readonly webRequest: Pick<WebRequest, 'onHeadersReceived'> = {
    onHeadersReceived: (...args: unknown[]): void => {
      this.headersListener = args.at(-1) as HeadersListener
    },
  }

  setPermissionRequestHandler(handler: PermissionHandler): void {
    this.permissionHandler = handler
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler
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
