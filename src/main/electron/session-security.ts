/** Session-wide protections that apply to every page the app loads, whatever loaded it. */
import { type Session, type WebRequest } from 'electron'

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
