import { describe, expect, it } from 'vitest'
import {
  describeFetchFailure,
  describeNetworkCode,
} from '../../../../../src/main/core/connection/network-failure'

/** A failure as fetch reports one: a TypeError whose cause carries Node's code. */
function fetchFailed(code: string): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) })
}

describe('a failed call or connection, described', () => {
  it('names an untrusted certificate, and who can fix it', () => {
    for (const code of ['DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID']) {
      expect(describeFetchFailure(fetchFailed(code), 8_000)).toEqual({
        what: expect.stringMatching(/certificate/),
        remedy: expect.stringMatching(/ask whoever runs the platform/),
        answered: true,
      })
    }
  })

  it('tells a frame the WebSocket refused as a platform that answered and broke the protocol, not one out of reach', () => {
    for (const code of [
      'WS_ERR_INVALID_OPCODE',
      'WS_ERR_INVALID_UTF8',
      'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH',
    ]) {
      const failure = describeNetworkCode(code)
      expect(failure).toMatchObject({
        what: 'sent a message Standby could not read',
        answered: true,
      })
      expect(failure.remedy).not.toMatch(/your connection/)
    }
  })

  it('never puts Node’s code in what the expert reads: the log keeps it', () => {
    for (const code of [
      'CERT_HAS_EXPIRED',
      'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
      'EAI_AGAIN',
      'ETIMEDOUT',
      'EPROTO',
      'ECONNRESET',
      'HPE_INVALID_CONSTANT',
      'WS_ERR_INVALID_OPCODE',
    ]) {
      const failure = describeNetworkCode(code)
      expect(`${failure.what} ${failure.remedy}`).not.toContain(code)
    }
  })

  it('tells a timeout, a refusal and a network with no route apart', () => {
    expect(describeFetchFailure(new DOMException('timed out', 'TimeoutError'), 8_000).what).toBe(
      'no answer within 8 s',
    )
    expect(describeFetchFailure(fetchFailed('ECONNREFUSED'), 8_000).what).toBe('connection refused')
    expect(describeFetchFailure(fetchFailed('EHOSTUNREACH'), 8_000).what).toMatch(/found no way to it/)
    expect(describeFetchFailure(fetchFailed('E_SOMETHING_NEW'), 8_000)).toEqual({
      what: 'E_SOMETHING_NEW',
      remedy: 'Check the address and your connection.',
    })
  })

  it('tells a name no name server could look up (the network down) from a name that does not exist', () => {
    expect(describeFetchFailure(fetchFailed('ENOTFOUND'), 8_000)).toEqual({
      what: 'unknown host',
      remedy: 'Check the address and your connection.',
    })
    // getaddrinfo's "temporary failure": no name server answered, which says nothing against the address.
    const unlooked = describeFetchFailure(fetchFailed('EAI_AGAIN'), 8_000)
    expect(unlooked.what).toBe('no name server answered')
    expect(unlooked.what).not.toMatch(/unknown/)
    expect(unlooked.remedy).toMatch(/^Check your connection/)
    expect(unlooked.remedy).not.toMatch(/address/)
  })

  it('names a certificate not valid yet, or expired, as what a wrong clock on this computer also causes', () => {
    for (const code of ['CERT_NOT_YET_VALID', 'CERT_HAS_EXPIRED']) {
      const failure = describeNetworkCode(code)
      expect(failure.what).toBe('has an expired or not yet valid certificate')
      expect(failure.remedy).toMatch(/this computer’s date and time/)
    }
    // A certificate for another name has nothing to do with the clock.
    expect(describeNetworkCode('ERR_TLS_CERT_ALTNAME_INVALID').remedy).not.toMatch(/date and time/)
  })

  it('tells a secure connection the server would not agree as a server that answered, not one out of reach', () => {
    // The server's alerts, one about a certificate too: it asked this computer for one, or refused it.
    for (const code of [
      'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
      'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
      'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
    ]) {
      expect(describeNetworkCode(code)).toEqual({
        what: 'could not agree on https with Standby',
        remedy:
          'Check the address; if it is right, the platform’s https is set up in a way Standby cannot use: tell whoever runs the platform.',
        answered: true,
      })
    }
  })

  it('tells a server that does not speak HTTP (another service on that port) from a network that is down', () => {
    for (const code of ['HPE_INVALID_CONSTANT', 'HPE_INVALID_VERSION', 'HPE_INVALID_HEADER_TOKEN']) {
      expect(describeFetchFailure(fetchFailed(code), 8_000)).toEqual({
        what: 'is another kind of server, not a web server',
        remedy: 'Check the address and its port: a Standby platform does not answer there.',
        notAPlatform: true,
        answered: true,
      })
    }
  })

  it('tells headers larger than Node reads, from fetch or the WebSocket, as a server that is no platform', () => {
    for (const failure of [
      describeFetchFailure(fetchFailed('UND_ERR_HEADERS_OVERFLOW'), 8_000),
      describeNetworkCode('HPE_HEADER_OVERFLOW'),
    ]) {
      expect(failure).toEqual({
        what: 'answered with headers far larger than a Standby platform sends',
        remedy: 'Check the address and its port: a Standby platform does not answer there.',
        notAPlatform: true,
        answered: true,
      })
    }
  })

  it('tells a server that answered a page from a platform that is down', () => {
    expect(describeNetworkCode('HTTP 404').what).toBe('answered HTTP 404, not as a Standby platform')
    expect(describeNetworkCode('HTTP 503')).toEqual({
      what: 'answered HTTP 503, an error of its own',
      remedy: "The platform may be down or restarting. If this goes on, tell the platform's support.",
      answered: true,
    })
    // A status that is no verdict on the address never sends the expert to check or change it.
    for (const status of ['401', '403', '408', '429']) {
      const failure = describeNetworkCode(`HTTP ${status}`)
      expect(failure.answered).toBe(true)
      expect(failure.what).not.toMatch(/not as a Standby platform/)
      expect(failure.remedy).not.toMatch(/check the address|sign in again/i)
    }
    // Nothing answered: no sentence may say something did.
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'E_SOMETHING_NEW'])
      expect(describeNetworkCode(code).answered).toBeUndefined()
  })

  it('names where a redirect sends Standby, and tells one back to the address asked as a loop', () => {
    const platform = 'http://127.0.0.1:4000/standby'
    expect(describeNetworkCode('HTTP 308 to https://platform.example/standby', platform)).toEqual({
      what: 'sends Standby on to https://platform.example/standby (HTTP 308)',
      remedy: expect.stringMatching(/^If that is your platform’s address, sign out and sign in with it/),
      answered: true,
    })
    // The address asked, as sign-in reads it (a trailing slash, a host's final dot): a loop.
    for (const target of [platform, `${platform}/`, 'http://127.0.0.1:4000/standby']) {
      const loop = describeNetworkCode(`HTTP 302 to ${target}`, platform)
      expect(loop.what).toMatch(/redirects Standby in a loop, back to the address it asked \(HTTP 302\)/)
      expect(loop.remedy).not.toMatch(/sign in/)
    }
    // Without the address asked, no loop can be told: where it points is still named.
    expect(describeNetworkCode(`HTTP 302 to ${platform}`).what).toMatch(/sends Standby on to/)
  })

  it('does not advise signing in with an address a redirect names that Standby would refuse', () => {
    // A proxy ending https in front of a platform that writes its own redirects in plain http: the
    // expert signing in with it would only be told to use https, the address already signed in with.
    const down = describeNetworkCode('HTTP 301 to http://platform.example', 'https://platform.example')
    expect(down.what).toBe(
      'redirects Standby to plain http at http://platform.example (HTTP 301), which Standby does not use to reach another computer',
    )
    expect(down.remedy).not.toMatch(/sign in/)
    expect(down.remedy).toMatch(/whoever runs the platform/)
    // To this computer plain http is an address like any other.
    const local = describeNetworkCode('HTTP 301 to http://127.0.0.1:4001', 'https://platform.example')
    expect(local.remedy).toMatch(/sign out and sign in with it/)
  })

  it('never sends the expert to check an address the platform let Standby in at earlier in the run', () => {
    const platform = 'https://platform.example'
    const blamedTheAddress = [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPROTO',
      'HPE_INVALID_CONSTANT',
      'ERR_NOT_THE_PLATFORM_PROTOCOL',
      'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'HTTP 404',
      'HTTP 200',
      'E_SOMETHING_NEW',
    ]
    for (const code of blamedTheAddress) {
      const fresh = describeNetworkCode(code, platform)
      const reached = describeNetworkCode(code, platform, true, true)
      expect(fresh.remedy, code).toMatch(/^Check the address/)
      expect(reached.remedy, code).not.toMatch(/check the address|sign in/i)
      expect(reached.remedy, code).toMatch(/^The address is right/)
      // What happened is told as before: only the advice changes.
      expect(reached.what, code).toBe(fresh.what)
      expect(reached.notAPlatform, code).toBeUndefined()
    }
    // Advice that never blamed the address stands: the clock, the platform's own error, a gateway.
    for (const code of [
      'ENOTFOUND',
      'CERT_HAS_EXPIRED',
      'HTTP 503',
      'HTTP 401',
      'EAI_AGAIN',
      'WS_ERR_INVALID_OPCODE',
    ]) {
      expect(describeNetworkCode(code, platform, true, true), code).toEqual(
        describeNetworkCode(code, platform, true),
      )
    }
  })

  it('does not send the expert off to the address a redirect names when the platform let Standby in here earlier', () => {
    // A gateway or Wi-Fi sign-in page answering in the platform's place sends Standby on to its own page.
    const platform = 'https://platform.example'
    const portal = 'HTTP 302 to https://wifi.example/login'
    const fresh = describeNetworkCode(portal, platform)
    expect(fresh.remedy).toMatch(/sign out and sign in with it/)
    const reached = describeNetworkCode(portal, platform, true, true)
    expect(reached.what).toBe(fresh.what)
    expect(reached.remedy).toMatch(/^The address is right .*try another network/)
    expect(reached.remedy).not.toMatch(/check the address|sign out/i)
    // A loop back to the address, or a redirect to plain http, blamed neither the address nor the expert's choice of it.
    for (const code of [`HTTP 301 to ${platform}`, 'HTTP 301 to http://platform.example']) {
      expect(describeNetworkCode(code, platform, true, true), code).toEqual(
        describeNetworkCode(code, platform, true),
      )
    }
  })
})
