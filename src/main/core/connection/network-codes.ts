/**
 * Node's error codes for a failed call or connection, sorted by what they mean for the expert:
 * network-failure.ts words each kind.
 */

/** TLS met something that does not speak it: a plain http server at an https:// address. */
export const NOT_TLS = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'EPROTO'])
/** The server hung up without an answer, as a TLS server does at a request in plain http. */
export const HUNG_UP = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'UND_ERR_CLOSED'])
/**
 * A certificate outside its dates, as this computer's clock reads them: a clock set wrong makes a
 * good certificate look so, and changing the address would not help.
 */
export const CLOCK_BOUND_CERTIFICATE = new Set(['CERT_NOT_YET_VALID', 'CERT_HAS_EXPIRED'])
/** No route to the server at all. */
export const NO_ROUTE = new Set([
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
])

/**
 * Node's HTTP parser met bytes that are no HTTP answer (its codes start HPE_): another service
 * (mail, SSH, a database) listens on the port the address names.
 */
export function isNotHttpCode(code: string): boolean {
  return code.startsWith('HPE_')
}

/** Node's codes for a certificate it does not trust: unknown issuer, expired, another name. */
export function isCertificateCode(code: string): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code)
}

/**
 * An answer whose headers were larger than Node reads (undici's code for fetch, the HTTP parser's
 * for the WebSocket): a server answered in HTTP, but not as a platform, whose answers are small.
 */
export const HEADERS_TOO_LARGE = new Set(['UND_ERR_HEADERS_OVERFLOW', 'HPE_HEADER_OVERFLOW'])

/**
 * The code the socket transport reports when what answers the WebSocket's opening answers it in a
 * way no WebSocket server does (ws says why in English and gives no code): an HTTP server that
 * says it switches protocols to anything, or a proxy that alters the answer on its way.
 */
export const NOT_A_WEBSOCKET_OPENING = 'ERR_NOT_A_WEBSOCKET_OPENING'
