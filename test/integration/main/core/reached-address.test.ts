// The platform let Standby in at this address earlier in the run; then every attempt fails: the
// connection reset, refused, or something else answering in the platform's place (a Wi-Fi sign-in
// page). The address is right, so what the expert reads must not send them to check or change it.
import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import type { ConnectionState } from '../../../../src/shared/connection-state'
import { useCleanup } from '../../../support/cleanup'
import { startProxiedExpert, type ProxiedExpert } from '../../../support/proxied-expert'
import { recordingLog } from '../../../support/recording-log'

/** The reason the core shows once an attempt after the loss has failed, and the log's line for it. */
async function reasonAfterLoss(world: ProxiedExpert, log: ReturnType<typeof recordingLog>) {
  const { core } = world
  const failed = await core.waitForState(
    (s) => (s.status === 'reconnecting' || s.status === 'offline') && s.reason.startsWith('The '),
  )
  await log.logged('Could not connect to the platform')
  const line = log.lines.find((l) => l.includes('Could not connect to the platform'))
  return { reason: (failed as Extract<ConnectionState, { reason: string }>).reason, line: line ?? '' }
}

describe('an address the platform let Standby in at earlier in the run', () => {
  const defer = useCleanup()

  /** The reason shown once a web page answering as `answer` does stands in the platform's place. */
  async function reasonAfterPageInPlace(answer: RequestListener) {
    const page = createServer(answer)
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve))
    defer(() => new Promise<void>((resolve) => page.close(() => resolve())))
    const log = recordingLog()
    const world = await startProxiedExpert(defer, { log })
    world.proxy.retarget((page.address() as AddressInfo).port)
    world.proxy.resetAll()
    return reasonAfterLoss(world, log)
  }

  it('whose connections are then reset at once: says the address is right and to check the connection', async () => {
    const log = recordingLog()
    const world = await startProxiedExpert(defer, { log })
    world.proxy.refuse(true)
    world.proxy.resetAll()
    const { reason, line } = await reasonAfterLoss(world, log)
    expect(reason).toMatch(/is unreachable \(the server hung up without answering\)/)
    expect(reason).toMatch(/The address is right.*check your connection\.$/)
    expect(reason).not.toMatch(/Check the address|https:\/\//)
    expect(line).toContain(reason)
  })

  it('refusing connections (nothing listens there now): says the platform may be restarting', async () => {
    const log = recordingLog()
    const world = await startProxiedExpert(defer, { log })
    await world.proxy.close()
    const { reason } = await reasonAfterLoss(world, log)
    expect(reason).toMatch(/is unreachable \(connection refused\)\. .*the platform may be restarting/)
    expect(reason).not.toMatch(/Check the address/)
  })

  it('answered by a web page in its place, as a Wi-Fi sign-in page does: never told to sign in again with another address', async () => {
    const { reason } = await reasonAfterPageInPlace((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' })
      response.end('<html><body>Accept the terms to use this Wi-Fi</body></html>')
    })
    expect(reason).toMatch(/answered HTTP 200, not as a Standby platform\. /)
    expect(reason).toMatch(/a Wi-Fi sign-in page/)
    expect(reason).not.toMatch(/Check the address|sign in again/)
  })

  it('sent on elsewhere by what answers in its place, as a gateway or a Wi-Fi sign-in page does: never told to sign in with the address named', async () => {
    const { reason } = await reasonAfterPageInPlace((_request, response) => {
      response.writeHead(302, { location: 'https://wifi.example/login' })
      response.end()
    })
    expect(reason).toMatch(/sends Standby on to https:\/\/wifi\.example\/login \(HTTP 302\)/)
    expect(reason).toMatch(/The address is right .*try another network/)
    expect(reason).not.toMatch(/Check the address|sign out/)
  })
})
