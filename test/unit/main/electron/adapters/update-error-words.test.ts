/**
 * electron-updater's failures in words the expert can act on. Most are met end to end in
 * test/integration/main/electron/adapters/; the Windows-only ones cannot be, and are checked here.
 */
import { describe, expect, it } from 'vitest'
import {
  describeUpdaterError,
  serverAnswered,
} from '../../../../../src/main/electron/adapters/update-error-words'

/** An error as electron-updater's newError makes it: a message and a code. */
const updaterError = (message: string, code: string): Error => Object.assign(new Error(message), { code })

describe("electron-updater's errors", () => {
  it('say an installer signed by another publisher was refused, nothing installed (Windows)', () => {
    const error = updaterError(
      'New version 1.3.0 is not signed by the application owner: publisherNames: Standby Software Ltd, raw info: {"SignerCertificate":{}}',
      'ERR_UPDATER_INVALID_SIGNATURE',
    )
    expect(describeUpdaterError(error)).toMatch(
      /^The downloaded installer is not signed by Standby's publisher, so it was refused and nothing was installed \(New version 1\.3\.0 is not signed/,
    )
  })

  it.each([
    'Code signature at URL file:///Users/ana/Library/Caches/com.standby.app.ShipIt/update.x1/Standby.app/ did not pass validation: code failed to satisfy specified code requirement(s)',
    "Error: Couldn't find a code signature at URL file:///Users/ana/Library/Caches/com.standby.app.ShipIt/update.x1/Standby.app/",
  ])(
    'say an update macOS found not signed by the publisher was refused, nothing installed: %s',
    (message) => {
      // Squirrel.Mac's error, as Electron's autoUpdater hands it on: no code.
      expect(describeUpdaterError(new Error(message))).toMatch(
        /^The downloaded update is not signed by Standby's publisher \(macOS checked it\), so it was refused and nothing was installed \((Error: )?(Code signature|Couldn't find)/,
      )
    },
  )

  it.each(['ENOSPC', 'EDQUOT'])(
    'say a disk out of room (%s) is full, and which, when the folder is known',
    (code) => {
      const error = updaterError(`${code}: no space left on device, write`, code)
      expect(describeUpdaterError(error, { downloadFolder: '/home/ana/.cache/standby-updater' })).toBe(
        `The disk that holds /home/ana/.cache/standby-updater, where updates download, is full: free some space on it (${code}: no space left on device, write)`,
      )
      expect(describeUpdaterError(error)).toMatch(
        /^The disk updates download to is full: free some space on it/,
      )
    },
  )

  it('keep to the first line of a message that carries more', () => {
    const error = updaterError(
      'sha512 checksum mismatch, expected a, got b\n    at stack',
      'ERR_CHECKSUM_MISMATCH',
    )
    expect(describeUpdaterError(error)).not.toContain('at stack')
  })
  it('keep a message that quotes the feed at length short: the policy shows and logs it at every check', () => {
    const version = 'v'.repeat(900 * 1024)
    const error = updaterError(
      `This file could not be downloaded, or the latest version (from update server) does not have a valid semver version: "${version}"`,
      'ERR_UPDATER_INVALID_VERSION',
    )
    const said = describeUpdaterError(error)
    expect(said).toMatch(/^The update server's release information is damaged or incomplete \(This file/)
    expect(said.length).toBeLessThan(1000)
  })

  it('say a server found earlier in this run whose name is not found now means no network, as the link says', () => {
    for (const message of ['getaddrinfo ENOTFOUND updates.example', 'net::ERR_NAME_NOT_RESOLVED']) {
      const error = Object.assign(new Error(message), {
        code: message.includes('ENOTFOUND') ? 'ENOTFOUND' : undefined,
      })
      expect(describeUpdaterError(error, { reachedBefore: true })).toBe(
        `Cannot reach the update server: its name could not be looked up, though it was before (${message}). Check your connection: this computer may be offline, or its name server down.`,
      )
      // Never reached in this run: nothing says it was a network gone.
      expect(describeUpdaterError(error)).toBe(`Cannot reach the update server (${message})`)
    }
  })

  it.each([
    ['net::ERR_CERT_DATE_INVALID', undefined],
    ['certificate has expired', 'CERT_HAS_EXPIRED'],
    ['certificate is not yet valid', 'CERT_NOT_YET_VALID'],
  ])(
    'say a certificate out of its dates (%s) may be this computer’s clock, not a network down',
    (message, code) => {
      const said = describeUpdaterError(Object.assign(new Error(message), { code }))
      expect(said).toBe(
        `The update server's certificate is expired or not yet valid by this computer's clock, so nothing was read from it: check this computer's date and time; if they are right, whoever publishes Standby has to renew the certificate (${message})`,
      )
      // The server answered: a later lookup that fails is a network gone.
      expect(serverAnswered(Object.assign(new Error(message), { code }))).toBe(true)
    },
  )

  it.each([
    'net::ERR_CERT_AUTHORITY_INVALID',
    'net::ERR_CERT_COMMON_NAME_INVALID',
    'self-signed certificate',
  ])(
    'say a certificate this computer does not trust (%s) was refused, not that the server is out of reach',
    (message) => {
      const code = message.startsWith('net::') ? undefined : 'DEPTH_ZERO_SELF_SIGNED_CERT'
      expect(describeUpdaterError(Object.assign(new Error(message), { code }))).toMatch(
        /^The update server's certificate is not one this computer trusts, so nothing was read from it: a network that inspects https .* may be in the way; try another network, or whoever publishes Standby has to fix the certificate \(/,
      )
    },
  )

  it.each([
    [
      503,
      'Service Unavailable',
      /^The update server answered with an error of its own \(HTTP 503\): it may be down or busy \(503 Service Unavailable\)$/,
    ],
    [
      404,
      'Not Found',
      /^The update server has no file its release information names \(HTTP 404\): whoever publishes Standby has to publish this release again \(404 Not Found\)$/,
    ],
    [
      403,
      'Forbidden',
      /^The update server refused to send the update \(HTTP 403\): it may serve releases only to some networks, or whoever publishes Standby has to make them readable \(403 Forbidden\)$/,
    ],
    [429, 'Too Many Requests', /^The update server asked Standby to check less often \(HTTP 429\)/],
  ])('say what an HTTP %i from the update server means, not only its status line', (status, text, said) => {
    // As builder-util-runtime's HttpError: the status line, then the headers on the next line.
    const error = Object.assign(new Error(`${status} ${text}\nHeaders: {"server": "cdn"}`), {
      statusCode: status,
      code: `HTTP_ERROR_${status}`,
    })
    expect(describeUpdaterError(error)).toMatch(said)
  })
})
