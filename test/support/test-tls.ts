/**
 * A self-signed certificate for 127.0.0.1 and localhost, for tests of the app's connections to a
 * platform served over TLS. It protects nothing: tests talk only to loopback, and trust it by name.
 */
import { Agent as HttpsAgent } from 'node:https'
import { connect, type AddressInfo, type Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { createServer as createTlsServer } from 'node:tls'
import { vi } from 'vitest'

/** The certificate's private key (PEM). */
export const TEST_TLS_KEY = `
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgoUVlKGA1KLMJ9G94
/gf6JY7GeNGNZe9WJyb3jAGkTcShRANCAASFGKriZs748Yp8LJthFxkpdDRXmpo0
iK/GnY5Vo3ocSvnPb1e2kjzmYFnofqViH9WmEKtqLAGv6PWs4qk5TRPk
-----END PRIVATE KEY-----
`

/** The certificate (PEM), valid for a century from 2026. */
export const TEST_TLS_CERT = `
-----BEGIN CERTIFICATE-----
MIIBmjCCAUGgAwIBAgIUexq36TLX6IGHENG8EASBgO6gGmYwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwNjE0MTMwN1oYDzIxMjYxMTEy
MTQxMzA3WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASFGKriZs748Yp8LJthFxkpdDRXmpo0iK/GnY5Vo3ocSvnPb1e2kjzm
YFnofqViH9WmEKtqLAGv6PWs4qk5TRPko28wbTAdBgNVHQ4EFgQU7LpB0MpLxlNB
HwVkO9rrfanTgAUwHwYDVR0jBBgwFoAU7LpB0MpLxlNBHwVkO9rrfanTgAUwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwCgYIKoZI
zj0EAwIDRwAwRAIgDE68WKAua1Vue4rhLWAz8DaLW8mIeCbn74q9WuiwwzYCID5e
+Bv8J5/2vGWRf7PuRRw0BVcjIsD50QujG/RamIDQ
-----END CERTIFICATE-----
`

/**
 * A TLS front on a free loopback port for the plain server on `targetPort`, as a platform served
 * over https is reached: each connection's bytes are decrypted and passed on, and back.
 */
export async function startTlsFront(
  targetPort: number,
): Promise<{ readonly port: number; close(): Promise<void> }> {
  const open = new Set<Socket>()
  const front = createTlsServer({ key: TEST_TLS_KEY, cert: TEST_TLS_CERT }, (secure) => {
    const plain = connect(targetPort, '127.0.0.1')
    open.add(secure)
    const drop = (): void => {
      open.delete(secure)
      secure.destroy()
      plain.destroy()
    }
    secure.on('error', drop).on('close', drop)
    plain.on('error', drop).on('close', drop)
    secure.pipe(plain).pipe(secure)
  })
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve))
  return {
    port: (front.address() as AddressInfo).port,
    close: async () => {
      for (const socket of open) socket.destroy()
      await new Promise<void>((resolve) => front.close(() => resolve()))
    },
  }
}

/**
 * Trust the test's self-signed platform until cleanup: the app's agent opens each TLS connection
 * through https' own, given the test's certificate as the authority here.
 */
export function trustTestCertificate(defer: (fn: () => void) => void): void {
  const secured = HttpsAgent.prototype.createConnection
  const trusting = vi.spyOn(HttpsAgent.prototype, 'createConnection').mockImplementation(function (
    this: HttpsAgent,
    options: object,
    ...rest: unknown[]
  ) {
    return Reflect.apply(secured, this, [{ ...options, ca: TEST_TLS_CERT }, ...rest]) as Duplex
  })
  defer(() => trusting.mockRestore())
}
