/**
 * The update server's name no longer found: once the server answered earlier in this run, the
 * expert reads that the computer may be offline, not that the address may be wrong. Served on
 * loopback under `localhost`, whose lookup the test fails as an offline computer's does.
 */
import dns from 'node:dns'
import type { ServerResponse } from 'node:http'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { release, useAppImageReleases } from '../../../../support/appimage-release'
import { resetFakeElectron } from '../../../../support/fake-electron'

const { serve, installedApp } = useAppImageReleases()

beforeEach(() => {
  resetFakeElectron()
})

afterEach(() => {
  vi.mocked(dns.lookup).mockRestore?.()
})

/** What the expert reads once the name was found earlier in this run. */
const OFFLINE =
  /^Cannot reach the update server: its name could not be looked up, though it was before \(.*ENOTFOUND localhost.*\)\. Check your connection: this computer may be offline, or its name server down\.$/

/** What the expert reads when the name was never found in this run. */
const NEVER_FOUND = /^Cannot reach the update server \(.*ENOTFOUND localhost.*\)$/

/** From now on no name is found, as on a computer gone offline. */
function goOffline(): void {
  vi.spyOn(dns, 'lookup').mockImplementation(((host: string, ...rest: unknown[]) => {
    const callback = rest.at(-1) as (error: Error) => void
    const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })
    process.nextTick(() => callback(error))
  }) as typeof dns.lookup)
}

/** An installed AppImage whose feed is 1.3.0, named by `localhost`. */
async function installedByName(files: Record<string, string | Buffer> = release('1.3.0').files) {
  const { server, url } = await serve(files)
  // Each answer on its own connection, so each request after going offline looks the name up.
  server.prependListener('request', (_request, response: ServerResponse) =>
    response.setHeader('connection', 'close'),
  )
  return installedApp(url.replace('127.0.0.1', 'localhost'))
}

describe('an update server whose name is no longer found', () => {
  it('after a check it answered, says at the next check that this computer may be offline', async () => {
    const { updater } = await installedByName()
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    goOffline()
    await expect(updater.check('stable')).rejects.toThrow(OFFLINE)
  })

  it('after a check it answered, says so of a download too', async () => {
    const { updater } = await installedByName()
    await updater.check('stable')
    goOffline()
    await expect(updater.download(() => {})).rejects.toThrow(OFFLINE)
  })

  it('after a check it answered with no release for this system, says so as well', async () => {
    const { updater } = await installedByName({})
    await expect(updater.check('stable')).rejects.toThrow(
      /^The update server has no valid release information/,
    )
    goOffline()
    await expect(updater.check('stable')).rejects.toThrow(OFFLINE)
  })

  it('never found in this run, does not say it was found before', async () => {
    const { updater } = await installedByName()
    goOffline()
    await expect(updater.check('stable')).rejects.toThrow(NEVER_FOUND)
  })
})
