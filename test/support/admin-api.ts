/** The one way tests and benches call the platform's admin endpoints: JSON, with the start's token. */
import type { PlatformServer } from '../../server/src/platform-server'

/** What a test may change about an admin call, to check the endpoint's own refusals. */
export interface AdminCallOptions {
  /** Sent as is instead of JSON.stringify(body): for bodies the test writes by hand. */
  readonly rawBody?: string
  /** Added to (or replacing) the headers an operator's call carries. */
  readonly headers?: Readonly<Record<string, string>>
}

/** Call an admin endpoint of `server` as the operator would, and return the raw response. */
export function adminFetch(
  server: Pick<PlatformServer, 'url' | 'adminToken'>,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  options: AdminCallOptions = {},
): Promise<Response> {
  const text = options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body))
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${server.adminToken}`,
      ...(text === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body: text,
  })
}
